package io.netemu.node.cmd.tc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as tc (iproute2 6.1) reads and prints them: times ({@code get_time64},
 * {@code sprint_time64}: {@code %.3g} and a unit), rates ({@code get_rate64}: bits or bytes per
 * second, kept in bytes; {@code sprint_rate}), percentages ({@code get_percent}, {@code %g%%})
 * and sizes ({@code sprint_size}).
 */
final class TcUnits {
    private TcUnits() {}

    private static final long NS_PER_US = 1_000L;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long NS_PER_S = 1_000_000_000L;

    /** A time in nanoseconds, or -1 when it does not parse. A bare number is microseconds. */
    static long time(String s) {
        int i = numberEnd(s);
        if (i == 0) {
            return -1;
        }
        double t;
        try {
            t = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            return -1;
        }
        String u = s.substring(i).toLowerCase(Locale.ROOT);
        double mult = switch (u) {
            case "s", "sec", "secs" -> NS_PER_S;
            case "ms", "msec", "msecs" -> NS_PER_MS;
            case "us", "usec", "usecs", "" -> NS_PER_US;
            case "ns", "nsec", "nsecs" -> 1;
            default -> -1;
        };
        if (mult < 0 || t < 0) {
            return -1;
        }
        return (long) (t * mult);
    }

    /** A rate in bytes per second, or -1 when it does not parse. A bare number is bits per second. */
    static long rateBytes(String s) {
        int i = numberEnd(s);
        if (i == 0) {
            return -1;
        }
        double v;
        try {
            v = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            return -1;
        }
        String u = s.substring(i).toLowerCase(Locale.ROOT);
        double bits = switch (u) {
            case "", "bit" -> 1;
            case "kibit" -> 1024.;
            case "kbit" -> 1000.;
            case "mibit" -> 1024. * 1024;
            case "mbit" -> 1e6;
            case "gibit" -> 1024. * 1024 * 1024;
            case "gbit" -> 1e9;
            case "tibit" -> 1024. * 1024 * 1024 * 1024;
            case "tbit" -> 1e12;
            case "bps" -> 8.;
            case "kibps" -> 8. * 1024;
            case "kbps" -> 8000.;
            case "mibps" -> 8. * 1024 * 1024;
            case "mbps" -> 8e6;
            case "gibps" -> 8. * 1024 * 1024 * 1024;
            case "gbps" -> 8e9;
            case "tibps" -> 8. * 1024 * 1024 * 1024 * 1024;
            case "tbps" -> 8e12;
            default -> -1;
        };
        if (bits < 0 || v < 0) {
            return -1;
        }
        return (long) (v * bits / 8.);
    }

