package io.netemu.stack.netfilter.iptables.ext;

import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtTarget;
import java.util.Set;

/**
 * The extensions netemu has (libxtables' xtables_find_match / xtables_find_target over the shared
 * objects in /usr/lib/.../xtables), and the names real iptables 1.8.9 ships that netemu does not
 * emulate, so their errors can say so.
 */
public final class Extensions {
    private static final Set<String> REAL_MATCHES = Set.of("addrtype", "ah", "bpf", "cgroup", "cluster", "comment",
            "connbytes", "connlabel", "connlimit", "connmark", "conntrack", "cpu", "dccp", "devgroup", "dscp", "ecn",
            "esp", "hashlimit", "helper", "icmp", "ipcomp", "iprange", "ipvs", "length", "limit", "mac", "mark",
            "multiport", "nfacct", "osf", "owner", "physdev", "pkttype", "policy", "quota", "rateest", "realm",
            "recent", "rpfilter", "sctp", "set", "socket", "state", "statistic", "string", "tcp", "tcpmss", "time",
            "tos", "ttl", "u32", "udp");
    private static final Set<String> REAL_TARGETS = Set.of("AUDIT", "CHECKSUM", "CLASSIFY", "CLUSTERIP", "CONNMARK",
            "CONNSECMARK", "CT", "DNAT", "DSCP", "ECN", "HMARK", "IDLETIMER", "LED", "LOG", "MARK", "MASQUERADE",
            "NETMAP", "NFLOG", "NFQUEUE", "NOTRACK", "RATEEST", "REDIRECT", "REJECT", "SECMARK", "SET", "SNAT",
            "SYNPROXY", "TCPMSS", "TCPOPTSTRIP", "TEE", "TOS", "TPROXY", "TRACE", "TTL", "ULOG", "ACCEPT", "DROP",
            "RETURN", "QUEUE", "standard");

    private Extensions() {}

    /** A fresh parser for match {@code name}, or null if netemu has no such match. */
    public static XtExtParser<XtMatch> match(String name) {
        return switch (name) {
            case "tcp" -> new TcpUdpParser(true);
            case "udp" -> new TcpUdpParser(false);
            case "icmp" -> new IcmpMatch.Parser();
            case "conntrack" -> new ConntrackMatch.Parser(false);
            case "state" -> new ConntrackMatch.Parser(true);
            case "multiport" -> new MultiportMatch.Parser();
            case "comment" -> new CommentMatch.Parser();
            case "mark" -> new MarkMatch.Parser();
            case "limit" -> new LimitMatch.Parser();
            case "iprange" -> new IprangeMatch.Parser();
            default -> null;
        };
    }

    /** A fresh parser for target {@code name} (not a standard verdict), or null if netemu has none. */
    public static XtExtParser<XtTarget> target(String name) {
        return switch (name) {
            case "REJECT" -> new RejectTarget.Parser();
            case "LOG" -> new LogTarget.Parser();
            case "MARK" -> new MarkTarget.Parser();
            case "SNAT", "DNAT", "MASQUERADE", "REDIRECT" -> new NatParser(name);
            case "NOTRACK" -> new CtTarget.Parser(true);
            case "CT" -> new CtTarget.Parser(false);
            case "TCPMSS" -> new TcpmssTarget.Parser();
            default -> null;
        };
    }

    /** Real iptables has a match called {@code name} (netemu may not). */
    public static boolean realMatch(String name) { return REAL_MATCHES.contains(name); }

    /** Real iptables has a target called {@code name}: a chain may not be named so. */
    public static boolean realTarget(String name) { return REAL_TARGETS.contains(name); }
}
