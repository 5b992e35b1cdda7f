package io.netemu.stack.netfilter.nft;

import io.netemu.stack.netfilter.NfPacket;

/**
 * What a match reads from a packet: payload fields (nft_payload.c, at fixed offsets of the IPv4
 * or transport header), meta keys (nft_meta.c) and {@code ct state} (nft_ct.c). A transport key
 * carries the protocol nft adds as its dependency ({@code tcp dport} implies {@code meta l4proto
 * tcp}), checked as part of the load.
 */
public enum NftKey {
    IP_SADDR("ip saddr", NftType.IPV4_ADDR, 32),
    IP_DADDR("ip daddr", NftType.IPV4_ADDR, 32),
    IP_PROTOCOL("ip protocol", NftType.INET_PROTO, 8),
    IP_TTL("ip ttl", NftType.INTEGER, 8),
    IP_LENGTH("ip length", NftType.INTEGER, 16),
    IP_ID("ip id", NftType.INTEGER, 16),
    IP6_SADDR("ip6 saddr", NftType.IPV6_ADDR, 128),
    IP6_DADDR("ip6 daddr", NftType.IPV6_ADDR, 128),
    IP6_NEXTHDR("ip6 nexthdr", NftType.INET_PROTO, 8),
    IP6_HOPLIMIT("ip6 hoplimit", NftType.INTEGER, 8),
    TCP_SPORT("tcp sport", NftType.INET_SERVICE, 16),
    TCP_DPORT("tcp dport", NftType.INET_SERVICE, 16),
    TCP_FLAGS("tcp flags", NftType.TCP_FLAG, 8),
    UDP_SPORT("udp sport", NftType.INET_SERVICE, 16),
    UDP_DPORT("udp dport", NftType.INET_SERVICE, 16),
    TH_SPORT("th sport", NftType.INET_SERVICE, 16),
    TH_DPORT("th dport", NftType.INET_SERVICE, 16),
    ICMP_TYPE("icmp type", NftType.ICMP_TYPE, 8),
    ICMP_CODE("icmp code", NftType.ICMP_CODE, 8),
    ICMP_ID("icmp id", NftType.INTEGER, 16),
    ICMP_SEQUENCE("icmp sequence", NftType.INTEGER, 16),
    ICMPV6_TYPE("icmpv6 type", NftType.ICMPV6_TYPE, 8),
    ICMPV6_CODE("icmpv6 code", NftType.ICMPV6_CODE, 8),
    META_L4PROTO("meta l4proto", NftType.INET_PROTO, 8),
    META_MARK("meta mark", NftType.MARK, 32),
    META_LENGTH("meta length", NftType.INTEGER, 32),
    META_NFPROTO("meta nfproto", NftType.NFPROTO, 8),
    META_IIF("iif", NftType.IFACE_INDEX, 32),
    META_OIF("oif", NftType.IFACE_INDEX, 32),
    META_IIFNAME("iifname", NftType.IFNAME, 128),
    META_OIFNAME("oifname", NftType.IFNAME, 128),
    CT_STATE("ct state", NftType.CT_STATE, 32),
    CT_STATUS("ct status", NftType.CT_STATUS, 32);

    private final String text;
    private final NftType type;
    private final int width;

    NftKey(String text, NftType type, int width) {
        this.text = text;
        this.type = type;
        this.width = width;
    }

    /** How nft prints the key ({@code meta} dropped for the unqualified meta keys). */
    public String text() { return text; }
    public NftType type() { return type; }
    /** The field's width in bits. */
    public int width() { return width; }

    /** The transport protocol this key depends on (6, 17, 1), or -1. */
    public int l4proto() {
        return switch (this) {
            case TCP_SPORT, TCP_DPORT, TCP_FLAGS -> 6;
            case UDP_SPORT, UDP_DPORT -> 17;
            case ICMP_TYPE, ICMP_CODE, ICMP_ID, ICMP_SEQUENCE -> 1;
            case ICMPV6_TYPE, ICMPV6_CODE -> 58;
            default -> -1;
        };
    }

    public boolean isCt() { return this == CT_STATE || this == CT_STATUS; }

    /** The key by its printed name, or null. */
    public static NftKey byText(String text) {
        for (NftKey k : values()) {
            if (k.text.equals(text)) {
                return k;
            }
        }
        return null;
    }

    /** Whether the key reads an IPv6 header: never present here (IPv4 only), so its matches fail. */
    public boolean ipv6() {
        return this == IP6_SADDR || this == IP6_DADDR || this == IP6_NEXTHDR || this == IP6_HOPLIMIT || l4proto() == 58;
    }

    /** Loads the numeric value (unsigned) or {@link NftPktInfo#NONE}. */
    long load(NftPktInfo pi) {
        NfPacket p = pi.p;
        int dep = l4proto();
        if (dep >= 0 && pi.tprot != dep) {
            return NftPktInfo.NONE;
        }
        return switch (this) {
            case IP_SADDR -> pi.network(12, 4);
            case IP_DADDR -> pi.network(16, 4);
            case IP_PROTOCOL -> pi.network(9, 1);
            case IP_TTL -> pi.network(8, 1);
            case IP_LENGTH -> pi.network(2, 2);
            case IP_ID -> pi.network(4, 2);
            case TCP_SPORT, UDP_SPORT, TH_SPORT -> pi.transport(0, 2);
            case TCP_DPORT, UDP_DPORT, TH_DPORT -> pi.transport(2, 2);
            case TCP_FLAGS -> pi.transport(13, 1);
            case ICMP_TYPE -> pi.transport(0, 1);
            case ICMP_CODE -> pi.transport(1, 1);
            case ICMP_ID -> pi.transport(4, 2);
            case ICMP_SEQUENCE -> pi.transport(6, 2);
            case META_L4PROTO -> pi.tprot < 0 ? NftPktInfo.NONE : pi.tprot;
            case META_MARK -> p.mark & 0xffffffffL;
            case META_LENGTH -> p.skb.len();
            case META_NFPROTO -> 2; // NFPROTO_IPV4: the only family emulated
            case META_IIF -> p.in == null ? NftPktInfo.NONE : p.in.ifindex();
            case META_OIF -> p.out == null ? NftPktInfo.NONE : p.out.ifindex();
            case CT_STATE -> ctStateBit(p);
            case CT_STATUS -> p.ct == null ? NftPktInfo.NONE : p.ct.status() & 0xffffffffL;
            default -> NftPktInfo.NONE;
        };
    }

    /** Loads a string key (interface names), or null when there is no such device. */
    String loadString(NftPktInfo pi) {
        return switch (this) {
            case META_IIFNAME -> pi.p.in == null ? null : pi.p.in.name();
            case META_OIFNAME -> pi.p.out == null ? null : pi.p.out.name();
            default -> null;
        };
    }

    /** NF_CT_STATE_BIT(ctinfo); a packet conntrack did not attach to reads as invalid. */
    static long ctStateBit(NfPacket p) {
        if (p.ctState == null) {
            return 1;
        }
        return switch (p.ctState) {
            case INVALID -> 1;
            case ESTABLISHED -> 2;
            case RELATED -> 4;
            case NEW -> 8;
            case UNTRACKED -> 64;
        };
    }
}
