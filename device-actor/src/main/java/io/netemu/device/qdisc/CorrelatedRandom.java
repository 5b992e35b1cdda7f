package io.netemu.device.qdisc;

import java.util.SplittableRandom;

/**
 * netem's correlated random generator (sch_netem.c get_crandom, struct crndstate): each 32-bit
 * value is a weighted mean of a fresh uniform value and the previous result, the weight of the
 * past being the correlation rho. With rho 0 the values are independent. (Known limitation of
 * netem, kept: correlation pulls values towards the mean, so a correlated loss of P% drops
 * somewhat less than P% of packets.)
 */
final class CorrelatedRandom {
    private final long rho;
    private long last;

    CorrelatedRandom(double corrPct, SplittableRandom prng) {
        this.rho = NetemConfig.scaled(corrPct);
        this.last = u32(prng);
    }

    static long u32(SplittableRandom prng) {
        return prng.nextInt() & 0xFFFFFFFFL;
    }

    /** The next value in 0..2^32-1. */
    long next(SplittableRandom prng) {
        long value = u32(prng);
        if (rho == 0) {
            return value;
        }
        long r = rho + 1;
        // (value * (2^32 - rho) + last * rho) >> 32, in unsigned 64-bit arithmetic as the kernel does
        long answer = (value * ((1L << 32) - r) + last * r) >>> 32;
        last = answer;
        return answer;
    }
}
