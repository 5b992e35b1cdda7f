package io.netemu.stack.ip;

import io.netemu.packet.PacketType;
import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IcmpType;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.NetStack;
import io.netemu.stack.core.StackDrop;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.route.FibResult;
import io.netemu.stack.route.RouteType;

/** IPv4 receive (net/ipv4/ip_input.c, route.c): ip_rcv_core, ip_route_input_slow, ip_local_deliver. */
public final class IpInput {
    private final NetStack stack;

    public IpInput(NetStack stack) { this.stack = stack; }

    /** ip_rcv: {@code skb} data is at the IPv4 header. */
    public void ipRcv(NetDev dev, SkBuff skb) {
        if (skb.meta().pktType() == PacketType.OTHERHOST) {
            stack.counters().drop(StackDrop.OTHERHOST);
            return;
        }
        stack.counters().ipInReceives++;
        Ipv4Packet ip = Ipv4Packet.of(skb);
        if (skb.len() < Ipv4Packet.MIN_HEADER_LEN || ip.version() != 4 || ip.headerLen() < Ipv4Packet.MIN_HEADER_LEN
                || ip.headerLen() > skb.len()) {
            stack.counters().drop(StackDrop.IP_INHDR);
            return;
        }
        if (!ip.verifyChecksum()) {
            stack.counters().drop(StackDrop.IP_CSUM);
            return;
        }
        int total = ip.totalLen();
        if (total > skb.len() || total < ip.headerLen()) {
            stack.counters().drop(StackDrop.IP_TRUNCATED);
            return;
        }
        skb = skb.trim(total); // Ethernet padding (pskb_trim_rcsum)
        if (stack.nf().active(NfHook.PRE_ROUTING)) {
            if (ip.isFragment() && stack.ns().netfilter().conntrack() != null) {
                // nf_defrag_ipv4: conntrack sees whole datagrams
                skb = stack.defrag().add(skb, stack.env().now());
                stack.armTimers();
                if (skb == null) {
                    return;
                }
            }
            NfPacket p = stack.nf().run(NfHook.PRE_ROUTING, skb, dev, null);
            if (p == null) {
                return;
            }
            skb = p.skb;
        }
        routeInput(dev, skb, Ipv4Packet.of(skb));
    }

    /** ip_route_input_slow: local, broadcast, forward or error. */
    private void routeInput(NetDev dev, SkBuff skb, Ipv4Packet ip) {
        int src = ip.src();
        int dst = ip.dst();
        if (Ipv4Address.isMulticast(src) || src == Ipv4Address.BROADCAST
                || (Ipv4Address.isLoopback(src) && dev.isEther())) {
            stack.counters().drop(StackDrop.IP_MARTIAN_SOURCE);
            return;
        }
        if (dst == Ipv4Address.BROADCAST || (src == 0 && dst == 0)) {
            localDeliver(dev, skb, ip, true);
            return;
        }
        if (Ipv4Address.isMulticast(dst)) {
            stack.counters().drop(StackDrop.UNHANDLED_PROTO); // no multicast routing in v1
            return;
        }
        if (src == 0 || (Ipv4Address.isLoopback(dst) && dev.isEther())) {
            stack.counters().drop(StackDrop.IP_MARTIAN_SOURCE);
            return;
        }
        FibResult res = stack.ns().fib().lookup(dst, FlowHash.of(stack.hot().multipathHashPolicy(), ip));
        if (res != null && res.route().type() == RouteType.LOCAL) {
            localDeliver(dev, skb, ip, false);
            return;
        }
        if (res != null && res.route().type() == RouteType.BROADCAST) {
            localDeliver(dev, skb, ip, true);
            return;
        }
        if (!stack.hot().forwarding(dev)) {
            // ip_error without forwarding: counted, no ICMP
            stack.counters().drop(res == null ? StackDrop.IP_INNOROUTES : StackDrop.IP_INADDRERRORS);
            return;
        }
        if (res == null) {
            stack.counters().drop(StackDrop.IP_INNOROUTES);
            stack.icmpSend().send(skb, IcmpType.DEST_UNREACH, IcmpType.DestUnreach.NET, 0);
            return;
        }
        switch (res.route().type()) {
            case RouteType.UNICAST -> stack.ipForward().forward(dev, skb, res);
            case RouteType.UNREACHABLE -> {
                stack.counters().drop(StackDrop.IP_INNOROUTES);
                stack.icmpSend().send(skb, IcmpType.DEST_UNREACH, IcmpType.DestUnreach.HOST, 0);
            }
            case RouteType.PROHIBIT -> {
                stack.counters().drop(StackDrop.IP_INNOROUTES);
                stack.icmpSend().send(skb, IcmpType.DEST_UNREACH, IcmpType.DestUnreach.PKT_FILTERED, 0);
            }
            default -> stack.counters().drop(StackDrop.IP_BLACKHOLE);
        }
    }

    /** ip_local_deliver: reassemble, then hand to the protocol. */
    private void localDeliver(NetDev dev, SkBuff skb, Ipv4Packet ip, boolean broadcast) {
        if (ip.isFragment()) {
            SkBuff whole = stack.reasm().add(skb, stack.env().now());
            stack.armTimers();
            if (whole == null) {
                return;
            }
            skb = whole;
            ip = Ipv4Packet.of(skb);
        }
        if (stack.nf().active(NfHook.LOCAL_IN)) {
            NfPacket p = stack.nf().run(NfHook.LOCAL_IN, skb, dev, null);
            if (p == null) {
                return;
            }
            skb = p.skb;
            ip = Ipv4Packet.of(skb);
        }
        int proto = ip.protocol();
        if (proto == IpProtocol.ICMP.value()) {
            stack.counters().ipInDelivers++;
            stack.icmpRcv().icmpRcv(skb, ip, broadcast);
        } else if (proto == IpProtocol.TCP.value()) {
            stack.counters().ipInDelivers++;
            stack.tcpRcv().rcv(skb, ip, broadcast);
        } else if (proto == IpProtocol.UDP.value()) {
            stack.counters().ipInDelivers++;
            stack.udpRcv().rcv(skb, ip, broadcast);
        } else {
            stack.counters().drop(StackDrop.IP_NOPROTO);
            if (!broadcast) {
                stack.icmpSend().send(skb, IcmpType.DEST_UNREACH, IcmpType.DestUnreach.PROTO, 0);
            }
        }
    }
}
