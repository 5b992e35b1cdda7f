package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtPkt;
import java.util.ArrayList;
import java.util.List;

/**
 * The multiport match, revision 1 (xt_multiport.c ports_match_v1, libxt_multiport.c): up to 15
 * ports (a range counts two) against the source, destination or either port.
 *
 * @param kind "sports", "dports" or "ports"
 * @param ranges {min, max} pairs; a single port has min == max
 * @param proto the rule's protocol, for service names when listing
 */
public record MultiportMatch(String kind, List<int[]> ranges, boolean invert, int proto) implements XtMatch {
    @Override
    public String name() { return "multiport"; }

    @Override
    public boolean match(XtPkt p) {
        if (p.fragoff != 0) {
            return false;
        }
        if (!p.hasL4(4)) {
            p.hotdrop = true;
            return false;
        }
        int sp = p.l4u16(0);
        int dp = p.l4u16(2);
        for (int[] r : ranges) {
            boolean s = sp >= r[0] && sp <= r[1];
            boolean d = dp >= r[0] && dp <= r[1];
            if (kind.equals("sports") ? s : kind.equals("dports") ? d : s || d) {
                return !invert;
            }
        }
        return invert;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        String pn = proto == 17 ? "udp" : "tcp";
        sb.append(" multiport ").append(kind).append(' ').append(invert ? " !" : "");
        list(sb, pn, numeric);
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(invert ? " !" : "").append(" --").append(kind).append(' ');
        list(sb, null, true);
    }

    private void list(StringBuilder sb, String proto, boolean numeric) {
        for (int i = 0; i < ranges.size(); i++) {
            int[] r = ranges.get(i);
            sb.append(i == 0 ? "" : ",").append(XtParse.portName(r[0], proto, numeric));
            if (r[0] != r[1]) {
                sb.append(':').append(XtParse.portName(r[1], proto, numeric));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MultiportMatch m) || !m.kind.equals(kind) || m.invert != invert
                || m.ranges.size() != ranges.size()) {
            return false;
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (!java.util.Arrays.equals(ranges.get(i), m.ranges.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() { return kind.hashCode() * 31 + ranges.size(); }

    /** libxt_multiport.c: --sports, --dports or --ports (and their long names) with a comma-separated list. */
    public static final class Parser implements XtExtParser<XtMatch> {
        private String kind;
        private String given;
        private List<int[]> ranges;
        private boolean invert;
        private int proto;

        @Override
        public List<XtOpt> options() {
            return List.of(new XtOpt("source-ports", 1), new XtOpt("sports", 1), new XtOpt("destination-ports", 1),
                    new XtOpt("dports", 1), new XtOpt("ports", 1));
        }

        @Override
        public void parse(String option, boolean inv, List<String> args, RuleSoFar rule) {
            String k = switch (option) {
                case "source-ports", "sports" -> "sports";
                case "destination-ports", "dports" -> "dports";
                default -> "ports";
            };
            String canonical = switch (k) {
                case "sports" -> "source-ports";
                case "dports" -> "destination-ports";
                default -> "ports";
            };
            if (kind != null) {
                throw new XtError(kind.equals(k) ? "multiport: option \"--" + canonical + "\" can only be used once.\n"
                        : "multiport: option \"--" + canonical + "\" cannot be used together with \"--" + given + "\".\n");
            }
            int p = rule.proto();
            if (rule.protoInverted() || (p != 6 && p != 17 && p != 136 && p != 132 && p != 33)) {
                throw new XtError("multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
            }
            String pn = p == 17 ? "udp" : "tcp";
            List<int[]> rs = new ArrayList<>();
            int count = 0;
            for (String e : args.get(0).split(",", -1)) {
                int[] r = XtParse.portRange(e, pn);
                count += r[0] == r[1] ? 1 : 2;
                if (count > 15) {
                    throw new XtError("too many ports specified");
                }
                rs.add(r);
            }
            kind = k;
            given = canonical;
            ranges = rs;
            invert = inv;
            proto = p;
        }

        @Override
        public XtMatch build(RuleSoFar rule) {
            if (kind == null) {
                throw new XtError("multiport expection an option");
            }
            return new MultiportMatch(kind, List.copyOf(ranges), invert, proto);
        }
    }
}
