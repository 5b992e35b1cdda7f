package io.netemu.topologies.lab;

/**
 * netem-style impairments of a link, applied on egress at each end (as netem on both veths).
 *
 * @param delayNanos     one-way delay, each direction (netem {@code delay})
 * @param jitterNanos    uniform jitter around the delay (netem {@code delay TIME JITTER})
 * @param lossPct        random loss, 0..100 percent (netem {@code loss})
 * @param rateBitsPerSec wire rate in bits/s; 0 = unlimited, as netem's {@code rate 0}
 * @param corruptPct     single-bit corruption, 0..100 percent (netem {@code corrupt})
 * @param duplicatePct   duplication, 0..100 percent (netem {@code duplicate})
 */
public record Impairments(long delayNanos, long jitterNanos, double lossPct, long rateBitsPerSec,
                          double corruptPct, double duplicatePct) {

    public static final Impairments NONE = new Impairments(0, 0, 0, 0, 0, 0);

    public Impairments {
        if (delayNanos < 0 || jitterNanos < 0 || rateBitsPerSec < 0) {
            throw new IllegalArgumentException("delay, jitter and rate cannot be negative");
        }
        checkPct("loss", lossPct);
        checkPct("corrupt", corruptPct);
        checkPct("duplicate", duplicatePct);
    }

    private static void checkPct(String what, double pct) {
        if (!(pct >= 0 && pct <= 100)) {   // also rejects NaN
            throw new IllegalArgumentException(what + " must be 0..100 percent, not " + pct);
        }
    }

    /** True for a plain cable: frames pass at once, all of them, unchanged. */
    public boolean isNone() {
        return delayNanos == 0 && jitterNanos == 0 && lossPct == 0 && rateBitsPerSec == 0
                && corruptPct == 0 && duplicatePct == 0;
    }
}
