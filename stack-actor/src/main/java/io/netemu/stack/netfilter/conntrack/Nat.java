package io.netemu.stack.netfilter.conntrack;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfPacket.CtState;
import io.netemu.stack.netfilter.NfVerdict;

/**
 * NAT on top of conntrack (net/netfilter/nf_nat_core.c nf_nat_inet_fn and nf_nat_setup_info,
 * nf_nat_masquerade.c, nf_nat_redirect.c): a binding chosen for the first packet of a connection
 * and applied to every packet of it, both ways, and to ICMP errors about it.
 *
 * <p>The nat table's chains (iptables, nft) call {@link #needsNatLookup} and, when a rule
 * matches, {@link #setup} or {@link #redirect}; conntrack's own hooks apply bindings to later
 * packets and give connections no rule mapped a null binding when they are confirmed.
 */
public final class Nat {
    private Nat() {}

    /**
     * A NAT target decided for the first packet of a connection (nf_nat_setup_info):
     * {@code source} for SNAT/MASQUERADE (POST_ROUTING, LOCAL_IN), else DNAT/REDIRECT
     * (PRE_ROUTING, LOCAL_OUT). Chooses the binding, records it on {@code p.ct} and rewrites this
     * packet. Returns ACCEPT, or DROP when no tuple is free (or MASQUERADE finds no address).
     * Untracked packets ({@code p.ct == null}) and confirmed connections are left alone.
     */
    public static NfVerdict setup(NfPacket p, NatRange range, boolean source) {
        Conn c = p.ct;
        if (c == null || c.confirmed()) {
            return NfVerdict.ACCEPT;
        }
        if (initialized(c, source)) {
            return NfVerdict.DROP; // bound already at this manip type (the kernel WARNs)
        }
        NatRange r = range;
        Ipv4Packet ip = Ipv4Packet.of(p.skb);
        if (r.masquerade()) {
            int addr = p.ops.selectSource(p.out, ip.dst());
            if (addr == 0) {
                p.ops.klog((p.out == null ? "?" : p.out.name()) + " ate my IP address");
                return NfVerdict.DROP;
            }
            r = new NatRange(addr, addr, r.minPort(), r.maxPort(), r.random(), r.persistent(), false);
        }
        if (!NatCore.setupInfo(c, r, source, p.ops.now())) {
            c.owner.natClash();
            return NfVerdict.DROP;
        }
        return apply(p, c, Conn.ORIGINAL, source);
    }

    /** REDIRECT: DNAT to the primary address of the incoming device (127.0.0.1 when locally generated), ports from the range. */
    public static NfVerdict redirect(NfPacket p, int minPort, int maxPort) {
        int addr = p.hook == NfHook.LOCAL_OUT ? 0x7F000001 : p.in == null ? 0 : p.ops.selectSource(p.in, 0);
        if (addr == 0) {
            return NfVerdict.DROP;
        }
        return setup(p, new NatRange(addr, addr, minPort, maxPort, false, false, false), false);
    }

    /**
     * Whether the nat table's chains should be consulted for this packet: only for the first
     * packet of a connection (ctState NEW and no binding yet at this manip type), as the kernel does.
     */
    public static boolean needsNatLookup(NfPacket p, boolean source) {
        return p.ct != null && p.ctState == CtState.NEW && !initialized(p.ct, source);
    }

    static boolean initialized(Conn c, boolean source) {
        return (c.status & (source ? Conn.SRC_NAT_DONE : Conn.DST_NAT_DONE)) != 0;
    }

    /** nf_nat_ipv4_fn / nf_nat_inet_fn at NAT_DST ({@code source} false) or NAT_SRC. */
    static NfVerdict hook(NfPacket p, boolean source) {
        Conn c = p.ct;
        if (c == null) {
            return NfVerdict.ACCEPT;
        }
        SkBuff skb = p.skb;
        if (p.ctState == CtState.RELATED && Ipv4Packet.of(skb).protocol() == Tuple.ICMP) {
            return icmpError(p, c, source);
        }
        if ((c.status & Conn.NAT_MASK) == 0 || (p.ctState == CtState.NEW && !initialized(c, source))) {
            return NfVerdict.ACCEPT; // no binding, or the nat chains decide (none: a null binding at confirmation)
        }
        return apply(p, c, direction(c, skb.array(), skb.dataOffset(), skb.len()), source);
    }

    /** nf_nat_alloc_null_binding for the source side: keeps the tuple unique, remapping the port on a clash. */
    static NfVerdict nullBinding(NfPacket p, Conn c) {
        NatRange r = NatRange.to(c.rDst);
        if (!NatCore.setupInfo(c, r, true, p.ops.now())) {
            c.owner.natClash();
            return NfVerdict.DROP;
        }
        return apply(p, c, Conn.ORIGINAL, true);
    }

    private static NfVerdict apply(NfPacket p, Conn c, int dir, boolean source) {
        int bit = source ? Conn.SRC_NAT : Conn.DST_NAT;
        if ((c.status & (dir == Conn.REPLY ? bit ^ Conn.NAT_MASK : bit)) == 0) {
            return NfVerdict.ACCEPT;
        }
        p.skb = p.skb.writable();
        SkBuff skb = p.skb;
        int dst = Ipv4Packet.of(skb).dst();
        if (!NatManip.packet(skb.array(), skb.dataOffset(), Math.min(skb.len(), Ipv4Packet.of(skb).totalLen()), c, dir,
                source)) {
            return NfVerdict.DROP;
        }
        if (Ipv4Packet.of(skb).dst() != dst) {
            p.dstChanged = true;
        }
        return NfVerdict.ACCEPT;
    }

    private static NfVerdict icmpError(NfPacket p, Conn c, boolean source) {
        p.skb = p.skb.writable();
        SkBuff skb = p.skb;
        byte[] b = skb.array();
        int off = skb.dataOffset();
        Ipv4Packet ip = Ipv4Packet.of(skb);
        int avail = Math.min(skb.len(), ip.totalLen());
        int inner = off + ip.headerLen() + 8;
        if (avail - ip.headerLen() - 8 < Ipv4Packet.MIN_HEADER_LEN) {
            return NfVerdict.DROP;
        }
        // the quoted datagram travelled the other way
        int dir = 1 - direction(c, b, inner, avail - (inner - off));
        int dst = ip.dst();
        if (!NatManip.icmpReply(b, off, avail, c, dir, source)) {
            return NfVerdict.DROP;
        }
        if (ip.dst() != dst) {
            p.dstChanged = true;
        }
        return NfVerdict.ACCEPT;
    }

    /** The direction of the datagram at {@code ipOff} within connection {@code c} (see {@link Conn#direction}). */
    static int direction(Conn c, byte[] b, int ipOff, int avail) {
        Ipv4Packet ip = Ipv4Packet.of(b, ipOff, avail);
        int l4 = ipOff + ip.headerLen();
        int l4avail = avail - ip.headerLen();
        int sport = 0;
        int dport = 0;
        int type = -1;
        if (c.proto == Tuple.ICMP) {
            type = l4avail >= 1 ? b[l4] & 0xff : -1;
        } else if (Tuple.keyed(c.proto) && l4avail >= 4) {
            sport = Tuple.u16(b, l4);
            dport = Tuple.u16(b, l4 + 2);
        }
        return c.direction(ip.src(), sport, ip.dst(), dport, type);
    }
}
