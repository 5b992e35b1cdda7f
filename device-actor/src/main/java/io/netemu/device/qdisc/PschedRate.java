package io.netemu.device.qdisc;

import java.math.BigInteger;

/**
 * A rate as the kernel precomputes it (struct psched_ratecfg): bytes to nanoseconds by one
 * multiply and shift, {@code len * mult >> shift} with {@code mult ≈ 2^shift * 1e9 / rate},
 * so transmission times round exactly as Linux's do.
 */
public final class PschedRate {
    private final long mult;
    private final int shift;

    public PschedRate(long rateBytesPerSec) {
        long factor = 1_000_000_000L;
        int s = 0;
        long m;
        while (true) {
            m = Long.divideUnsigned(factor, rateBytesPerSec);
            if ((m & (1L << 31)) != 0 || (factor & (1L << 63)) != 0) {
                break;
            }
            factor <<= 1;
            s++;
        }
        this.mult = m;
        this.shift = s;
    }

    /** psched_l2t_ns: the time {@code len} bytes take, after {@code overhead} and {@code mpu}. */
    public long l2t(long len, int overhead, int mpu) {
        long l = Math.max(len + overhead, mpu);
        if (l < (1L << 31) && mult < (1L << 32)) {
            return (l * mult) >>> shift;
        }
        return BigInteger.valueOf(l).multiply(BigInteger.valueOf(mult)).shiftRight(shift).longValue();
    }
}
