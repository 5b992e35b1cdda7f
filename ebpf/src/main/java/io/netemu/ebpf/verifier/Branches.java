package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;

import io.netemu.ebpf.isa.Insn;

/**
 * Conditional jumps, as the kernel's {@code check_cond_jmp_op}: each side of the branch learns
 * what the condition says about its registers (a narrower range, a null-checked map value, a
 * packet range proven against data_end), and a side whose condition cannot hold is not walked.
 */
final class Branches {
    private Branches() {}

    private static final long U32 = 0xffffffffL;

    /**
     * Refines {@code fall} (condition false) and {@code taken} (condition true), both copies of
     * the state at the jump. Either comes back null when that side cannot happen.
     */
    static VerifierState[] split(Env env, VerifierState st, long w) {
        int code = Insn.opcode(w), op = code & OP_MASK, dstno = Insn.dst(w), srcno = Insn.src(w);
        boolean is32 = (code & CLASS_MASK) == JMP32, x = (code & SRC_MASK) == X;
        int imm = Insn.imm(w);
        RegState dst = Env.readable(st, dstno);
        RegState src;
        if (x) src = Env.readable(st, srcno);
        else {
            src = new RegState();
            boolean signed = op == JSGT || op == JSGE || op == JSLT || op == JSLE;
            src.markConst(!is32 || signed ? imm : imm & U32);
        }
        VerifierState taken = st.copy(), fall = st;

        if (dst.type.isPointer() || src.type.isPointer()) {
            pointers(env, dstno, dst, src, op, is32, x ? srcno : -1, taken, fall);
            return new VerifierState[] {fall.insnIdx < 0 ? null : fall, taken.insnIdx < 0 ? null : taken};
        }
        RegState tDst = taken.reg(dstno), fDst = fall.reg(dstno);
        RegState tSrc = x ? taken.reg(srcno) : src.copy(), fSrc = x ? fall.reg(srcno) : src.copy();
        if (is32) {
            // Refine only when the 32-bit comparison means the same as the 64-bit one.
            boolean signed = op == JSGT || op == JSGE || op == JSLT || op == JSLE;
            long lim = signed ? 0x7fffffffL : U32;
            boolean fits = Long.compareUnsigned(dst.umax, lim) <= 0 && (!x || Long.compareUnsigned(src.umax, lim) <= 0);
            if (!fits) {
                if (dst.isConst() && src.isConst()) {
                    boolean t = cmp32(op, (int) dst.umin, (int) src.umin);
                    return new VerifierState[] {t ? null : fall, t ? taken : null};
                }
                return new VerifierState[] {fall, taken};
            }
        }
        boolean tOk = refine(op, true, tDst, tSrc), fOk = refine(op, false, fDst, fSrc);
        return new VerifierState[] {fOk ? fall : null, tOk ? taken : null};
    }

    /** Narrows a and b by "a op b" being {@code holds}; false when that is impossible. */
    static boolean refine(int op, boolean holds, RegState a, RegState b) {
        if (!holds) {
            switch (op) {
                case JEQ -> op = JNE;
                case JNE -> op = JEQ;
                case JGT -> { op = JGE; RegState t = a; a = b; b = t; }   // !(a > b)  == b >= a
                case JGE -> { op = JGT; RegState t = a; a = b; b = t; }
                case JLT -> op = JGE;                                     // !(a < b)  == a >= b
                case JLE -> op = JGT;
                case JSGT -> { op = JSGE; RegState t = a; a = b; b = t; }
                case JSGE -> { op = JSGT; RegState t = a; a = b; b = t; }
                case JSLT -> op = JSGE;
                case JSLE -> op = JSGT;
                case JSET -> { return !(a.isConst() && b.isConst() && (a.umin & b.umin) != 0); }
                default -> { return true; }
            }
        }
        switch (op) {
            case JLT -> { op = JGT; RegState t = a; a = b; b = t; }
            case JLE -> { op = JGE; RegState t = a; a = b; b = t; }
            case JSLT -> { op = JSGT; RegState t = a; a = b; b = t; }
            case JSLE -> { op = JSGE; RegState t = a; a = b; b = t; }
            default -> { }
        }
        switch (op) {
            case JEQ -> {
                long umin = Bounds.maxU(a.umin, b.umin), umax = Bounds.minU(a.umax, b.umax);
                long smin = Math.max(a.smin, b.smin), smax = Math.min(a.smax, b.smax);
                a.umin = b.umin = umin; a.umax = b.umax = umax; a.smin = b.smin = smin; a.smax = b.smax = smax;
            }
            case JNE -> {
                if (b.isConst()) trimEnds(a, b.umin);
                if (a.isConst()) trimEnds(b, a.umin);
            }
            case JGT -> { // a > b
                if (b.umin == -1L || a.umax == 0) return false;
                a.umin = Bounds.maxU(a.umin, b.umin + 1);
                b.umax = Bounds.minU(b.umax, a.umax - 1);
            }
            case JGE -> {
                a.umin = Bounds.maxU(a.umin, b.umin);
                b.umax = Bounds.minU(b.umax, a.umax);
            }
            case JSGT -> {
                if (b.smin == Long.MAX_VALUE || a.smax == Long.MIN_VALUE) return false;
                a.smin = Math.max(a.smin, b.smin + 1);
                b.smax = Math.min(b.smax, a.smax - 1);
            }
            case JSGE -> {
                a.smin = Math.max(a.smin, b.smin);
                b.smax = Math.min(b.smax, a.smax);
            }
            case JSET -> {
                if (a.isConst() && b.isConst()) return (a.umin & b.umin) != 0;
                // every bit a can have lies below the mask's lowest bit
                if (b.isConst() && Long.compareUnsigned(a.umax, Long.lowestOneBit(b.umin)) < 0) return false;
            }
            default -> { }
        }
        return Bounds.sync(a) && Bounds.sync(b);
    }

