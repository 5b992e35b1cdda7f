package io.netemu.stack.ip;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.Ipv4Repr;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.stack.NetException;
import io.netemu.stack.NetStack;
import io.netemu.stack.core.StackDrop;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.frag.IpFragmenter;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.route.MultipathHash;
import io.netemu.stack.route.RouteOutput;
import io.netemu.stack.route.RouteType;
import java.util.HashMap;
import java.util.Map;

/** Local output (net/ipv4/ip_output.c): route, choose the source, build the IP header, fragment, neighbour output. */
public final class IpOutput {
    private static final int LL_HEADROOM = 32;
    /** net.ipv4.route.mtu_expires: a learned path MTU is forgotten after 10 minutes. */
    private static final long PMTU_EXPIRES_NANOS = 600_000_000_000L;
    private static final byte[] NO_OPTIONS = new byte[0];

    private final NetStack stack;
    private final Map<Integer, long[]> pmtu = new HashMap<>(2);

    public IpOutput(NetStack stack) { this.stack = stack; }

    /** Where a datagram to {@code dst} would go, or the errno it can't (ip_route_output_key). */
    public Route route(int dst, int oif) {
        RouteOutput.Rt rt;
        try {
            rt = RouteOutput.resolve(stack.ns().fib(), stack.ns().devs(), stack.ns().addrs(), dst, 0, oif, 0,
                    MultipathHash.of(stack.hot().multipathHashPolicy(), 0, dst, 0, 0, 0));
        } catch (NetException e) {
            return Route.error(e.errno());
        }
        NetDev dev = stack.ns().devs().get(rt.oif());
        if (dev == null) {
            return Route.error(NetException.ENETUNREACH);
        }
        int nexthop = rt.gateway() != 0 ? rt.gateway() : dst;
        return new Route(0, dev, rt.src(), nexthop, rt.type(), mtu(dev, dst));
    }

    /** The route of a datagram: its device, source, next hop, type and MTU, or an errno. */
    public record Route(int errno, NetDev dev, int src, int nexthop, int type, int mtu) {
        static Route error(int errno) { return new Route(errno, null, 0, 0, 0, 0); }
    }

    private int mtu(NetDev dev, int dst) {
        long[] p = pmtu.get(dst);
        if (p != null) {
            if (p[1] > stack.env().now()) {
                return (int) Math.min(dev.mtu(), p[0]);
            }
            pmtu.remove(dst);
        }
        return dev.mtu();
    }

    /** An ICMP "fragmentation needed" told us the path to {@code dst} is narrower (ip_rt_update_pmtu). */
    public void learnPmtu(int dst, int mtu) {
        pmtu.put(dst, new long[] {mtu, stack.env().now() + PMTU_EXPIRES_NANOS});
    }

    /**
     * ip_queue_xmit / ip_push_pending_frames: {@code l4} data is at the transport header. Returns 0
     * or an errno (ENETUNREACH; EMSGSIZE when {@code pmtu} is DO and the datagram exceeds the MTU).
     */
    public int output(int src, int dst, int protocol, SkBuff l4, int ttl, int tos, Pmtudisc pmtu, int oif) {
        Route r = route(dst, oif);
        if (r.errno() != 0) {
            stack.counters().drop(StackDrop.IP_OUTNOROUTES);
            return r.errno();
        }
        int total = Ipv4Packet.MIN_HEADER_LEN + l4.len();
        if (total > 65535) {
            return 90; // EMSGSIZE
        }
        // a GSO super-segment fits when each of its real segments does (skb_gso_validate_network_len)
        boolean fits = GsoSeg.networkLen(l4, Ipv4Packet.MIN_HEADER_LEN, total) <= r.mtu() || r.type() == RouteType.LOCAL;
        if (pmtu == Pmtudisc.DO && !fits) {
            return 90;
        }
        boolean df = pmtu == Pmtudisc.DO || (pmtu == Pmtudisc.WANT && fits);
        SkBuff skb = l4.headroom() >= Ipv4Packet.MIN_HEADER_LEN + LL_HEADROOM && !l4.cloned()
                ? l4 : l4.copyExpand(Ipv4Packet.MIN_HEADER_LEN + LL_HEADROOM);
        skb = skb.push(Ipv4Packet.MIN_HEADER_LEN);
        // ip_select_ident: a DF datagram of no connected socket (a RST from no socket) has id 0;
        // ping's socket is connected and ICMP errors have no DF, so they take the next id
        int ident = df && protocol != IpProtocol.ICMP.value() ? 0 : stack.nextIpIdent();
        new Ipv4Repr(src != 0 ? src : r.src(), dst, protocol, l4.len(), ttl, tos, ident,
                df, false, 0, NO_OPTIONS).emit(Ipv4Packet.of(skb));
        stack.counters().ipOutRequests++;
        return send(skb, r, pmtu);
    }

