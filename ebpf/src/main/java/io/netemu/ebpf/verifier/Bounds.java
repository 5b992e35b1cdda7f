package io.netemu.ebpf.verifier;

/**
 * Keeping a scalar's unsigned and signed ranges consistent with each other, the way the kernel's
 * {@code __reg_deduce_bounds} lets a check on one view narrow the other.
 */
final class Bounds {
    private Bounds() {}

    static long maxU(long a, long b) { return Long.compareUnsigned(a, b) >= 0 ? a : b; }
    static long minU(long a, long b) { return Long.compareUnsigned(a, b) <= 0 ? a : b; }

    /**
     * Narrows each view by the other. Returns false when the ranges became empty: the path that
     * led here cannot happen (a branch the bounds rule out).
     */
    static boolean sync(RegState r) {
        // Within one half of the number line the two orders agree, so each range bounds the other.
        if ((r.umin ^ r.umax) >= 0) {
            r.smin = Math.max(r.smin, r.umin);
            r.smax = Math.min(r.smax, r.umax);
        }
        if ((r.smin ^ r.smax) >= 0) {
            r.umin = maxU(r.umin, r.smin);
            r.umax = minU(r.umax, r.smax);
        }
        return Long.compareUnsigned(r.umin, r.umax) <= 0 && r.smin <= r.smax;
    }

    /** Unsigned range [lo, hi] with the signed view taken from it. */
    static void setUnsigned(RegState r, long lo, long hi) {
        r.umin = lo; r.umax = hi;
        r.smin = Long.MIN_VALUE; r.smax = Long.MAX_VALUE;
        sync(r);
    }

    /** Signed range [lo, hi] with the unsigned view taken from it. */
    static void setSigned(RegState r, long lo, long hi) {
        r.smin = lo; r.smax = hi;
        r.umin = 0; r.umax = -1L;
        sync(r);
    }

    /** The known-bits pair (value; mask) that covers [umin, umax], as the kernel's tnum_range. */
    static long[] tnum(long umin, long umax) {
        long chi = umin ^ umax;
        int bits = 64 - Long.numberOfLeadingZeros(chi);
        if (bits > 63) return new long[] {0, -1L};
        long delta = (1L << bits) - 1;
        return new long[] {umin & ~delta, delta};
    }

    static String describe(long umin, long umax, long smin, long smax) {
        StringBuilder b = new StringBuilder();
        if (smin != Long.MIN_VALUE && smin != umin) b.append("smin=").append(smin).append(',');
        if (smax != Long.MAX_VALUE && smax != umax) b.append("smax=").append(smax).append(',');
        if (umin != 0) b.append("umin=").append(Long.toUnsignedString(umin)).append(',');
        if (umax != -1L) b.append("umax=").append(Long.toUnsignedString(umax)).append(',');
        if (b.isEmpty()) return "";
        b.setLength(b.length() - 1);
        return b.toString();
    }
}
