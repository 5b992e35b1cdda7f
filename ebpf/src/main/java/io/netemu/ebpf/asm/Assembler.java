package io.netemu.ebpf.asm;

import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.isa.Opcodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text assembly of the bpf_conformance suite (its FORMAT.md): {@code %rN} registers,
 * {@code [%rN+off]} memory operands, labels, a 32 suffix for the 32-bit forms, lddw in two
 * slots, and an implicit label {@code exit} at the first exit instruction. Jump offsets count
 * slots from the next one. Errors name the line.
 *
 * <p>One extension, for programs that use maps: {@code lddw %rN, map:I} is ld_imm64 with
 * PSEUDO_MAP_FD naming map I of the program, and {@code lddw %rN, mapval:I:OFF} is
 * PSEUDO_MAP_VALUE (byte OFF of value 0 of map I).
 */
public final class Assembler {
    private Assembler() {}

    private static final Map<String, Integer> ALU = Map.ofEntries(
            Map.entry("add", Opcodes.ADD), Map.entry("sub", Opcodes.SUB), Map.entry("mul", Opcodes.MUL),
            Map.entry("div", Opcodes.DIV), Map.entry("or", Opcodes.OR), Map.entry("and", Opcodes.AND),
            Map.entry("lsh", Opcodes.LSH), Map.entry("rsh", Opcodes.RSH), Map.entry("mod", Opcodes.MOD),
            Map.entry("xor", Opcodes.XOR), Map.entry("mov", Opcodes.MOV), Map.entry("arsh", Opcodes.ARSH),
            Map.entry("sdiv", Opcodes.DIV), Map.entry("smod", Opcodes.MOD));

    private static final Map<String, Integer> JUMPS = Map.ofEntries(
            Map.entry("jeq", Opcodes.JEQ), Map.entry("jgt", Opcodes.JGT), Map.entry("jge", Opcodes.JGE),
            Map.entry("jset", Opcodes.JSET), Map.entry("jne", Opcodes.JNE), Map.entry("jsgt", Opcodes.JSGT),
            Map.entry("jsge", Opcodes.JSGE), Map.entry("jlt", Opcodes.JLT), Map.entry("jle", Opcodes.JLE),
            Map.entry("jslt", Opcodes.JSLT), Map.entry("jsle", Opcodes.JSLE));

    private static final Map<String, Integer> ATOMIC = Map.of(
            "add", Opcodes.ADD, "or", Opcodes.OR, "and", Opcodes.AND, "xor", Opcodes.XOR,
            "xchg", Opcodes.ATOMIC_XCHG, "cmpxchg", Opcodes.ATOMIC_CMPXCHG);

    private static final Map<String, Integer> SIZES = Map.of("b", Opcodes.B, "h", Opcodes.H, "w", Opcodes.W, "dw", Opcodes.DW);

    private record Line(int number, String mnemonic, List<String> operands, int slot) {}

    /** Assembles a whole program; throws {@link AsmException} naming the first bad line. */
    public static long[] assemble(String source) {
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        int slot = 0;
        int firstExit = -1;
        String[] text = source.split("\n", -1);
        for (int n = 1; n <= text.length; n++) {
            String s = text[n - 1];
            int hash = s.indexOf('#');
            if (hash >= 0) s = s.substring(0, hash);
            s = s.strip();
            int colon;
            while ((colon = s.indexOf(':')) >= 0 && isName(s.substring(0, colon).strip())) {
                String label = s.substring(0, colon).strip();
                if (labels.put(label, slot) != null) throw new AsmException(n, "label " + label + " defined twice");
                s = s.substring(colon + 1).strip();
            }
            if (s.isEmpty()) continue;
            String[] parts = s.split("[\\s,]+");
            String mnemonic = parts[0].toLowerCase();
            List<String> operands = new ArrayList<>();
            if (mnemonic.equals("lock")) {
                // "lock [fetch] op[32] [%rD+off], %rS": fold the words into one mnemonic
                StringBuilder m = new StringBuilder("lock");
                int i = 1;
                while (i < parts.length && !parts[i].startsWith("[")) m.append(' ').append(parts[i++].toLowerCase());
                mnemonic = m.toString();
                for (; i < parts.length; i++) operands.add(parts[i]);
            } else {
                for (int i = 1; i < parts.length; i++) operands.add(parts[i]);
            }
            if (mnemonic.equals("exit") && firstExit < 0) firstExit = slot;
            lines.add(new Line(n, mnemonic, operands, slot));
            slot += mnemonic.equals("lddw") ? 2 : 1;
        }
        if (firstExit >= 0) labels.putIfAbsent("exit", firstExit);
        long[] out = new long[slot];
        for (Line l : lines) encode(l, labels, out);
        return out;
    }

