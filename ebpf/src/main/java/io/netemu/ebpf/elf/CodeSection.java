package io.netemu.ebpf.elf;

import java.util.Map;
import java.util.TreeMap;

/**
 * One executable section after its map and global data references are relocated:
 * {@code callTargets} maps the slot of each relocated bpf-to-bpf call to the (section, slot) it
 * calls, and {@code functions} maps the first slot of each FUNC symbol to that symbol.
 */
record CodeSection(ElfSection section, long[] insns, Map<Integer, CallTarget> callTargets,
                   TreeMap<Integer, ElfSymbol> functions) {

    record CallTarget(int section, int slot) {}

    /**
     * The slots [start, end) of the function beginning at {@code start}: its symbol's size, or when
     * that is missing up to the next function or the end of the section.
     */
    int end(int start) {
        ElfSymbol f = functions.get(start);
        if (f != null && f.size() > 0) return (int) Math.min(insns.length, start + f.size() / 8);
        Integer next = functions.higherKey(start);
        return next == null ? insns.length : next;
    }
}
