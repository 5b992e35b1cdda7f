package io.netemu.packet;

/**
 * What an sk_buff carries besides its bytes: {@code skb->protocol}, {@code pkt_type},
 * {@code skb_iif}, {@code mark}, {@code priority} and {@code tstamp} (nanoseconds of the run's clock).
 */
public record SkbMeta(int protocol, PacketType pktType, int ifindex, int mark, int priority, long tstampNanos) {
    public static final SkbMeta NONE = new SkbMeta(0, PacketType.HOST, 0, 0, 0, 0L);

    public SkbMeta withProtocol(int p) { return new SkbMeta(p, pktType, ifindex, mark, priority, tstampNanos); }
    public SkbMeta withPktType(PacketType t) { return new SkbMeta(protocol, t, ifindex, mark, priority, tstampNanos); }
    public SkbMeta withIfindex(int i) { return new SkbMeta(protocol, pktType, i, mark, priority, tstampNanos); }
    public SkbMeta withMark(int m) { return new SkbMeta(protocol, pktType, ifindex, m, priority, tstampNanos); }
    public SkbMeta withPriority(int p) { return new SkbMeta(protocol, pktType, ifindex, mark, p, tstampNanos); }
    public SkbMeta withTstamp(long t) { return new SkbMeta(protocol, pktType, ifindex, mark, priority, t); }
}
