package io.netemu.stack.netfilter.conntrack;

import io.netemu.stack.sys.Sysctls;

/**
 * The {@code net.netfilter.nf_conntrack_*} values conntrack reads per packet, re-read only when the
 * namespace's sysctls change (as HotSysctls does); timeouts in nanoseconds.
 */
final class CtSysctls {
    static final String P = "net.netfilter.nf_conntrack_";
    /** Indexes into {@link #tcp} past the states: TCP_CONNTRACK_RETRANS and TCP_CONNTRACK_UNACK. */
    static final int RETRANS = 10;
    static final int UNACK = 11;
    private static final long SEC = 1_000_000_000L;
    private static final String[] TCP_KEYS = {null, "syn_sent", "syn_recv", "established", "fin_wait",
        "close_wait", "last_ack", "time_wait", "close", null, "max_retrans", "unacknowledged"};

    private final Sysctls sysctl;
    private long version = -1;
    final long[] tcp = new long[12];
    long udp;
    long udpStream;
    long icmp;
    long generic;
    int max;
    int buckets;
    int tcpMaxRetrans;
    boolean tcpLoose;
    boolean tcpLiberal;
    boolean tcpIgnoreInvalidRst;
    boolean checksum;
    boolean acct;

    CtSysctls(Sysctls sysctl) { this.sysctl = sysctl; }

    /** Re-reads the values if any sysctl changed since the last call. */
    CtSysctls fresh() {
        if (sysctl.version() != version) {
            version = sysctl.version();
            for (int i = 0; i < TCP_KEYS.length; i++) {
                if (TCP_KEYS[i] != null) {
                    tcp[i] = secs("tcp_timeout_" + TCP_KEYS[i]);
                }
            }
            tcp[9] = 120 * SEC; // SYN_SENT2 has no sysctl: 2 minutes
            udp = secs("udp_timeout");
            udpStream = secs("udp_timeout_stream");
            icmp = secs("icmp_timeout");
            generic = secs("generic_timeout");
            max = sysctl.getInt(P + "max");
            buckets = Math.max(1, sysctl.getInt(P + "buckets"));
            tcpMaxRetrans = sysctl.getInt(P + "tcp_max_retrans");
            tcpLoose = sysctl.getInt(P + "tcp_loose") != 0;
            tcpLiberal = sysctl.getInt(P + "tcp_be_liberal") != 0;
            tcpIgnoreInvalidRst = sysctl.getInt(P + "tcp_ignore_invalid_rst") != 0;
            checksum = sysctl.getInt(P + "checksum") != 0;
            acct = sysctl.getInt(P + "acct") != 0;
        }
        return this;
    }

    private long secs(String key) {
        return (sysctl.getInt(P + key) & 0xffffffffL) * SEC;
    }
}
