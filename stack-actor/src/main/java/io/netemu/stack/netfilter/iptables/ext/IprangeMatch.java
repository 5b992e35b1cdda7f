package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtPkt;
import java.util.List;

/** The iprange match (xt_iprange.c iprange_mt4, libxt_iprange.c): source and/or destination within an inclusive range. */
public record IprangeMatch(boolean src, int srcMin, int srcMax, boolean srcInv, boolean dst, int dstMin, int dstMax,
                           boolean dstInv) implements XtMatch {
    @Override
    public String name() { return "iprange"; }

    @Override
    public boolean match(XtPkt p) {
        if (src && (outside(p.src, srcMin, srcMax) ^ srcInv)) {
            return false;
        }
        return !(dst && (outside(p.dst, dstMin, dstMax) ^ dstInv));
    }

    private static boolean outside(int a, int min, int max) {
        return Integer.compareUnsigned(a, min) < 0 || Integer.compareUnsigned(a, max) > 0;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        if (src) {
            sb.append(" source IP range").append(srcInv ? " !" : "").append(' ')
                    .append(XtParse.ntoa(srcMin)).append('-').append(XtParse.ntoa(srcMax));
        }
        if (dst) {
            sb.append(" destination IP range").append(dstInv ? " !" : "").append(' ')
                    .append(XtParse.ntoa(dstMin)).append('-').append(XtParse.ntoa(dstMax));
        }
    }

    @Override
    public void save(StringBuilder sb) {
        if (src) {
            sb.append(srcInv ? " !" : "").append(" --src-range ").append(XtParse.ntoa(srcMin)).append('-')
                    .append(XtParse.ntoa(srcMax));
        }
        if (dst) {
            sb.append(dstInv ? " !" : "").append(" --dst-range ").append(XtParse.ntoa(dstMin)).append('-')
                    .append(XtParse.ntoa(dstMax));
        }
    }

    /** libxt_iprange.c: --src-range FROM[-TO], --dst-range FROM[-TO]. */
    public static final class Parser implements XtExtParser<XtMatch> {
        private int[] s;
        private int[] d;
        private boolean sInv;
        private boolean dInv;

        @Override
        public List<XtOpt> options() { return List.of(new XtOpt("src-range", 1), new XtOpt("dst-range", 1)); }

        @Override
        public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
            int[] r = range(args.get(0));
            if (option.equals("src-range")) {
                if (s != null) {
                    throw new XtError("iprange: option \"--src-range\" can only be used once.\n");
                }
                s = r;
                sInv = invert;
            } else {
                if (d != null) {
                    throw new XtError("iprange: option \"--dst-range\" can only be used once.\n");
                }
                d = r;
                dInv = invert;
            }
        }

        private static int[] range(String arg) {
            int dash = arg.indexOf('-');
            String a = dash < 0 ? arg : arg.substring(0, dash);
            String b = dash < 0 ? arg : arg.substring(dash + 1);
            Integer lo = XtParse.ipaddr(a, false);
            Integer hi = XtParse.ipaddr(b, false);
            if (lo == null || a.indexOf('.') < 0) {
                throw new XtError("iprange match: Bad IP address \"" + a + "\"\n");
            }
            if (hi == null || b.indexOf('.') < 0) {
                throw new XtError("iprange match: Bad IP address \"" + b + "\"\n");
            }
            return new int[] {lo, hi};
        }

        @Override
        public XtMatch build(RuleSoFar rule) {
            if (s == null && d == null) {
                throw new XtError("iprange match: You must specify `--src-range' or `--dst-range'");
            }
            return new IprangeMatch(s != null, s == null ? 0 : s[0], s == null ? 0 : s[1], sInv,
                    d != null, d == null ? 0 : d[0], d == null ? 0 : d[1], dInv);
        }
    }
}
