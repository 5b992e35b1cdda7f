package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtPkt;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The limit match (xt_limit.c limit_mt, libxt_limit.c): a token bucket of {@code burst} packets
 * refilled at one packet per {@code avg / 10000} seconds, on the run's clock; the bucket starts
 * full. Rules compare by rate and burst only, never by the bucket's state.
 */
public final class LimitMatch implements XtMatch {
    /** XT_LIMIT_SCALE: avg is seconds per packet times this. */
    static final long SCALE = 10000;
    private static final String[] UNITS = {"day", "hour", "min", "sec"};
    private static final long[] MULTS = {SCALE * 86400, SCALE * 3600, SCALE * 60, SCALE};

    private final long avg;
    private final int burst;
    private long credit = -1;
    private long prev;

    public LimitMatch(long avg, int burst) {
        this.avg = avg;
        this.burst = burst;
    }

    @Override
    public String name() { return "limit"; }

    @Override
    public boolean match(XtPkt p) {
        long cost = avg * (1_000_000_000L / SCALE);
        long cap = cost * burst;
        long now = p.nf.ops.now();
        if (credit < 0) {
            credit = cap;
        } else {
            credit = Math.min(cap, credit + Math.max(0, now - prev));
        }
        prev = now;
        if (credit >= cost) {
            credit -= cost;
            return true;
        }
        return false;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(" limit: avg");
        rate(sb, avg);
        sb.append(" burst ").append(burst);
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(" --limit");
        rate(sb, avg);
        if (burst != 5) {
            sb.append(" --limit-burst ").append(burst);
        }
    }

    /** print_rate: the largest unit that divides evenly enough. */
    static void rate(StringBuilder sb, long period) {
        int i;
        for (i = 1; i < MULTS.length; i++) {
            if (period > MULTS[i] || MULTS[i] / period < MULTS[i] % period) {
                break;
            }
        }
        sb.append(' ').append(MULTS[i - 1] / period).append('/').append(UNITS[i - 1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LimitMatch l && l.avg == avg && l.burst == burst;
    }

    @Override
    public int hashCode() { return Objects.hash(avg, burst); }

    /** libxt_limit.c: --limit N/second|minute|hour|day (any prefix of the unit), --limit-burst N. */
    public static final class Parser implements XtExtParser<XtMatch> {
        private long avg = SCALE * 3600 / 3;
        private int burst = 5;
        private boolean haveLimit;
        private boolean haveBurst;

        @Override
        public List<XtOpt> options() { return List.of(new XtOpt("limit", 1), new XtOpt("limit-burst", 1)); }

        @Override
        public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
            String arg = args.get(0);
            if (option.equals("limit")) {
                if (haveLimit) {
                    throw new XtError("limit: option \"--limit\" can only be used once.\n");
                }
                haveLimit = true;
                avg = parseRate(arg);
            } else {
                if (haveBurst) {
                    throw new XtError("limit: option \"--limit-burst\" can only be used once.\n");
                }
                haveBurst = true;
                long b = XtParse.strtoui(arg, 0, 10000);
                if (b < 0) {
                    throw new XtError("limit: bad integer value for option \"--limit-burst\", or out of range.\n");
                }
                burst = b == 0 ? 5 : (int) b;
            }
        }

        static long parseRate(String rate) {
            int slash = rate.indexOf('/');
            long mult = 1;
            String num = rate;
            if (slash >= 0) {
                String unit = rate.substring(slash + 1).toLowerCase(Locale.ROOT);
                num = rate.substring(0, slash);
                if (unit.isEmpty()) {
                    throw bad(rate);
                } else if ("second".startsWith(unit)) {
                    mult = 1;
                } else if ("minute".startsWith(unit)) {
                    mult = 60;
                } else if ("hour".startsWith(unit)) {
                    mult = 3600;
                } else if ("day".startsWith(unit)) {
                    mult = 86400;
                } else {
                    throw bad(rate);
                }
            }
            long r = atoi(num);
            if (r <= 0) {
                throw bad(rate);
            }
            long v = SCALE * mult / r;
            if (v == 0) {
                throw new XtError("Rate too fast \"" + rate + "\"");
            }
            return v;
        }

        /** atoi: leading digits, 0 when none. */
        private static long atoi(String s) {
            long v = 0;
            for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE; i++) {
                v = v * 10 + (s.charAt(i) - '0');
            }
            return v;
        }

        private static XtError bad(String rate) {
            return new XtError("bad rate \"" + rate + "\"'");
        }

        @Override
        public XtMatch build(RuleSoFar rule) { return new LimitMatch(avg, burst); }
    }
}