    /** "x != v": drop v when it is one end of x's range. */
    private static void trimEnds(RegState x, long v) {
        if (x.umin == v && x.umax == v) { x.umin = 1; x.umax = 0; return; } // empty
        if (x.umin == v) x.umin++;
        else if (x.umax == v) x.umax--;
        if (x.smin == v && x.smin != x.smax) x.smin++;
        else if (x.smax == v && x.smin != x.smax) x.smax--;
    }

    private static boolean cmp32(int op, int a, int b) {
        return switch (op) {
            case JEQ -> a == b;
            case JNE -> a != b;
            case JGT -> Integer.compareUnsigned(a, b) > 0;
            case JGE -> Integer.compareUnsigned(a, b) >= 0;
            case JLT -> Integer.compareUnsigned(a, b) < 0;
            case JLE -> Integer.compareUnsigned(a, b) <= 0;
            case JSGT -> a > b;
            case JSGE -> a >= b;
            case JSLT -> a < b;
            case JSLE -> a <= b;
            case JSET -> (a & b) != 0;
            default -> true;
        };
    }

    private static void pointers(Env env, int dstno, RegState dst, RegState src, int op, boolean is32, int srcno,
                                 VerifierState taken, VerifierState fall) {
        if (dst.type.isPointer() && src.type.isPointer()) {
            if (!is32 && packetVsEnd(dst, src, op, dstno, srcno, taken, fall)) return;
            if (dst.type == src.type && dst.type != RegType.PTR_TO_MAP_VALUE_OR_NULL) return; // both sides possible
            throw Env.fail("R" + dstno + " pointer comparison prohibited");
        }
        RegState ptr = dst.type.isPointer() ? dst : src;
        RegState other = ptr == dst ? src : dst;
        if (is32 || !(op == JEQ || op == JNE) || !other.isConst() || other.umin != 0)
            throw Env.fail("R" + (ptr == dst ? dstno : srcno) + " pointer comparison prohibited");
        // ptr == NULL
        VerifierState isNull = op == JEQ ? taken : fall, notNull = op == JEQ ? fall : taken;
        if (ptr.type == RegType.PTR_TO_MAP_VALUE_OR_NULL) {
            int id = ptr.id;
            isNull.forEachReg(r -> { if (r.type == RegType.PTR_TO_MAP_VALUE_OR_NULL && r.id == id) r.markConst(0); });
            notNull.forEachReg(r -> {
                if (r.type == RegType.PTR_TO_MAP_VALUE_OR_NULL && r.id == id) { r.type = RegType.PTR_TO_MAP_VALUE; r.id = 0; }
            });
        } else {
            // Every other pointer is known not to be NULL: the NULL side never happens.
            isNull.insnIdx = -1;
        }
    }

    /**
     * pkt vs pkt_end (or pkt_meta vs pkt) in any order and direction: the side where the pointer
     * is at most the end learns that the bytes before it are in the packet.
     */
    private static boolean packetVsEnd(RegState dst, RegState src, int op, int dstno, int srcno,
                                       VerifierState taken, VerifierState fall) {
        RegState pkt;
        boolean swapped;
        if (isPktAndEnd(dst, src)) { pkt = dst; swapped = false; }
        else if (isPktAndEnd(src, dst)) { pkt = src; swapped = true; }
        else return false;
        if (swapped) {
            op = switch (op) { case JGT -> JLT; case JLT -> JGT; case JGE -> JLE; case JLE -> JGE; default -> op; };
        }
        // pkt op end
        VerifierState side;
        boolean rightOpen;
        switch (op) {
            case JGT -> { side = fall; rightOpen = false; }   // pkt <= end
            case JGE -> { side = fall; rightOpen = true; }    // pkt < end
            case JLT -> { side = taken; rightOpen = true; }
            case JLE -> { side = taken; rightOpen = false; }
            default -> { return true; }
        }
        if (pkt.off < 0 || (pkt.off == 0 && rightOpen)) return true;
        if (Long.compareUnsigned(pkt.umax, MemAccess.MAX_PACKET_OFF) > 0
                || pkt.umax + pkt.off > MemAccess.MAX_PACKET_OFF) return true;
        int newRange = pkt.off + (rightOpen ? 1 : 0);
        RegType t = pkt.type;
        int id = pkt.id;
        side.forEachReg(r -> { if (r.type == t && r.id == id) r.range = Math.max(r.range, newRange); });
        return true;
    }

    private static boolean isPktAndEnd(RegState p, RegState e) {
        return (p.type == RegType.PTR_TO_PACKET && e.type == RegType.PTR_TO_PACKET_END)
                || (p.type == RegType.PTR_TO_PACKET_META && e.type == RegType.PTR_TO_PACKET);
    }
}
