package io.netemu.ebpf.elf;

import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.isa.Opcodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts one program out of its section and appends the functions it calls, each once, in the
 * order first called (breadth first), as libbpf does before BPF_PROG_LOAD. Call immediates are
 * rewritten relative to the new layout. A call's target comes from its relocation when it has
 * one; otherwise (clang's calls to static functions of the same section) from the call's
 * position in the original section, which is why targets are resolved before cutting.
 */
final class SubprogramLinker {
    private record Placed(CodeSection code, int start, int end, int base) {}

    private final ElfFile elf;
    private final Map<Integer, CodeSection> sections;
    private final List<Placed> placed = new ArrayList<>();
    private final Map<CodeSection.CallTarget, Placed> byTarget = new HashMap<>();
    private int length;

    private SubprogramLinker(ElfFile elf, Map<Integer, CodeSection> sections) {
        this.elf = elf;
        this.sections = sections;
    }

    /** The linked instructions of the program whose entry function starts at {@code start} of {@code code}. */
    static long[] link(ElfFile elf, Map<Integer, CodeSection> sections, CodeSection code, int start) {
        return new SubprogramLinker(elf, sections).run(code, start);
    }

    private long[] run(CodeSection entry, int start) {
        place(new CodeSection.CallTarget(entry.section().index(), start));
        // placing appends to the list, so this walks callees of callees too
        for (int i = 0; i < placed.size(); i++) {
            Placed f = placed.get(i);
            for (int s = f.start(); s < f.end(); s++) {
                long w = f.code().insns()[s];
                if (isCall(w)) place(target(f, s));
                if (Insn.opcode(w) == Opcodes.LDDW) s++;
            }
        }
        long[] out = new long[length];
        for (Placed f : placed) {
            System.arraycopy(f.code().insns(), f.start(), out, f.base(), f.end() - f.start());
            for (int s = f.start(); s < f.end(); s++) {
                long w = f.code().insns()[s];
                if (isCall(w)) {
                    int at = f.base() + s - f.start();
                    out[at] = Insn.withImm(w, byTarget.get(target(f, s)).base() - at - 1);
                }
                if (Insn.opcode(w) == Opcodes.LDDW) s++;
            }
        }
        return out;
    }

    private static boolean isCall(long w) {
        return Insn.opcode(w) == Opcodes.CALL_INSN && Insn.src(w) == Opcodes.PSEUDO_CALL;
    }

    private CodeSection.CallTarget target(Placed f, int slot) {
        CodeSection.CallTarget t = f.code().callTargets().get(slot);
        if (t != null) return t;
        long s = (long) slot + Insn.imm(f.code().insns()[slot]) + 1;
        if (s < 0 || s >= f.code().insns().length)
            throw elf.error("section " + f.code().section().name() + ": call at offset 0x" + Long.toHexString(slot * 8L)
                    + " jumps outside the section and has no relocation");
        return new CodeSection.CallTarget(f.code().section().index(), (int) s);
    }

    private void place(CodeSection.CallTarget t) {
        if (byTarget.containsKey(t)) return;
        CodeSection code = sections.get(t.section());
        ElfSymbol sym = code.functions().get(t.slot());
        if (sym == null && code.functions().floorKey(t.slot()) != null
                && code.end(code.functions().floorKey(t.slot())) > t.slot())
            throw elf.error("section " + code.section().name() + ": a call targets offset 0x" + Long.toHexString(t.slot() * 8L)
                    + ", inside function " + code.functions().floorEntry(t.slot()).getValue().name());
        int end = code.end(t.slot());
        Placed p = new Placed(code, t.slot(), end, length);
        placed.add(p);
        byTarget.put(t, p);
        length += end - t.slot();
    }
}
