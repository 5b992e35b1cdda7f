package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;

import io.netemu.ebpf.isa.Insn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny assembler for test programs: one method per instruction form, jumps by label so a test
 * reads like the listing it describes.
 */
final class Asm {
    private final List<Long> words = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();
    private final Map<Integer, String> jumpFixups = new HashMap<>();
    private final Map<Integer, String> callFixups = new HashMap<>();

    static final int R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6, R7 = 7, R8 = 8, R9 = 9, R10 = 10;

    Asm raw(long w) { words.add(w); return this; }
    Asm insn(int code, int dst, int src, int off, int imm) { return raw(Insn.encode(code, dst, src, off, imm)); }

    Asm label(String name) { labels.put(name, words.size()); return this; }

    // ALU
    Asm mov(int dst, int imm) { return insn(ALU64 | MOV | K, dst, 0, 0, imm); }
    Asm movr(int dst, int src) { return insn(ALU64 | MOV | X, dst, src, 0, 0); }
    Asm mov32(int dst, int imm) { return insn(ALU | MOV | K, dst, 0, 0, imm); }
    Asm alu(int op, int dst, int imm) { return insn(ALU64 | op | K, dst, 0, 0, imm); }
    Asm alur(int op, int dst, int src) { return insn(ALU64 | op | X, dst, src, 0, 0); }
    Asm alu32(int op, int dst, int imm) { return insn(ALU | op | K, dst, 0, 0, imm); }
    Asm add(int dst, int imm) { return alu(ADD, dst, imm); }
    Asm addr(int dst, int src) { return alur(ADD, dst, src); }

    // memory
    Asm ldx(int size, int dst, int src, int off) { return insn(LDX | MEM | size, dst, src, off, 0); }
    Asm stx(int size, int dst, int src, int off) { return insn(STX | MEM | size, dst, src, off, 0); }
    Asm st(int size, int dst, int off, int imm) { return insn(ST | MEM | size, dst, 0, off, imm); }
    Asm xadd(int size, int dst, int src, int off) { return insn(STX | ATOMIC | size, dst, src, off, ADD); }

    Asm ld64(int dst, long v) {
        insn(LDDW, dst, 0, 0, (int) v);
        return insn(0, 0, 0, 0, (int) (v >>> 32));
    }
    Asm ldMap(int dst, int mapIndex) {
        insn(LDDW, dst, PSEUDO_MAP_FD, 0, mapIndex);
        return insn(0, 0, 0, 0, 0);
    }
    Asm ldMapValue(int dst, int mapIndex, int off) {
        insn(LDDW, dst, PSEUDO_MAP_VALUE, 0, mapIndex);
        return insn(0, 0, 0, 0, off);
    }

    // jumps
    Asm ja(String label) { jumpFixups.put(words.size(), label); return insn(JMP | JA, 0, 0, 0, 0); }
    Asm ja(int off) { return insn(JMP | JA, 0, 0, off, 0); }
    Asm jmp(int op, int dst, int imm, String label) { jumpFixups.put(words.size(), label); return insn(JMP | op | K, dst, 0, 0, imm); }
    Asm jmpr(int op, int dst, int src, String label) { jumpFixups.put(words.size(), label); return insn(JMP | op | X, dst, src, 0, 0); }
    Asm jmp32(int op, int dst, int imm, String label) { jumpFixups.put(words.size(), label); return insn(JMP32 | op | K, dst, 0, 0, imm); }
    Asm call(int helper) { return insn(CALL_INSN, 0, 0, 0, helper); }
    Asm callLocal(String label) { callFixups.put(words.size(), label); return insn(CALL_INSN, 0, PSEUDO_CALL, 0, 0); }
    Asm exit() { return insn(EXIT_INSN, 0, 0, 0, 0); }

    /** r2 = data, r3 = data_end, from the context in r1. */
    Asm loadPacket() { return ldx(W, R2, R1, 0).ldx(W, R3, R1, 4); }

    /** r0 = action; exit */
    Asm ret(int action) { return mov(R0, action).exit(); }

    long[] build() {
        long[] out = new long[words.size()];
        for (int i = 0; i < out.length; i++) out[i] = words.get(i);
        jumpFixups.forEach((at, l) -> out[at] = Insn.encode(Insn.opcode(out[at]), Insn.dst(out[at]), Insn.src(out[at]), target(l) - at - 1, Insn.imm(out[at])));
        callFixups.forEach((at, l) -> out[at] = Insn.withImm(out[at], target(l) - at - 1));
        return out;
    }

    private int target(String label) {
        Integer t = labels.get(label);
        if (t == null) throw new IllegalArgumentException("no label " + label);
        return t;
    }
}
