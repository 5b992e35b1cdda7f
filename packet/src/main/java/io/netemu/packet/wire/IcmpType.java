package io.netemu.packet.wire;

/** ICMP message types and codes (RFC 792, RFC 1191 §4, RFC 1812 §5.2.7.1), named as in Linux's {@code <linux/icmp.h>}. */
public final class IcmpType {
    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACH = 3;
    public static final int SOURCE_QUENCH = 4;
    public static final int REDIRECT = 5;
    public static final int ECHO = 8;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAMETER_PROB = 12;
    public static final int TIMESTAMP = 13;
    public static final int TIMESTAMP_REPLY = 14;

    private IcmpType() {}

    /** Codes of {@link #DEST_UNREACH} (ICMP_NET_UNREACH ... ICMP_PREC_CUTOFF). */
    public static final class DestUnreach {
        public static final int NET = 0;
        public static final int HOST = 1;
        public static final int PROTO = 2;
        public static final int PORT = 3;
        /** Fragmentation needed and DF set; the next-hop MTU is in the header (RFC 1191 §4). */
        public static final int FRAG_NEEDED = 4;
        public static final int SOURCE_ROUTE_FAILED = 5;
        public static final int NET_UNKNOWN = 6;
        public static final int HOST_UNKNOWN = 7;
        public static final int HOST_ISOLATED = 8;
        public static final int NET_PROHIBITED = 9;
        public static final int HOST_PROHIBITED = 10;
        public static final int NET_TOS = 11;
        public static final int HOST_TOS = 12;
        /** Communication administratively prohibited (RFC 1812 §5.2.7.1), e.g. an iptables REJECT. */
        public static final int PKT_FILTERED = 13;
        public static final int PREC_VIOLATION = 14;
        public static final int PREC_CUTOFF = 15;

        private DestUnreach() {}
    }

    /** Codes of {@link #TIME_EXCEEDED} (ICMP_EXC_TTL, ICMP_EXC_FRAGTIME). */
    public static final class TimeExceeded {
        public static final int TTL = 0;
        public static final int FRAG_REASSEMBLY = 1;

        private TimeExceeded() {}
    }

    /** Codes of {@link #REDIRECT}. */
    public static final class Redirect {
        public static final int NET = 0;
        public static final int HOST = 1;
        public static final int TOS_NET = 2;
        public static final int TOS_HOST = 3;

        private Redirect() {}
    }

    /** Whether an ICMP type is an error that quotes the offending datagram (RFC 1122 §3.2.2, icmp_is_err). */
    public static boolean isError(int type) {
        return type == DEST_UNREACH || type == SOURCE_QUENCH || type == REDIRECT
                || type == TIME_EXCEEDED || type == PARAMETER_PROB;
    }
}
