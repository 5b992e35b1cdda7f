package io.netemu.stack.netfilter.nft;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Symbol tables of nft's datatypes (nftables src/datatype.c, proto.c, ct.c): ICMP types and
 * codes, TCP flags, conntrack states, and the protocol and service names a Debian 12 host
 * resolves through /etc/protocols and /etc/services (netbase 6.3), kept here so a namespace never
 * reads the host's files.
 */
public final class NftSymbols {
    /** icmp_type_tbl. */
    public static final Map<String, Integer> ICMP_TYPES = table(
            "echo-reply", 0, "destination-unreachable", 3, "source-quench", 4, "redirect", 5,
            "echo-request", 8, "router-advertisement", 9, "router-solicitation", 10, "time-exceeded", 11,
            "parameter-problem", 12, "timestamp-request", 13, "timestamp-reply", 14, "info-request", 15,
            "info-reply", 16, "address-mask-request", 17, "address-mask-reply", 18);
    /** icmp_code_tbl. */
    public static final Map<String, Integer> ICMP_CODES = table(
            "net-unreachable", 0, "host-unreachable", 1, "prot-unreachable", 2, "port-unreachable", 3,
            "frag-needed", 4, "net-prohibited", 9, "host-prohibited", 10, "admin-prohibited", 13);
    /** icmpx_code_tbl (the inet family's family-independent reject codes). */
    public static final Map<String, Integer> ICMPX_CODES = table(
            "port-unreachable", 1, "admin-prohibited", 3, "no-route", 0, "host-unreachable", 2);
    /** icmp6_type_tbl. */
    public static final Map<String, Integer> ICMPV6_TYPES = table(
            "destination-unreachable", 1, "packet-too-big", 2, "time-exceeded", 3, "parameter-problem", 4,
            "echo-request", 128, "echo-reply", 129, "mld-listener-query", 130, "mld-listener-report", 131,
            "mld-listener-done", 132, "mld-listener-reduction", 132, "nd-router-solicit", 133, "nd-router-advert", 134,
            "nd-neighbor-solicit", 135, "nd-neighbor-advert", 136, "nd-redirect", 137, "router-renumbering", 138,
            "ind-neighbor-solicit", 141, "ind-neighbor-advert", 142, "mld2-listener-report", 143);
    /** icmpv6_code_tbl. */
    public static final Map<String, Integer> ICMPV6_CODES = table(
            "no-route", 0, "admin-prohibited", 1, "addr-unreachable", 3, "port-unreachable", 4, "policy-fail", 5,
            "reject-route", 6);
    /** tcp_flag_tbl, bit order. */
    public static final Map<String, Integer> TCP_FLAGS = table(
            "fin", 0x01, "syn", 0x02, "rst", 0x04, "psh", 0x08, "ack", 0x10, "urg", 0x20, "ecn", 0x40, "cwr", 0x80);
    /** ct_state_tbl, bit order. */
    public static final Map<String, Integer> CT_STATES = table(
            "invalid", 1, "established", 2, "related", 4, "new", 8, "untracked", 64);
    /** ct_status_tbl, bit order. */
    public static final Map<String, Integer> CT_STATUSES = table(
            "expected", 1, "seen-reply", 2, "assured", 4, "confirmed", 8, "snat", 16, "dnat", 32, "dying", 512);
    /** nfproto_tbl (meta nfproto). */
    public static final Map<String, Integer> NFPROTOS = table("ipv4", 2, "ipv6", 10);
    /** /etc/protocols (netbase), first name per number wins when printing. */
    public static final Map<String, Integer> PROTOCOLS = table(
            "ip", 0, "hopopt", 0, "icmp", 1, "igmp", 2, "ggp", 3, "ipencap", 4, "st", 5, "tcp", 6, "egp", 8,
            "igp", 9, "pup", 12, "udp", 17, "hmp", 20, "xns-idp", 22, "rdp", 27, "iso-tp4", 29, "dccp", 33,
            "xtp", 36, "ddp", 37, "idpr-cmtp", 38, "ipv6", 41, "ipv6-route", 43, "ipv6-frag", 44, "idrp", 45,
            "rsvp", 46, "gre", 47, "esp", 50, "ah", 51, "skip", 57, "ipv6-icmp", 58, "ipv6-nonxt", 59,
            "ipv6-opts", 60, "rspf", 73, "vmtp", 81, "eigrp", 88, "ospf", 89, "ax.25", 93, "ipip", 94,
            "etherip", 97, "encap", 98, "pim", 103, "ipcomp", 108, "vrrp", 112, "l2tp", 115, "isis", 124,
            "sctp", 132, "fc", 133, "mobility-header", 135, "udplite", 136, "mpls-in-ip", 137, "manet", 138,
            "hip", 139, "shim6", 140, "wesp", 141, "rohc", 142, "ethernet", 143);
    /** The usual /etc/services names (netbase); ports always print as numbers (nft without -S). */
    public static final Map<String, Integer> SERVICES = table(
            "tcpmux", 1, "echo", 7, "discard", 9, "daytime", 13, "ftp-data", 20, "ftp", 21, "ssh", 22,
            "telnet", 23, "smtp", 25, "time", 37, "whois", 43, "tacacs", 49, "domain", 53, "bootps", 67,
            "bootpc", 68, "tftp", 69, "gopher", 70, "finger", 79, "http", 80, "kerberos", 88, "pop3", 110,
            "sunrpc", 111, "auth", 113, "nntp", 119, "ntp", 123, "epmap", 135, "netbios-ns", 137,
            "netbios-dgm", 138, "netbios-ssn", 139, "imap2", 143, "snmp", 161, "snmp-trap", 162, "bgp", 179,
            "irc", 194, "ldap", 389, "https", 443, "microsoft-ds", 445, "kpasswd", 464, "submissions", 465,
            "syslog", 514, "printer", 515, "submission", 587, "ldaps", 636, "rsync", 873, "ftps", 990,
            "imaps", 993, "pop3s", 995, "socks", 1080, "openvpn", 1194, "ms-sql-s", 1433, "l2f", 1701,
            "radius", 1812, "radius-acct", 1813, "nfs", 2049, "mysql", 3306, "ms-wbt-server", 3389,
            "sip", 5060, "postgresql", 5432, "x11", 6000, "http-alt", 8080);

    private NftSymbols() {}

    private static Map<String, Integer> table(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.putIfAbsent((String) kv[i], (Integer) kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The first name for {@code value} in {@code table}, or null. */
    public static String name(Map<String, Integer> table, long value) {
        for (Map.Entry<String, Integer> e : table.entrySet()) {
            if (e.getValue() == value) {
                return e.getKey();
            }
        }
        return null;
    }
}
