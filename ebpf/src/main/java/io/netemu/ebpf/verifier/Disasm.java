package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;

import io.netemu.ebpf.isa.Insn;

/** One instruction as the kernel verifier's log prints it, e.g. {@code (b7) r0 = 2}. */
final class Disasm {
    private Disasm() {}

    private static final String[] ALU_OPS = {"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "endian"};
    private static final String[] JMP_OPS = {"goto", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit", "<", "<=", "s<", "s<="};

    static String sizeName(int size) {
        return switch (size) { case W -> "u32"; case H -> "u16"; case B -> "u8"; default -> "u64"; };
    }

    static String insn(long[] insns, int idx) {
        long w = insns[idx];
        int code = Insn.opcode(w), cls = code & CLASS_MASK, dst = Insn.dst(w), src = Insn.src(w);
        int off = Insn.off(w), imm = Insn.imm(w);
        String head = String.format("(%02x) ", code);
        switch (cls) {
            case ALU, ALU64 -> {
                char r = cls == ALU64 ? 'r' : 'w';
                int op = code & OP_MASK;
                if (op == NEG) return head + r + dst + " = -" + r + dst;
                if (op == END) return head + "r" + dst + " = " + ((code & SRC_MASK) == X ? "be" : "le") + imm + " r" + dst;
                if (op >> 4 >= ALU_OPS.length) return head + "invalid";
                String rhs = (code & SRC_MASK) == X ? "" + r + src : Integer.toString(imm);
                return head + r + dst + " " + ALU_OPS[op >> 4] + " " + rhs;
            }
            case LDX -> {
                return head + "r" + dst + " = *(" + sizeName(code & SIZE_MASK) + " *)(r" + src + " " + signed(off) + ")";
            }
            case ST -> {
                return head + "*(" + sizeName(code & SIZE_MASK) + " *)(r" + dst + " " + signed(off) + ") = " + imm;
            }
            case STX -> {
                String mem = "*(" + sizeName(code & SIZE_MASK) + " *)(r" + dst + " " + signed(off) + ")";
                if ((code & MODE_MASK) == ATOMIC) {
                    if (imm == ATOMIC_XCHG) return head + "r" + src + " = atomic_xchg(" + mem.substring(1) + ", r" + src + ")";
                    if (imm == ATOMIC_CMPXCHG) return head + "r0 = atomic_cmpxchg(" + mem.substring(1) + ", r0, r" + src + ")";
                    int aop = imm & ~ATOMIC_FETCH;
                    String opName = aop >> 4 < ALU_OPS.length ? ALU_OPS[aop >> 4] : "?";
                    if ((imm & ATOMIC_FETCH) != 0) return head + "r" + src + " = atomic_fetch_" + opName + "(" + mem.substring(1) + ", r" + src + ")";
                    return head + "lock " + mem + " " + opName + " r" + src;
                }
                return head + mem + " = r" + src;
            }
            case LD -> {
                if (code == LDDW) {
                    long hi = idx + 1 < insns.length ? Insn.imm(insns[idx + 1]) : 0;
                    if (src == PSEUDO_MAP_FD) return head + "r" + dst + " = map[idx:" + imm + "]";
                    if (src == PSEUDO_MAP_VALUE) return head + "r" + dst + " = map[idx:" + imm + "][0]+" + hi;
                    return head + "r" + dst + " = 0x" + Long.toHexString((hi << 32) | (imm & 0xffffffffL));
                }
                return head + "ld_abs/ind";
            }
            default -> {
                int op = code & OP_MASK;
                if (code == CALL_INSN) {
                    if (src == PSEUDO_CALL) return head + "call pc" + signed(imm);
                    return head + "call " + Helpers.name(imm) + "#" + imm;
                }
                if (code == EXIT_INSN) return head + "exit";
                if (op == JA) return head + "goto pc" + signed(cls == JMP32 ? imm : off);
                if (op >> 4 >= JMP_OPS.length) return head + "invalid";
                char r = cls == JMP ? 'r' : 'w';
                String rhs = (code & SRC_MASK) == X ? "" + r + src : "0x" + Integer.toHexString(imm);
                return head + "if " + r + dst + " " + JMP_OPS[op >> 4] + " " + rhs + " goto pc" + signed(off);
            }
        }
    }

    private static String signed(int v) { return v < 0 ? Integer.toString(v) : "+" + v; }
}
