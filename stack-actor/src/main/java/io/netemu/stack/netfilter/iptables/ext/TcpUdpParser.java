package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtOpt;
import io.netemu.stack.netfilter.iptables.XtParse;
import java.util.List;
import java.util.Locale;

/** libxt_tcp.c and libxt_udp.c parse: --sport, --dport (and their long names), and for tcp --tcp-flags and --syn. */
public final class TcpUdpParser implements XtExtParser<XtMatch> {
    private static final List<XtOpt> UDP_OPTS = List.of(new XtOpt("source-port", 1), new XtOpt("sport", 1),
            new XtOpt("destination-port", 1), new XtOpt("dport", 1));
    private static final List<XtOpt> TCP_OPTS = List.of(new XtOpt("source-port", 1), new XtOpt("sport", 1),
            new XtOpt("destination-port", 1), new XtOpt("dport", 1), new XtOpt("syn", 0),
            new XtOpt("tcp-flags", 2));

    private final boolean tcp;
    private int[] sp = {0, 0xFFFF};
    private int[] dp = {0, 0xFFFF};
    private int mask;
    private int cmp;
    private int inv;
    private boolean haveSp;
    private boolean haveDp;
    private boolean haveFlags;

    public TcpUdpParser(boolean tcp) {
        this.tcp = tcp;
    }

    @Override
    public List<XtOpt> options() { return tcp ? TCP_OPTS : UDP_OPTS; }

    @Override
    public void parse(String option, boolean invert, List<String> args, RuleSoFar rule) {
        String proto = tcp ? "tcp" : "udp";
        if (rule.proto() != (tcp ? 6 : 17) || rule.protoInverted()) {
            throw new XtError(tcp ? "TCP match requires '-p tcp'" : "UDP match requires '-p udp'");
        }
        switch (option) {
            case "source-port", "sport" -> {
                if (haveSp) {
                    throw dup("source-port");
                }
                haveSp = true;
                sp = XtParse.portRange(args.get(0), proto);
                inv |= invert ? TcpMatch.INV_SRCPT : 0;
            }
            case "destination-port", "dport" -> {
                if (haveDp) {
                    throw dup("destination-port");
                }
                haveDp = true;
                dp = XtParse.portRange(args.get(0), proto);
                inv |= invert ? TcpMatch.INV_DSTPT : 0;
            }
            case "syn", "tcp-flags" -> {
                if (haveFlags) {
                    throw new XtError("Only one of `--syn' or `--tcp-flags'  allowed");
                }
                haveFlags = true;
                if (option.equals("syn")) {
                    mask = 0x17;
                    cmp = 0x02;
                } else {
                    if (args.size() < 2) {
                        throw new XtError("--tcp-flags requires two args.");
                    }
                    mask = flags(args.get(0));
                    cmp = flags(args.get(1));
                }
                inv |= invert ? TcpMatch.INV_FLAGS : 0;
            }
            default -> throw new IllegalArgumentException(option);
        }
    }

    /** libxt_tcp's old-style message, libxt_udp's x6 one. */
    private XtError dup(String name) {
        return tcp ? new XtError("Only one `--" + name + "' allowed")
                : new XtError("udp: option \"--" + name + "\" can only be used once.\n");
    }

    /** parse_tcp_flags: comma-separated names (case-insensitive), ALL and NONE. */
    static int flags(String s) {
        int f = 0;
        for (String n : s.split(",", -1)) {
            String u = n.toUpperCase(Locale.ROOT);
            int bit = switch (u) {
                case "FIN" -> 0x01;
                case "SYN" -> 0x02;
                case "RST" -> 0x04;
                case "PSH" -> 0x08;
                case "ACK" -> 0x10;
                case "URG" -> 0x20;
                case "ALL" -> 0x3F;
                case "NONE" -> 0;
                default -> throw new XtError("Unknown TCP flag `" + n + "'");
            };
            f |= bit;
        }
        return f;
    }

    @Override
    public XtMatch build(RuleSoFar rule) {
        if (tcp) {
            return new TcpMatch(sp[0], sp[1], dp[0], dp[1], mask, cmp, inv);
        }
        return new UdpMatch(sp[0], sp[1], dp[0], dp[1], inv);
    }
}
