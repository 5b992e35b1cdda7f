package io.netemu.device.qdisc;

/**
 * A netem qdisc's parameters, as {@code tc qdisc add dev X root netem delay D J loss P rate R
 * corrupt P duplicate P limit N} sets them. Percentages are 0..100.
 */
public record NetemConfig(long delayNanos, long jitterNanos, double lossPct, long rateBitsPerSec,
                          double corruptPct, double duplicatePct, int limit) {
    public static final int DEFAULT_LIMIT = 1000;
    public static final NetemConfig NONE = new NetemConfig(0, 0, 0, 0, 0, 0, DEFAULT_LIMIT);

    public NetemConfig {
        if (delayNanos < 0 || jitterNanos < 0 || rateBitsPerSec < 0 || limit <= 0) {
            throw new IllegalArgumentException("netem: negative delay, jitter or rate, or limit <= 0");
        }
        checkPct("loss", lossPct);
        checkPct("corrupt", corruptPct);
        checkPct("duplicate", duplicatePct);
    }

    private static void checkPct(String what, double v) {
        if (!(v >= 0 && v <= 100)) {
            throw new IllegalArgumentException("netem: " + what + " must be within 0..100%, got " + v);
        }
    }

    /** True when the qdisc would change nothing: the device then keeps its default (noqueue). */
    public boolean isNone() {
        return delayNanos == 0 && jitterNanos == 0 && lossPct == 0 && rateBitsPerSec == 0
                && corruptPct == 0 && duplicatePct == 0;
    }
}