    /**
     * ip_local_out onwards for a datagram with its IP header: LOCAL_OUT (routing again if NAT
     * moved the destination), POST_ROUTING, then loopback or the neighbour layer, fragmenting to
     * the MTU. Returns 0, EPERM when netfilter dropped it, or a routing errno.
     */
    private int send(SkBuff skb, Route r, Pmtudisc pmtu) {
        if (stack.nf().active(NfHook.LOCAL_OUT)) {
            NfPacket p = stack.nf().run(NfHook.LOCAL_OUT, skb, null, r.dev());
            if (p == null) {
                return 1; // EPERM, as sendmsg reports a packet netfilter dropped
            }
            skb = p.skb;
            if (p.dstChanged) {
                r = route(Ipv4Packet.of(skb).dst(), 0);
                if (r.errno() != 0) {
                    return r.errno();
                }
            }
        }
        if (stack.nf().active(NfHook.POST_ROUTING)) {
            NfPacket p = stack.nf().run(NfHook.POST_ROUTING, skb, null, r.dev());
            if (p == null) {
                return 1;
            }
            skb = p.skb;
        }
        if (r.type() == RouteType.LOCAL) {
            stack.loopback(skb);
            return 0;
        }
        if (GsoSeg.networkLen(skb, Ipv4Packet.of(skb).totalLen()) <= r.mtu()) {
            stack.neighOutput().output(r.dev(), r.nexthop(), skb); // a GSO skb stays whole: the device segments it
            return 0;
        }
        if (pmtu == Pmtudisc.DO) {
            return 90;
        }
        for (SkBuff seg : GsoSeg.segments(skb)) { // ip_finish_output_gso: segment, then fragment each
            for (SkBuff frag : IpFragmenter.fragment(seg, r.mtu(), LL_HEADROOM)) {
                stack.counters().ipFragCreates++;
                stack.neighOutput().output(r.dev(), r.nexthop(), frag);
            }
            stack.counters().ipFragOks++;
        }
        return 0;
    }

    /** tcp_v4_send_reset for a segment to a closed port (RFC 9293 §3.10.7.1). */
    public void tcpResetClosed(SkBuff skb, Ipv4Packet ip) {
        int tcpLen = ip.totalLen() - ip.headerLen();
        if (tcpLen < 20) {
            return;
        }
        TcpPacket in = TcpPacket.of(skb.array(), ip.payloadOffset(), tcpLen);
        if (in.rst()) {
            return;
        }
        SkBuff out = SkBuff.alloc(64, 20).put(20);
        TcpPacket rst = TcpPacket.of(out);
        rst.setSrcPort(in.dstPort());
        rst.setDstPort(in.srcPort());
        rst.setHeaderLen(20);
        if (in.ackFlag()) {
            rst.setSeq(in.ack());
            rst.setAck(0);
            rst.setFlags(TcpPacket.RST);
        } else {
            int segLen = tcpLen - in.headerLen() + (in.syn() ? 1 : 0) + (in.fin() ? 1 : 0);
            rst.setSeq(0);
            rst.setAck(in.seq() + segLen);
            rst.setFlags(TcpPacket.RST | TcpPacket.ACK);
        }
        rst.setWindow(0);
        rst.setUrgentPointer(0);
        rst.fillChecksum(ip.dst(), ip.src());
        output(ip.dst(), ip.src(), IpProtocol.TCP.value(), out,
                stack.hot().defaultTtl(), 0, Pmtudisc.DO, 0);
    }
}