    private static boolean isName(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '.');
    }

    private static void encode(Line l, Map<String, Integer> labels, long[] out) {
        String m = l.mnemonic;
        List<String> ops = l.operands;
        int at = l.slot;
        int n = l.number;
        try {
            if (m.equals("exit")) { count(l, 0); out[at] = Insn.encode(Opcodes.EXIT_INSN, 0, 0, 0, 0); return; }
            if (m.equals("lddw")) {
                count(l, 2);
                String v = ops.get(1);
                int dst = reg(n, ops.get(0));
                if (v.startsWith("map:")) { // netemu's extension: ld_imm64 PSEUDO_MAP_FD, imm = map index
                    out[at] = Insn.encode(Opcodes.LDDW, dst, Opcodes.PSEUDO_MAP_FD, 0, imm32(n, v.substring(4)));
                    return;
                }
                if (v.startsWith("mapval:")) { // PSEUDO_MAP_VALUE: mapval:INDEX:OFFSET
                    String[] p = v.split(":");
                    if (p.length != 3) throw new AsmException(n, "expected mapval:INDEX:OFFSET, got '" + v + "'");
                    out[at] = Insn.encode(Opcodes.LDDW, dst, Opcodes.PSEUDO_MAP_VALUE, 0, imm32(n, p[1]));
                    out[at + 1] = Insn.encode(0, 0, 0, 0, imm32(n, p[2]));
                    return;
                }
                long k = imm64(n, v);
                out[at] = Insn.encode(Opcodes.LDDW, dst, 0, 0, (int) k);
                out[at + 1] = Insn.encode(0, 0, 0, 0, (int) (k >>> 32));
                return;
            }
            if (m.equals("call")) { call(l, labels, out); return; }
            if (m.equals("ja") || m.equals("ja32")) {
                count(l, 1);
                int rel = target(l, labels, ops.get(0));
                out[at] = m.equals("ja") ? Insn.encode(Opcodes.JMP | Opcodes.JA, 0, 0, off16(n, rel), 0)
                        : Insn.encode(Opcodes.JMP32 | Opcodes.JA, 0, 0, 0, rel);
                return;
            }
            if (m.startsWith("lock")) { atomic(l, out); return; }
            if (m.matches("(be|le|bswap|swap)(16|32|64)")) {
                count(l, 1);
                int bits = Integer.parseInt(m.replaceAll("\\D", ""));
                int opc = m.startsWith("le") ? Opcodes.ALU | Opcodes.END | Opcodes.K
                        : m.startsWith("be") ? Opcodes.ALU | Opcodes.END | Opcodes.X
                        : Opcodes.ALU64 | Opcodes.END;
                out[at] = Insn.encode(opc, reg(n, ops.get(0)), 0, 0, bits);
                return;
            }
            if (m.matches("movsx(8|16|32)(32|64)")) {
                count(l, 2);
                String widths = m.substring(5);
                int from = widths.startsWith("8") ? 8 : Integer.parseInt(widths.substring(0, 2));
                boolean is64 = widths.endsWith("64");
                if (from == 32 && !is64) throw new AsmException(n, "movsx3232 does not exist");
                out[at] = Insn.encode((is64 ? Opcodes.ALU64 : Opcodes.ALU) | Opcodes.MOV | Opcodes.X,
                        reg(n, ops.get(0)), reg(n, ops.get(1)), from, 0);
                return;
            }
            if (m.startsWith("ldx")) { load(l, out); return; }
            if (m.startsWith("st")) { store(l, out); return; }
            String base = m.endsWith("32") || m.endsWith("64") ? m.substring(0, m.length() - 2) : m;
            boolean is32 = m.endsWith("32");
            if (base.equals("neg")) {
                count(l, 1);
                out[at] = Insn.encode((is32 ? Opcodes.ALU : Opcodes.ALU64) | Opcodes.NEG, reg(n, ops.get(0)), 0, 0, 0);
                return;
            }
            Integer aluOp = ALU.get(base);
            if (aluOp != null) {
                count(l, 2);
                int cls = is32 ? Opcodes.ALU : Opcodes.ALU64;
                int signed = base.startsWith("s") ? 1 : 0;
                int dst = reg(n, ops.get(0));
                String src = ops.get(1);
                out[at] = isReg(src) ? Insn.encode(cls | aluOp | Opcodes.X, dst, reg(n, src), signed, 0)
                        : Insn.encode(cls | aluOp | Opcodes.K, dst, 0, signed, imm32(n, src));
                return;
            }
            Integer jmpOp = JUMPS.get(base);
            if (jmpOp != null) {
                count(l, 3);
                int cls = is32 ? Opcodes.JMP32 : Opcodes.JMP;
                int dst = reg(n, ops.get(0));
                String src = ops.get(1);
                int rel = off16(n, target(l, labels, ops.get(2)));
                out[at] = isReg(src) ? Insn.encode(cls | jmpOp | Opcodes.X, dst, reg(n, src), rel, 0)
                        : Insn.encode(cls | jmpOp | Opcodes.K, dst, 0, rel, imm32(n, src));
                return;
            }
            throw new AsmException(n, "unknown mnemonic '" + m + "'");
        } catch (IndexOutOfBoundsException e) {
            throw new AsmException(n, "too few operands for " + m);
        }
    }

    private static void call(Line l, Map<String, Integer> labels, long[] out) {
        List<String> ops = l.operands;
        int n = l.number;
        if (ops.size() == 2 && ops.get(0).equals("local")) {
            out[l.slot] = Insn.encode(Opcodes.CALL_INSN, 0, Opcodes.PSEUDO_CALL, 0, target(l, labels, ops.get(1)));
            return;
        }
        count(l, 1);
        String t = ops.get(0);
        out[l.slot] = isReg(t) ? Insn.encode(Opcodes.JMP | Opcodes.CALL | Opcodes.X, reg(n, t), 0, 0, 0)
                : Insn.encode(Opcodes.CALL_INSN, 0, 0, 0, imm32(n, t));
    }

    private static void atomic(Line l, long[] out) {
        int n = l.number;
        count(l, 2);
        String[] words = l.mnemonic.split(" ");
        boolean fetch = words.length == 3 && words[1].equals("fetch");
        if (words.length != (fetch ? 3 : 2)) throw new AsmException(n, "bad atomic form '" + l.mnemonic + "'");
        String op = words[words.length - 1];
        boolean is32 = op.endsWith("32");
        if (is32 || op.endsWith("64")) op = op.substring(0, op.length() - 2);
        Integer imm = ATOMIC.get(op);
        if (imm == null) throw new AsmException(n, "unknown atomic operation '" + op + "'");
        if (fetch && (imm & Opcodes.ATOMIC_FETCH) == 0) imm |= Opcodes.ATOMIC_FETCH;
        int[] mem = memory(n, l.operands.get(0));
        int opc = Opcodes.STX | Opcodes.ATOMIC | (is32 ? Opcodes.W : Opcodes.DW);
        out[l.slot] = Insn.encode(opc, mem[0], reg(n, l.operands.get(1)), mem[1], imm);
    }

    private static void load(Line l, long[] out) {
        int n = l.number;
        count(l, 2);
        String rest = l.mnemonic.substring(3);
        boolean signed = rest.startsWith("s") && SIZES.containsKey(rest.substring(1));
        Integer size = SIZES.get(signed ? rest.substring(1) : rest);
        if (size == null || (signed && size == Opcodes.DW)) throw new AsmException(n, "unknown mnemonic '" + l.mnemonic + "'");
        int[] mem = memory(n, l.operands.get(1));
        out[l.slot] = Insn.encode(Opcodes.LDX | size | (signed ? Opcodes.MEMSX : Opcodes.MEM),
                reg(n, l.operands.get(0)), mem[0], mem[1], 0);
    }

    private static void store(Line l, long[] out) {
        int n = l.number;
        count(l, 2);
        boolean fromReg = l.mnemonic.startsWith("stx");
        Integer size = SIZES.get(l.mnemonic.substring(fromReg ? 3 : 2));
        if (size == null) throw new AsmException(n, "unknown mnemonic '" + l.mnemonic + "'");
        int[] mem = memory(n, l.operands.get(0));
        String v = l.operands.get(1);
        out[l.slot] = fromReg ? Insn.encode(Opcodes.STX | size | Opcodes.MEM, mem[0], reg(n, v), mem[1], 0)
                : Insn.encode(Opcodes.ST | size | Opcodes.MEM, mem[0], 0, mem[1], imm32(n, v));
    }

    private static void count(Line l, int expected) {
        if (l.operands.size() != expected) {
            throw new AsmException(l.number, l.mnemonic + " takes " + expected + " operand(s), got " + l.operands.size());
        }
    }

    private static boolean isReg(String s) { return s.startsWith("%"); }

    private static int reg(int n, String s) {
        if (!s.matches("%r\\d{1,2}")) throw new AsmException(n, "expected a register, got '" + s + "'");
        int r = Integer.parseInt(s.substring(2));
        if (r > 10) throw new AsmException(n, "no register " + s);
        return r;
    }

    /** {@code [%rN]}, {@code [%rN+off]} or {@code [%rN-off]}: {register, offset}. */
    private static int[] memory(int n, String s) {
        if (!s.startsWith("[") || !s.endsWith("]")) throw new AsmException(n, "expected [%rN+off], got '" + s + "'");
        String in = s.substring(1, s.length() - 1);
        int sign = Math.max(in.indexOf('+'), in.indexOf('-'));
        if (sign < 0) return new int[] {reg(n, in), 0};
        int r = reg(n, in.substring(0, sign));
        long v = number(n, in.substring(sign + 1));
        if (v > 0xffff) throw new AsmException(n, "offset out of range: " + s);
        int off = (short) v;
        return new int[] {r, in.charAt(sign) == '-' ? -off : off};
    }

    private static int target(Line l, Map<String, Integer> labels, String t) {
        if (t.startsWith("+") || t.startsWith("-")) return (int) number(l.number, t);
        Integer slot = labels.get(t);
        if (slot == null) throw new AsmException(l.number, "undefined label '" + t + "'");
        return slot - (l.slot + 1);
    }

    private static int off16(int n, int rel) {
        if (rel < Short.MIN_VALUE || rel > Short.MAX_VALUE) throw new AsmException(n, "jump too far: " + rel);
        return rel;
    }

    /** Hex is unsigned and must fit 32 bits; decimal is signed and must fit int32. */
    private static int imm32(int n, String s) {
        long v = number(n, s);
        boolean hex = s.toLowerCase().contains("0x");
        if (hex ? (v < -0xffffffffL || v > 0xffffffffL) : (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw new AsmException(n, "immediate out of 32-bit range: " + s);
        }
        return (int) v;
    }

    private static long imm64(int n, String s) {
        return number(n, s);
    }

    private static long number(int n, String s) {
        String t = s.strip();
        boolean neg = false;
        if (t.startsWith("+")) t = t.substring(1);
        else if (t.startsWith("-")) { neg = true; t = t.substring(1); }
        try {
            if (t.toLowerCase().startsWith("0x")) {
                long v = Long.parseUnsignedLong(t.substring(2), 16);
                return neg ? -v : v;
            }
            return Long.parseLong(neg ? "-" + t : t);
        } catch (NumberFormatException e) {
            throw new AsmException(n, "not a number: '" + s + "'");
        }
    }
}
