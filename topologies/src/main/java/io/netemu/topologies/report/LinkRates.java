package io.netemu.topologies.report;

/**
 * Rates per link from the sampled counters: bytes per second received at both ends (what
 * crossed the cable) and drops per second at both ends (every reason, qdisc drops included).
 * Rate {@code k} covers samples {@code k-1..k} and is placed at sample {@code k}'s time; it is
 * NaN where an end was absent or its counters went back (its node restarted with new devices).
 */
final class LinkRates {
    private LinkRates() {}

    /** [link][sample] bytes/s; sample 0 is NaN. */
    static double[][] bytesPerSecond(Telemetry t) {
        double[][] out = new double[t.links().size()][];
        for (int l = 0; l < out.length; l++) {
            out[l] = rate(t.tMs(), t.devices().get(2 * l).rxBytes(), t.devices().get(2 * l + 1).rxBytes());
        }
        return out;
    }

    /** [link][sample] drops/s. */
    static double[][] dropsPerSecond(Telemetry t) {
        double[][] out = new double[t.links().size()][];
        for (int l = 0; l < out.length; l++) {
            out[l] = rate(t.tMs(), dropSum(t.devices().get(2 * l)), dropSum(t.devices().get(2 * l + 1)));
        }
        return out;
    }

    /** Every reason's drops of one device per sample (absent stays absent). */
    private static long[] dropSum(Telemetry.DeviceSeries d) {
        long[] sum = new long[d.carrier().length];
        for (int k = 0; k < sum.length; k++) {
            if (d.carrier()[k] == Telemetry.CARRIER_ABSENT) {
                sum[k] = Telemetry.ABSENT;
            }
        }
        for (Telemetry.Drops col : d.drops()) {
            for (int k = 0; k < sum.length; k++) {
                if (sum[k] != Telemetry.ABSENT && col.values()[k] != Telemetry.ABSENT) {
                    sum[k] += col.values()[k];
                }
            }
        }
        return sum;
    }

    /** The two ends' summed increase per second; an absent or restarted end contributes nothing. */
    static double[] rate(long[] tMs, long[] a, long[] b) {
        double[] r = new double[tMs.length];
        if (r.length > 0) {
            r[0] = Double.NaN;
        }
        for (int k = 1; k < r.length; k++) {
            double dt = (tMs[k] - tMs[k - 1]) / 1000.0;
            long da = delta(a, k);
            long db = delta(b, k);
            r[k] = dt <= 0 || (da < 0 && db < 0) ? Double.NaN : (Math.max(0, da) + Math.max(0, db)) / dt;
        }
        return r;
    }

    private static long delta(long[] v, int k) {
        if (v[k] == Telemetry.ABSENT || v[k - 1] == Telemetry.ABSENT || v[k] < v[k - 1]) {
            return -1;
        }
        return v[k] - v[k - 1];
    }

    /** The total over the run, to pick the busiest links to plot. */
    static double total(double[] rates) {
        double s = 0;
        for (double v : rates) {
            if (Double.isFinite(v)) {
                s += v;
            }
        }
        return s;
    }
}
