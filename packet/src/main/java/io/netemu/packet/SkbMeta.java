package io.netemu.packet;

/**
 * What an sk_buff carries besides its bytes: {@code skb->protocol}, {@code pkt_type},
 * {@code skb_iif}, {@code mark}, {@code priority}, {@code tstamp} (nanoseconds of the run's clock)
 * and {@code _nfct}, the connection-tracking tag a namespace attaches. {@code nfct} and
 * {@code mark} are namespace-local: {@link #scrubbed()} clears them when a frame leaves for
 * another namespace (skb_scrub_packet), and they never cross JVMs.
 *
 * <p>{@code gsoSize} and {@code gsoSegs} are skb_shinfo's: a TCP super-segment (TSO/GSO from a
 * socket, or GRO's merge) carries payload of {@code gsoSegs} real segments of {@code gsoSize}
 * bytes each (the last may be shorter); 0 means an ordinary frame. They travel with the frame
 * between veth ends, as the skb does in Linux.
 */
public record SkbMeta(int protocol, PacketType pktType, int ifindex, int mark, int priority, long tstampNanos,
                      Object nfct, int gsoSize, int gsoSegs) {
    public static final SkbMeta NONE = new SkbMeta(0, PacketType.HOST, 0, 0, 0, 0L, null, 0, 0);

    public SkbMeta(int protocol, PacketType pktType, int ifindex, int mark, int priority, long tstampNanos) {
        this(protocol, pktType, ifindex, mark, priority, tstampNanos, null, 0, 0);
    }

    public SkbMeta(int protocol, PacketType pktType, int ifindex, int mark, int priority, long tstampNanos,
                   Object nfct) {
        this(protocol, pktType, ifindex, mark, priority, tstampNanos, nfct, 0, 0);
    }

    /** Whether this is a GSO super-segment (skb_is_gso). */
    public boolean isGso() { return gsoSize > 0; }

    public SkbMeta withGso(int size, int segs) {
        return new SkbMeta(protocol, pktType, ifindex, mark, priority, tstampNanos, nfct, size, segs);
    }

    public SkbMeta withProtocol(int p) { return new SkbMeta(p, pktType, ifindex, mark, priority, tstampNanos, nfct, gsoSize, gsoSegs); }
    public SkbMeta withPktType(PacketType t) { return new SkbMeta(protocol, t, ifindex, mark, priority, tstampNanos, nfct, gsoSize, gsoSegs); }
    public SkbMeta withIfindex(int i) { return new SkbMeta(protocol, pktType, i, mark, priority, tstampNanos, nfct, gsoSize, gsoSegs); }
    public SkbMeta withMark(int m) { return new SkbMeta(protocol, pktType, ifindex, m, priority, tstampNanos, nfct, gsoSize, gsoSegs); }
    public SkbMeta withPriority(int p) { return new SkbMeta(protocol, pktType, ifindex, mark, p, tstampNanos, nfct, gsoSize, gsoSegs); }
    public SkbMeta withTstamp(long t) { return new SkbMeta(protocol, pktType, ifindex, mark, priority, t, nfct, gsoSize, gsoSegs); }
    public SkbMeta withNfct(Object ct) { return new SkbMeta(protocol, pktType, ifindex, mark, priority, tstampNanos, ct, gsoSize, gsoSegs); }

    /** Without the namespace-local fields (mark, conntrack tag): what the peer namespace receives. */
    public SkbMeta scrubbed() {
        return mark == 0 && nfct == null ? this : new SkbMeta(protocol, pktType, ifindex, 0, priority, tstampNanos, null, gsoSize, gsoSegs);
    }

    @Override
    public boolean equals(Object o) {
        // the conntrack tag is identity state, not part of a frame's value
        return o instanceof SkbMeta m && protocol == m.protocol && pktType == m.pktType && ifindex == m.ifindex
                && mark == m.mark && priority == m.priority && tstampNanos == m.tstampNanos
                && gsoSize == m.gsoSize && gsoSegs == m.gsoSegs;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(protocol, pktType, ifindex, mark, priority, tstampNanos, gsoSize, gsoSegs);
    }
}
