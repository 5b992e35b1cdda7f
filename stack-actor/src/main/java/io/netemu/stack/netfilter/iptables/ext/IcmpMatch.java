package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtCheck;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtPkt;
import java.util.List;
import java.util.Locale;

/**
 * The icmp match (ip_tables.c icmp_match, libipt_icmp.c with libxtables' ICMP type names): a type
 * and code range, type 255 meaning any. Non-first fragments never match; a truncated header is
 * dropped.
 */
public record IcmpMatch(int type, int codeMin, int codeMax, boolean invert) implements XtMatch {
    private record Code(String name, int type, int min, int max) {}

    private static final Code[] CODES = {
        new Code("any", 0xFF, 0, 0xFF), new Code("echo-reply", 0, 0, 0xFF), new Code("pong", 0, 0, 0xFF),
        new Code("destination-unreachable", 3, 0, 0xFF), new Code("network-unreachable", 3, 0, 0),
        new Code("host-unreachable", 3, 1, 1), new Code("protocol-unreachable", 3, 2, 2),
        new Code("port-unreachable", 3, 3, 3), new Code("fragmentation-needed", 3, 4, 4),
        new Code("source-route-failed", 3, 5, 5), new Code("network-unknown", 3, 6, 6),
        new Code("host-unknown", 3, 7, 7), new Code("network-prohibited", 3, 9, 9),
        new Code("host-prohibited", 3, 10, 10), new Code("TOS-network-unreachable", 3, 11, 11),
        new Code("TOS-host-unreachable", 3, 12, 12), new Code("communication-prohibited", 3, 13, 13),
        new Code("host-precedence-violation", 3, 14, 14), new Code("precedence-cutoff", 3, 15, 15),
        new Code("source-quench", 4, 0, 0xFF), new Code("redirect", 5, 0, 0xFF),
        new Code("network-redirect", 5, 0, 0), new Code("host-redirect", 5, 1, 1),
        new Code("TOS-network-redirect", 5, 2, 2), new Code("TOS-host-redirect", 5, 3, 3),
        new Code("echo-request", 8, 0, 0xFF), new Code("ping", 8, 0, 0xFF),
        new Code("router-advertisement", 9, 0, 0xFF), new Code("router-solicitation", 10, 0, 0xFF),
        new Code("time-exceeded", 11, 0, 0xFF), new Code("ttl-exceeded", 11, 0, 0xFF),
        new Code("ttl-zero-during-transit", 11, 0, 0), new Code("ttl-zero-during-reassembly", 11, 1, 1),
        new Code("parameter-problem", 12, 0, 0xFF), new Code("ip-header-bad", 12, 0, 0),
        new Code("required-option-missing", 12, 1, 1), new Code("timestamp-request", 13, 0, 0xFF),
        new Code("timestamp-reply", 14, 0, 0xFF), new Code("address-mask-request", 17, 0, 0xFF),
        new Code("address-mask-reply", 18, 0, 0xFF),
    };

    @Override
    public String name() { return "icmp"; }

    @Override
    public boolean match(XtPkt p) {
        if (p.fragoff != 0) {
            return false;
        }
        if (!p.hasL4(8)) {
            p.hotdrop = true;
            return false;
        }
        int t = p.l4u8(0);
        int c = p.l4u8(1);
        return (type == 0xFF || (t == type && c >= codeMin && c <= codeMax)) ^ invert;
    }

    @Override
    public void print(StringBuilder sb, boolean numeric) {
        sb.append(" icmp");
        if (!numeric) {
            for (Code c : CODES) {
                if (c.type == type && c.min == codeMin && c.max == codeMax) {
                    sb.append(' ').append(invert ? "!" : "").append(c.name);
                    return;
                }
            }
        }
        sb.append(invert ? " !" : "").append("type ").append(type);
        if (codeMin == codeMax) {
            sb.append(" code ").append(codeMin);
        } else if (codeMin != 0 || codeMax != 0xFF) {
            sb.append(" codes ").append(codeMin).append('-').append(codeMax);
        }
    }

    @Override
    public void save(StringBuilder sb) {
        sb.append(invert ? " !" : "");
        if (type == 0xFF) {
            sb.append(" --icmp-type any");
        } else {
            sb.append(" --icmp-type ").append(type);
            if (codeMin != 0 || codeMax != 0xFF) {
                sb.append('/').append(codeMin);
            }
        }
    }

    @Override
    public void check(XtCheck c) throws XtCheck.Refused {
        PortSpec.requireProto(c, "icmp", 1);
    }

    /** libipt_icmp.c parse: --icmp-type NAME (a unique case-insensitive prefix) or TYPE[/CODE]. */
    public static final class Parser implements XtExtParser<XtMatch> {
        private IcmpMatch m = new IcmpMatch(0xFF, 0, 0xFF, false);
        private boolean seen;

        @Override
        public List<XtOpt> options() { return List.of(new XtOpt("icmp-type", 1)); }

        @Override
        public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
            if (seen) {
                throw new XtError("icmp match: only use --icmp-type once!");
            }
            seen = true;
            String arg = args.get(0);
            Code found = null;
            String lower = arg.toLowerCase(Locale.ROOT);
            for (Code c : CODES) {
                if (c.name.toLowerCase(Locale.ROOT).startsWith(lower)) {
                    if (found != null) {
                        throw new XtError("Ambiguous ICMP type `" + arg + "': `" + found.name + "' or `" + c.name + "'?");
                    }
                    found = c;
                }
            }
            if (found != null) {
                m = new IcmpMatch(found.type, found.min, found.max, invert);
                return;
            }
            int slash = arg.indexOf('/');
            long t = XtParse.strtoui(slash < 0 ? arg : arg.substring(0, slash), 0, 255);
            if (t < 0) {
                throw new XtError("Unknown ICMP type `" + arg + "'");
            }
            if (slash < 0) {
                m = new IcmpMatch((int) t, 0, 0xFF, invert);
                return;
            }
            long c = XtParse.strtoui(arg.substring(slash + 1), 0, 255);
            if (c < 0) {
                throw new XtError("Unknown ICMP code `" + arg + "'");
            }
            m = new IcmpMatch((int) t, (int) c, (int) c, invert);
        }

        @Override
        public XtMatch build(RuleSoFar rule) { return m; }
    }
}
