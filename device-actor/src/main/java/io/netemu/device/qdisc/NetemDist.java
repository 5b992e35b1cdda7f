package io.netemu.device.qdisc;

/**
 * netem's delay distribution tables ({@code distribution normal|pareto|paretonormal}): iproute2
 * loads a table of 4096 signed samples of a zero-mean distribution scaled so that one standard
 * deviation is NETEM_DIST_SCALE (8192), and the kernel picks a random entry and scales it by the
 * jitter. netemu computes its tables from the distributions themselves (the inverse CDF at
 * evenly spaced probabilities), so they have the same mean, deviation and shape as the shipped
 * .dist files but not the same entries.
 */
public enum NetemDist {
    NORMAL, PARETO, PARETONORMAL;

    public static final int SCALE = 8192;
    public static final int SIZE = 4096;
    /** Pareto's shape, as iproute2's pareto table uses (a heavy right tail with finite variance). */
    private static final double PARETO_ALPHA = 3.0;

    private volatile short[] table;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static NetemDist of(String name) {
        for (NetemDist d : values()) {
            if (d.label().equals(name)) {
                return d;
            }
        }
        return null;
    }

    /** The table, computed on first use. */
    public short[] table() {
        short[] t = table;
        if (t == null) {
            t = compute();
            table = t;
        }
        return t;
    }

    private short[] compute() {
        double[] v = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            double p = (i + 0.5) / SIZE;
            v[i] = switch (this) {
                case NORMAL -> inverseNormal(p);
                case PARETO -> pareto(p);
                // a mix of the two at the same quantile (a quarter normal, three quarters Pareto)
                case PARETONORMAL -> 0.25 * inverseNormal(p) + 0.75 * pareto(p);
            };
        }
        // standardise: zero mean, unit deviation, then scale as the kernel expects
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= SIZE;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / SIZE);
        short[] t = new short[SIZE];
        for (int i = 0; i < SIZE; i++) {
            long s = Math.round((v[i] - mean) / sd * SCALE);
            t[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
        }
        return t;
    }

    private static double pareto(double p) {
        return Math.pow(1 - p, -1 / PARETO_ALPHA);
    }

    /** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
    static double inverseNormal(double p) {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double plow = 0.02425;
        if (p < plow) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - plow) {
            double q = p - 0.5;
            double r = q * q;
            return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        return -inverseNormal(1 - p);
    }
}