    /** A percentage 0..100 ({@code 30%} or {@code 30}), or NaN when it does not parse or is out of range. */
    static double percent(String s) {
        String n = s.endsWith("%") ? s.substring(0, s.length() - 1) : s;
        if (n.isEmpty() || numberEnd(n) != n.length()) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(n);
            return v >= 0 && v <= 100 ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static int numberEnd(String s) {
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    /** sprint_time64: {@code 100ms}, {@code 1.5ms}, {@code 10us}, {@code 1s}, {@code 1.23s}. */
    static String time(long ns) {
        if (ns >= NS_PER_S) {
            return g(ns / (double) NS_PER_S, 3) + "s";
        } else if (ns >= NS_PER_MS) {
            return g(ns / (double) NS_PER_MS, 3) + "ms";
        } else if (ns >= NS_PER_US) {
            return g(ns / (double) NS_PER_US, 3) + "us";
        }
        return ns + "ns";
    }

    /** sprint_rate (SI units): bytes per second printed as bits, {@code 100Mbit}, {@code 8Kbit}, {@code 1500Kbit}. */
    static String rate(long bytesPerSec) {
        String[] units = {"", "K", "M", "G", "T"};
        long rate = bytesPerSec << 3;
        int i = 0;
        for (; i < units.length - 1; i++) {
            if (rate < 1000) {
                break;
            }
            if (rate % 1000 != 0 && rate < 1000 * 1000) {
                break;
            }
            rate /= 1000;
        }
        return rate + units[i] + "bit";
    }

    /** {@code %g%%}: {@code 30%}, {@code 0.1%}. */
    static String percent(double pct) {
        return g(pct, 6) + "%";
    }

    /** sprint_size: {@code 0b}, {@code 1514b}, {@code 10Kb}, {@code 2Mb} (rounded to the unit when within 16 bytes / 1 KiB). */
    static String size(long sz) {
        double tmp = sz;
        if (sz >= 1024 * 1024 && Math.abs(1024 * 1024 * Math.rint(tmp / (1024 * 1024)) - sz) < 1024) {
            return cg(Math.rint(tmp / (1024 * 1024)), 6) + "Mb";
        } else if (sz >= 1024 && Math.abs(1024 * Math.rint(tmp / 1024) - sz) < 16) {
            return cg(Math.rint(tmp / 1024), 6) + "Kb";
        }
        return sz + "b";
    }

    /** psched ticks per microsecond on this kernel (/proc/net/psched: t2us 1000, us2t 64, clock_res 1e6). */
    static final double TICK_IN_USEC = 15.625;

    /** tc_core_time2tick: microseconds to psched ticks, truncated to an unsigned int as tc does. */
    static long usToTicks(long us) {
        return (long) (us * TICK_IN_USEC);
    }

    /** tc_core_tick2time: ticks back to whole microseconds. */
    static long ticksToUs(long ticks) {
        return (long) (ticks / TICK_IN_USEC);
    }

    /** get_time: a time in whole microseconds (s, ms, us; a bare number is µs), or -1. */
    static long timeUs(String s) {
        int i = numberEnd(s);
        if (i == 0) {
            return -1;
        }
        double t;
        try {
            t = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            return -1;
        }
        double mult = switch (s.substring(i).toLowerCase(Locale.ROOT)) {
            case "s", "sec", "secs" -> 1e6;
            case "ms", "msec", "msecs" -> 1e3;
            case "us", "usec", "usecs", "" -> 1;
            default -> -1;
        };
        if (mult < 0) {
            return -1;
        }
        double us = t * mult;
        return us > 0xFFFFFFFFL ? -1 : (long) us;
    }

    /** sprint_time: whole microseconds as {@code 400ms}, {@code 1s}, {@code 79ms}, {@code 0us} ({@code %.3g}). */
    static String timeUsStr(long us) {
        if (us >= 1_000_000) {
            return cg(us / 1e6, 3) + "s";
        } else if (us >= 1000) {
            return cg(us / 1e3, 3) + "ms";
        }
        return us + "us";
    }

    /** get_size: bytes (b, k/kb, m/mb, g/gb, and kbit/mbit/gbit as bits), or -1. */
    static long sizeBytes(String s) {
        int i = numberEnd(s);
        if (i == 0) {
            return -1;
        }
        double v;
        try {
            v = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            return -1;
        }
        double mult = switch (s.substring(i).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k", "kb" -> 1024;
            case "m", "mb" -> 1024 * 1024;
            case "g", "gb" -> 1024. * 1024 * 1024;
            case "kbit" -> 1024 / 8;
            case "mbit" -> 1024 * 1024 / 8;
            case "gbit" -> 1024 * 1024 * 1024 / 8;
            default -> -1;
        };
        if (mult < 0) {
            return -1;
        }
        return (long) (v * mult) & 0xFFFFFFFFL;
    }

    /** C's {@code %.Pg}: P significant digits, trailing zeros dropped, exponent form outside 1e-4..1e+P. */
    static String cg(double v, int p) {
        if (v == 0) {
            return "0";
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(p));
        int exp = r.precision() - r.scale() - 1;
        if (exp < -4 || exp >= p) {
            BigDecimal m = r.movePointLeft(exp).stripTrailingZeros();
            return m.toPlainString() + (exp < 0 ? "e-" : "e+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return r.stripTrailingZeros().toPlainString();
    }

    /** C's {@code %.Ng}. */
    static String g(double v, int digits) {
        return cg(v, digits);
    }
}
