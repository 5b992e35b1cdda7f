package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;

/**
 * Arithmetic on scalar ranges. Each operation keeps a range only where it can prove no
 * wrap-around happens, and otherwise forgets it; that is enough for the masks, shifts and
 * clamps compilers put before an array index or a packet offset.
 */
final class ScalarAlu {
    private ScalarAlu() {}

    private static final long U32 = 0xffffffffL;

    /** dst = dst op src for ALU64 on two scalars (src may be a constant made from imm). */
    static void alu64(int op, RegState dst, RegState src) {
        if (dst.isConst() && src.isConst()) {
            Long v = constOp64(op, dst.umin, src.umin);
            if (v != null) { dst.markConst(v); return; }
        }
        switch (op) {
            case ADD -> {
                long slo, shi;
                try { slo = Math.addExact(dst.smin, src.smin); shi = Math.addExact(dst.smax, src.smax); }
                catch (ArithmeticException e) { slo = Long.MIN_VALUE; shi = Long.MAX_VALUE; }
                long ulo = dst.umin + src.umin, uhi = dst.umax + src.umax;
                boolean uover = Long.compareUnsigned(uhi, dst.umax) < 0 || Long.compareUnsigned(ulo, dst.umin) < 0;
                set(dst, uover ? 0 : ulo, uover ? -1L : uhi, slo, shi);
            }
            case SUB -> {
                long slo, shi;
                try { slo = Math.subtractExact(dst.smin, src.smax); shi = Math.subtractExact(dst.smax, src.smin); }
                catch (ArithmeticException e) { slo = Long.MIN_VALUE; shi = Long.MAX_VALUE; }
                boolean under = Long.compareUnsigned(dst.umin, src.umax) < 0;
                set(dst, under ? 0 : dst.umin - src.umax, under ? -1L : dst.umax - src.umin, slo, shi);
            }
            case MUL -> {
                if (Long.compareUnsigned(dst.umax, U32) <= 0 && Long.compareUnsigned(src.umax, U32) <= 0
                        && Long.compareUnsigned(dst.umax * src.umax, Long.MAX_VALUE) <= 0) {
                    Bounds.setUnsigned(dst, dst.umin * src.umin, dst.umax * src.umax);
                } else dst.markUnknown();
            }
            case AND -> Bounds.setUnsigned(dst, 0, Bounds.minU(dst.umax, src.umax));
            case OR -> {
                long hi = Bounds.maxU(dst.umax, src.umax);
                Bounds.setUnsigned(dst, Bounds.maxU(dst.umin, src.umin), allOnesCovering(hi));
            }
            case XOR -> Bounds.setUnsigned(dst, 0, allOnesCovering(Bounds.maxU(dst.umax, src.umax)));
            case LSH -> {
                if (src.isConst() && src.umin < 64 && Long.compareUnsigned(dst.umax, -1L >>> src.umin) <= 0) {
                    Bounds.setUnsigned(dst, dst.umin << src.umin, dst.umax << src.umin);
                } else dst.markUnknown();
            }
            case RSH -> {
                if (src.isConst() && src.umin < 64) Bounds.setUnsigned(dst, dst.umin >>> src.umin, dst.umax >>> src.umin);
                else Bounds.setUnsigned(dst, 0, dst.umax);
            }
            case ARSH -> {
                if (src.isConst() && src.umin < 64) Bounds.setSigned(dst, dst.smin >> src.umin, dst.smax >> src.umin);
                else Bounds.setSigned(dst, Math.min(dst.smin, 0), Math.max(dst.smax, 0));
            }
            // Division by zero yields 0 and modulo by zero leaves dst, so neither grows dst.
            case DIV -> {
                if (src.isConst() && src.umin != 0) Bounds.setUnsigned(dst, Long.divideUnsigned(dst.umin, src.umin), Long.divideUnsigned(dst.umax, src.umin));
                else Bounds.setUnsigned(dst, 0, dst.umax);
            }
            case MOD -> {
                if (src.isConst() && src.umin != 0) Bounds.setUnsigned(dst, 0, Bounds.minU(dst.umax, src.umin - 1));
                else Bounds.setUnsigned(dst, 0, dst.umax);
            }
            case MOV -> dst.set(src);
            default -> dst.markUnknown();
        }
    }

    /** dst = (u32) (dst op src) for the 32-bit ALU, zero-extending the result. */
    static void alu32(int op, RegState dst, RegState src) {
        if (dst.isConst() && src.isConst()) {
            Integer v = constOp32(op, (int) dst.umin, (int) src.umin);
            if (v != null) { dst.markConst(v & U32); return; }
        }
        if (op == MOV) {
            if (Long.compareUnsigned(src.umax, U32) <= 0) dst.set(src);
            else dst.markUnknownBits(32);
            return;
        }
        // When both sides already fit in 32 bits, the 64-bit result is the 32-bit one unless it
        // grew past 32 bits.
        if (Long.compareUnsigned(dst.umax, U32) <= 0 && Long.compareUnsigned(src.umax, U32) <= 0
                && op != SUB && op != ARSH && op != NEG && op != LSH) {
            alu64(op, dst, src);
            if (dst.type == RegType.SCALAR && Long.compareUnsigned(dst.umax, U32) <= 0) return;
        }
        dst.markUnknownBits(32);
    }

    static void neg(RegState dst, boolean is64) {
        if (dst.isConst()) dst.markConst(is64 ? -dst.umin : (-(int) dst.umin) & U32);
        else if (is64) dst.markUnknown();
        else dst.markUnknownBits(32);
    }

    /** Byte swap to big-endian ({@code toBe}) or truncation to little-endian, 16/32/64 bits. */
    static void endian(RegState dst, boolean toBe, int bits) {
        if (dst.isConst()) {
            long v = dst.umin;
            long r = switch (bits) {
                case 16 -> toBe ? Short.reverseBytes((short) v) & 0xffffL : v & 0xffffL;
                case 32 -> toBe ? Integer.reverseBytes((int) v) & U32 : v & U32;
                default -> toBe ? Long.reverseBytes(v) : v;
            };
            dst.markConst(r);
        } else if (!toBe && bits < 64 && Long.compareUnsigned(dst.umax, (1L << bits) - 1) <= 0) {
            // truncating a value that already fits changes nothing
        } else dst.markUnknownBits(bits);
    }

    private static void set(RegState dst, long ulo, long uhi, long slo, long shi) {
        dst.umin = ulo; dst.umax = uhi; dst.smin = slo; dst.smax = shi;
        if (!Bounds.sync(dst)) dst.markUnknown();
    }

    private static long allOnesCovering(long v) {
        return v == 0 ? 0 : -1L >>> Long.numberOfLeadingZeros(v);
    }

    private static Long constOp64(int op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> b == 0 ? 0 : Long.divideUnsigned(a, b);
            case MOD -> b == 0 ? a : Long.remainderUnsigned(a, b);
            case OR -> a | b;
            case AND -> a & b;
            case XOR -> a ^ b;
            case LSH -> a << (b & 63);
            case RSH -> a >>> (b & 63);
            case ARSH -> a >> (b & 63);
            case MOV -> b;
            default -> null;
        };
    }

    private static Integer constOp32(int op, int a, int b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> b == 0 ? 0 : Integer.divideUnsigned(a, b);
            case MOD -> b == 0 ? a : Integer.remainderUnsigned(a, b);
            case OR -> a | b;
            case AND -> a & b;
            case XOR -> a ^ b;
            case LSH -> a << (b & 31);
            case RSH -> a >>> (b & 31);
            case ARSH -> a >> (b & 31);
            case MOV -> b;
            default -> null;
        };
    }
}
