package io.netemu.stack.netfilter.conntrack;

/**
 * One tracked connection (struct nf_conn, include/net/netfilter/nf_conntrack.h): the original and
 * reply tuples, status bits, TCP state, conntrack mark, expiry deadline and, with
 * {@code nf_conntrack_acct=1} at creation, per-direction packet and byte counters.
 *
 * <p>Kept small for tables of a million entries: tuples as plain fields, protocol state in a
 * separate object only for TCP, counters only when accounting is on, and the hash chains
 * intrusive ({@code nextOrig}, {@code nextReply}).
 *
 * <h2>Pitfalls</h2>
 * The reply tuple changes once, when NAT binds an unconfirmed connection; after confirmation
 * both tuples are fixed.
 */
public final class Conn {
    /** enum ip_conntrack_status bits (include/uapi/linux/netfilter/nf_conntrack_common.h). */
    public static final int EXPECTED = 1;
    public static final int SEEN_REPLY = 1 << 1;
    public static final int ASSURED = 1 << 2;
    public static final int CONFIRMED = 1 << 3;
    public static final int SRC_NAT = 1 << 4;
    public static final int DST_NAT = 1 << 5;
    public static final int SRC_NAT_DONE = 1 << 7;
    public static final int DST_NAT_DONE = 1 << 8;
    public static final int DYING = 1 << 9;
    public static final int FIXED_TIMEOUT = 1 << 10;
    static final int NAT_MASK = SRC_NAT | DST_NAT;
    /** Not a kernel bit: the accounting extension was attached at creation (nf_ct_acct_ext_add). */
    static final int ACCT = 1 << 30;

    public static final int ORIGINAL = 0;
    public static final int REPLY = 1;

    /** TCP states (enum tcp_conntrack), ordinals as the kernel numbers them. */
    public enum TcpState { NONE, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSE, SYN_SENT2 }

    final Conntrack owner;
    final int id;
    final int proto;
    final int oSrc;
    final int oDst;
    final char oSport;
    final char oDport;
    int rSrc;
    int rDst;
    char rSport;
    char rDport;
    int status;
    int mark;
    /** When it expires, on the run's clock (nanoseconds). */
    long deadline;
    /** UDP: when a replied flow becomes a stream (ct->proto.udp.stream_ts). */
    long streamTs;
    /** TCP only (struct ip_ct_tcp). */
    TcpConn tcp;
    /** Packets and bytes, original then reply; null without accounting. */
    long[] acct;
    Conn nextOrig;
    Conn nextReply;
    /** Chain of the NAT by-source index (nf_nat_bysource). */
    Conn nextBySrc;

    Conn(Conntrack owner, int id, Tuple orig, Tuple reply) {
        this.owner = owner;
        this.id = id;
        this.proto = orig.proto();
        this.oSrc = orig.src();
        this.oDst = orig.dst();
        this.oSport = (char) orig.sport();
        this.oDport = (char) orig.dport();
        setReply(reply);
    }

    void setReply(Tuple r) {
        rSrc = r.src();
        rDst = r.dst();
        rSport = (char) r.sport();
        rDport = (char) r.dport();
    }

    public int id() { return id; }
    /** The transport protocol number (6, 17, 1, ...). */
    public int proto() { return proto; }
    public Tuple orig() { return new Tuple(oSrc, oDst, oSport, oDport, proto); }
    public Tuple reply() { return new Tuple(rSrc, rDst, rSport, rDport, proto); }
    public Tuple tuple(int dir) { return dir == ORIGINAL ? orig() : reply(); }
    public int status() { return status; }
    public boolean has(int bits) { return (status & bits) == bits; }
    public boolean confirmed() { return (status & CONFIRMED) != 0; }
    /** The connection mark ({@code ct mark}, CONNMARK). */
    public int mark() { return mark; }
    public void setMark(int m) { this.mark = m; }
    /** The TCP state, or null for other protocols. */
    public TcpState tcpState() { return tcp == null ? null : TcpState.values()[tcp.state]; }
    /** Expiry on the run's clock, nanoseconds. */
    public long deadline() { return deadline; }
    /** Whole seconds left, as ctnetlink reports them (nf_ct_expires / HZ). */
    public long timeoutSeconds(long now) { return Math.max(0, deadline - now) / 1_000_000_000L; }
    boolean expired(long now) { return deadline - now <= 0; }
    /** Whether packet and byte counters are kept (nf_conntrack_acct was on when it was created). */
    public boolean accounted() { return acct != null; }
    public long packets(int dir) { return acct == null ? 0 : acct[dir * 2]; }
    public long bytes(int dir) { return acct == null ? 0 : acct[dir * 2 + 1]; }

    /** {@code conntrack -L -z}: counters back to zero after they were read. */
    public void zeroCounters() {
        if (acct != null) {
            java.util.Arrays.fill(acct, 0);
        }
    }

    void account(int dir, int len) {
        if (acct != null) {
            acct[dir * 2]++;
            acct[dir * 2 + 1] += len;
        }
    }

    boolean origEquals(int src, int dst, int sport, int dport, int p) {
        return oSrc == src && oDst == dst && oSport == sport && oDport == dport && proto == p;
    }

    boolean replyEquals(int src, int dst, int sport, int dport, int p) {
        return rSrc == src && rDst == dst && rSport == sport && rDport == dport && proto == p;
    }

    int origHash() { return Tuple.hash(oSrc, oDst, oSport, oDport, proto); }
    int replyHash() { return Tuple.hash(rSrc, rDst, rSport, rDport, proto); }

    /**
     * Which way a packet of this connection travels, from its source (and if that is ambiguous, its
     * destination) before or after NAT at any hook: ORIGINAL packets come from the original source
     * or its NAT mapping (the reply destination), REPLY packets from the reply source or the
     * original destination. ICMP queries are told apart by type. ({@code CTINFO2DIR}, recomputed
     * here because the packet's conntrack tag carries the state without the direction.)
     */
    public int direction(int src, int sport, int dst, int dport, int icmpType) {
        if (proto == Tuple.ICMP) {
            return icmpType == (oDport >>> 8) ? ORIGINAL : REPLY;
        }
        boolean keyed = Tuple.keyed(proto);
        boolean fromOrig = (src == oSrc && (!keyed || sport == oSport)) || (src == rDst && (!keyed || sport == rDport));
        boolean fromReply = (src == rSrc && (!keyed || sport == rSport)) || (src == oDst && (!keyed || sport == oDport));
        if (fromOrig != fromReply) {
            return fromOrig ? ORIGINAL : REPLY;
        }
        boolean toReply = (dst == oSrc && (!keyed || dport == oSport)) || (dst == rDst && (!keyed || dport == rDport));
        return toReply ? REPLY : ORIGINAL;
    }

    /** The direction of this packet (data at its IP header) in the connection, for {@code --ctdir}: ORIGINAL or REPLY. */
    public int direction(io.netemu.packet.SkBuff skb) {
        return Nat.direction(this, skb.array(), skb.dataOffset(), skb.len());
    }

    @Override
    public String toString() {
        return "Conn[" + id + " " + orig() + " / " + reply() + " status 0x" + Integer.toHexString(status)
                + (tcp != null ? " " + tcpState() : "") + "]";
    }
}
