package io.netemu.device.qdisc;

/**
 * A netem qdisc's parameters, as {@code tc qdisc ... netem} sets them (sch_netem.c's
 * netem_sched_data): delay with jitter, its correlation and distribution; random loss,
 * duplicate, corrupt and reorder (each with a correlation); reorder's gap; rate with per-packet
 * and per-cell overheads; the queue limit in packets; and an optional PRNG seed. Percentages are
 * 0..100; {@code distribution} is null for netem's default (uniform in delay ± jitter).
 */
public record NetemConfig(long delayNanos, long jitterNanos, double delayCorr, NetemDist distribution,
                          double lossPct, double lossCorr, double duplicatePct, double duplicateCorr,
                          double reorderPct, double reorderCorr, int gap, double corruptPct, double corruptCorr,
                          long rateBitsPerSec, int packetOverhead, int cellSize, int cellOverhead,
                          int limit, boolean seeded, long seed) implements QdiscConfig {
    public static final int DEFAULT_LIMIT = 1000;
    public static final NetemConfig NONE = new NetemConfig(0, 0, 0, 0, 0, 0, DEFAULT_LIMIT);

    /** The common subset (a lab link's impairments): no correlations, no reordering. */
    public NetemConfig(long delayNanos, long jitterNanos, double lossPct, long rateBitsPerSec,
                       double corruptPct, double duplicatePct, int limit) {
        this(delayNanos, jitterNanos, 0, null, lossPct, 0, duplicatePct, 0, 0, 0, 0, corruptPct, 0,
                rateBitsPerSec, 0, 0, 0, limit, false, 0);
    }

    public NetemConfig {
        if (delayNanos < 0 || jitterNanos < 0 || rateBitsPerSec < 0 || limit < 0 || gap < 0 || cellSize < 0) {
            throw new IllegalArgumentException("netem: negative delay, jitter, rate, limit, gap or cell size");
        }
        checkPct("delay correlation", delayCorr);
        checkPct("loss", lossPct);
        checkPct("loss correlation", lossCorr);
        checkPct("duplicate", duplicatePct);
        checkPct("duplicate correlation", duplicateCorr);
        checkPct("reorder", reorderPct);
        checkPct("reorder correlation", reorderCorr);
        checkPct("corrupt", corruptPct);
        checkPct("corrupt correlation", corruptCorr);
    }

    private static void checkPct(String what, double v) {
        if (!(v >= 0 && v <= 100)) {
            throw new IllegalArgumentException("netem: " + what + " must be within 0..100%, got " + v);
        }
    }

    @Override
    public String kind() { return "netem"; }

    public NetemConfig withSeed(long s) {
        return new NetemConfig(delayNanos, jitterNanos, delayCorr, distribution, lossPct, lossCorr, duplicatePct,
                duplicateCorr, reorderPct, reorderCorr, gap, corruptPct, corruptCorr, rateBitsPerSec, packetOverhead,
                cellSize, cellOverhead, limit, true, s);
    }

    /** True when the qdisc would change nothing: the device then keeps its default (noqueue). */
    public boolean isNone() {
        return delayNanos == 0 && jitterNanos == 0 && lossPct == 0 && rateBitsPerSec == 0
                && corruptPct == 0 && duplicatePct == 0 && reorderPct == 0;
    }

    /** A percentage as the kernel holds it: a fraction of 2^32-1 (iproute2's set_percent). */
    public static long scaledPct(double pct) {
        return scaled(pct);
    }

    static long scaled(double pct) {
        return (long) Math.rint(pct / 100.0 * 0xFFFFFFFFL);
    }
}
