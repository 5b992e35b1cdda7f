package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;

import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.map.MapSpec;
import java.util.List;

/**
 * Checks each instruction on its own before any path is walked: a known opcode, register numbers
 * that exist, reserved fields left zero, and well-formed {@code ld_imm64} pairs naming a map the
 * program has. Returns the reason, or null when the instruction is well formed.
 */
final class InsnCheck {
    private InsnCheck() {}

    static String check(long[] insns, int i, List<MapSpec> maps) {
        long w = insns[i];
        int code = Insn.opcode(w), cls = code & CLASS_MASK, dst = Insn.dst(w), src = Insn.src(w);
        int off = Insn.off(w), imm = Insn.imm(w);
        if (dst > 10) return "R" + dst + " is invalid";
        if (src > 10) return "R" + src + " is invalid";
        switch (cls) {
            case ALU, ALU64 -> {
                int op = code & OP_MASK;
                boolean x = (code & SRC_MASK) == X;
                String name = op == MOV ? "BPF_MOV" : op == NEG ? "BPF_NEG" : op == END ? "BPF_END" : "BPF_ALU";
                if (op > END || (op == END && cls == ALU64)) return "unknown opcode " + hex(code);
                if (op == NEG) {
                    if (x || src != 0 || off != 0 || imm != 0) return name + " uses reserved fields";
                } else if (op == END) {
                    if (src != 0 || off != 0 || (imm != 16 && imm != 32 && imm != 64)) return name + " uses reserved fields";
                } else if (x ? (imm != 0 || off != 0) : (src != 0 || off != 0)) {
                    return name + " uses reserved fields";
                }
                if (!x && (op == DIV || op == MOD) && imm == 0) return "div by zero";
                if (!x && (op == LSH || op == RSH || op == ARSH) && (imm < 0 || imm >= (cls == ALU64 ? 64 : 32)))
                    return "invalid shift " + imm;
            }
            case LDX -> {
                if ((code & MODE_MASK) != MEM) return "unknown opcode " + hex(code);
                if (imm != 0) return "BPF_LDX uses reserved fields";
            }
            case ST -> {
                if ((code & MODE_MASK) != MEM) return "unknown opcode " + hex(code);
                if (src != 0) return "BPF_ST uses reserved fields";
            }
            case STX -> {
                int mode = code & MODE_MASK;
                if (mode == MEM) {
                    if (imm != 0) return "BPF_STX uses reserved fields";
                } else if (mode == ATOMIC) {
                    int size = code & SIZE_MASK;
                    if (size != W && size != DW) return "invalid atomic operand size";
                    int aop = imm & ~ATOMIC_FETCH;
                    boolean known = imm == ATOMIC_XCHG || imm == ATOMIC_CMPXCHG
                            || aop == ADD || aop == OR || aop == AND || aop == XOR;
                    if (!known) return "BPF_ATOMIC uses invalid atomic opcode " + hex(imm);
                } else return "unknown opcode " + hex(code);
            }
            case LD -> {
                int mode = code & MODE_MASK;
                if (mode == ABS || mode == IND) return "BPF_LD_[ABS|IND] instructions not allowed for this program type";
                if (code != LDDW) return "unknown opcode " + hex(code);
                if (i + 1 >= insns.length) return "invalid bpf_ld_imm64 insn";
                long w2 = insns[i + 1];
                if (Insn.opcode(w2) != 0 || Insn.dst(w2) != 0 || Insn.src(w2) != 0 || Insn.off(w2) != 0 || off != 0)
                    return "invalid bpf_ld_imm64 insn";
                if (src == PSEUDO_MAP_FD || src == PSEUDO_MAP_VALUE) {
                    if (imm < 0 || imm >= maps.size()) return "fd " + imm + " is not pointing to valid bpf_map";
                    if (src == PSEUDO_MAP_VALUE) {
                        MapSpec m = maps.get(imm);
                        long valOff = Insn.imm(w2) & 0xffffffffL;
                        if (m.type() != io.netemu.ebpf.map.MapType.ARRAY || m.maxEntries() < 1)
                            return "map " + m.name() + " does not support direct value access";
                        if (valOff >= m.valueSize())
                            return "invalid access to map value pointer, value_size=" + m.valueSize() + " off=" + valOff;
                    } else if (Insn.imm(w2) != 0) return "invalid bpf_ld_imm64 insn";
                } else if (src != 0) return "unrecognized bpf_ld_imm64 insn";
            }
            default -> { // JMP, JMP32
                int op = code & OP_MASK;
                boolean x = (code & SRC_MASK) == X;
                if (op > JSLE) return "unknown opcode " + hex(code);
                if (op == CALL || op == EXIT || op == JA) {
                    if (cls == JMP32 || x) return "unknown opcode " + hex(code);
                    if (op == CALL && (off != 0 || dst != 0 || (src != 0 && src != PSEUDO_CALL)))
                        return "BPF_CALL uses reserved fields";
                    if (op == EXIT && (off != 0 || dst != 0 || src != 0 || imm != 0)) return "BPF_EXIT uses reserved fields";
                    if (op == JA && (dst != 0 || src != 0 || imm != 0)) return "BPF_JA uses reserved fields";
                } else if (x ? imm != 0 : src != 0) {
                    return "BPF_JMP/JMP32 uses reserved fields";
                }
            }
        }
        return null;
    }

    private static String hex(int v) { return String.format("%02x", v); }
}
