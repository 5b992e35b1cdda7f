package io.netemu.ebpf.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.isa.Opcodes;
import java.util.Map;

/**
 * Checks a loaded program against llvm-objdump's view of the same object: unrelocated slots are
 * unchanged, each R_BPF_64_64 slot names the expected map, and each bpf-to-bpf call lands on a
 * copy of the function objdump says it calls.
 */
final class LinkedProgramCheck {
    /** What an ld_imm64 of {@code symbol} must become: src, the map's name, the value offset. */
    record MapRef(int src, String map, int offset) {}

    private LinkedProgramCheck() {}

    static void check(BpfObject obj, ProgramSpec p, ObjdumpListing l, Map<String, MapRef> refs) {
        ObjdumpListing.Func entry = l.functions.get(p.name());
        assertNotNull(entry, p.name() + " not in objdump listing");
        checkFunction(obj, p, l, refs, entry.section(), entry.slot(), 0, 0);
    }

    private static void checkFunction(BpfObject obj, ProgramSpec p, ObjdumpListing l, Map<String, MapRef> refs,
                                      String section, int start, int base, int depth) {
        assertTrue(depth < 8, "call chain too deep");
        long[] orig = l.section(section);
        int end = l.functionEnd(section, start);
        for (int s = start; s < end; s++) {
            int at = base + s - start;
            long o = orig[s], w = p.insns()[at];
            ObjdumpListing.Reloc r = reloc(l, section, s);
            String where = p.name() + " slot " + at + " (" + section + " slot " + s + ")";
            if (r != null && r.type().equals("R_BPF_64_64")) {
                MapRef ref = refs.get(r.symbol());
                assertNotNull(ref, where + ": no expectation for " + r.symbol());
                assertEquals(Insn.opcode(o), Insn.opcode(w), where);
                assertEquals(Insn.dst(o), Insn.dst(w), where);
                assertEquals(ref.src(), Insn.src(w), where + " src");
                assertEquals(obj.mapIndex(ref.map()), Insn.imm(w), where + " map index of " + ref.map());
                assertTrue(obj.mapIndex(ref.map()) >= 0, where + ": map " + ref.map() + " missing");
                assertEquals(ref.offset(), Insn.imm(p.insns()[at + 1]), where + " value offset");
                s++;
            } else if (Insn.opcode(o) == Opcodes.CALL_INSN && Insn.src(o) == Opcodes.PSEUDO_CALL) {
                ObjdumpListing.Func callee = callee(l, section, s, o, r);
                int target = at + Insn.imm(w) + 1;
                assertEquals(o & 0xffffffffL, w & 0xffffffffL, where + ": call opcode/regs");
                assertTrue(target >= 0 && target < p.insns().length, where + ": call lands outside the program");
                checkFunction(obj, p, l, refs, callee.section(), callee.slot(), target, depth + 1);
            } else {
                assertEquals(o, w, where + " unchanged");
                if (Insn.opcode(o) == Opcodes.LDDW) {
                    s++;
                    assertEquals(orig[s], p.insns()[at + 1], where + " second slot");
                }
            }
        }
    }

    private static ObjdumpListing.Func callee(ObjdumpListing l, String section, int s, long o, ObjdumpListing.Reloc r) {
        if (r == null) return new ObjdumpListing.Func(section, s + Insn.imm(o) + 1);
        ObjdumpListing.Func f = l.functions.get(r.symbol());
        if (f != null) return new ObjdumpListing.Func(f.section(), f.slot() + Insn.imm(o) + 1);
        return new ObjdumpListing.Func(r.symbol(), Insn.imm(o) + 1); // a section symbol
    }

    private static ObjdumpListing.Reloc reloc(ObjdumpListing l, String section, int slot) {
        for (ObjdumpListing.Reloc r : l.relocs.get(section)) if (r.slot() == slot) return r;
        return null;
    }
}
