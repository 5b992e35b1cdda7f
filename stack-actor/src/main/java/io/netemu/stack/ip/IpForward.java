package io.netemu.stack.ip;

import io.netemu.packet.PacketType;
import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IcmpType;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.NetStack;
import io.netemu.stack.core.StackDrop;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.frag.IpFragmenter;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.route.FibResult;
import io.netemu.stack.route.Nexthop;

/** ip_forward (net/ipv4/ip_forward.c): TTL, MTU and DF, then out through the neighbour layer. */
public final class IpForward {
    private static final int LL_HEADROOM = 32;
    private final NetStack stack;

    public IpForward(NetStack stack) { this.stack = stack; }

    public void forward(NetDev in, SkBuff skb, FibResult res) {
        if (skb.meta().pktType() != PacketType.HOST) {
            stack.counters().drop(StackDrop.OTHERHOST);
            return;
        }
        Ipv4Packet ip = Ipv4Packet.of(skb);
        if (ip.ttl() <= 1) {
            stack.counters().drop(StackDrop.IP_TTL_EXPIRED);
            stack.icmpSend().send(skb, IcmpType.TIME_EXCEEDED, IcmpType.TimeExceeded.TTL, 0);
            return;
        }
        Nexthop nh = res.nexthop();
        NetDev out = stack.ns().devs().get(nh.ifindex());
        if (out == null || !out.adminUp()) {
            stack.counters().drop(StackDrop.IP_OUTNOROUTES);
            return;
        }
        int mtu = out.mtu();
        // ip_exceeds_mtu: a GSO skb (GRO's merge, a veth peer's TSO) is measured by its segments
        boolean tooBig = GsoSeg.networkLen(skb, ip.totalLen()) > mtu;
        if (tooBig && ip.dontFrag()) {
            stack.counters().ipFragFails++;
            stack.counters().drop(StackDrop.PKT_TOO_BIG);
            stack.icmpSend().send(skb, IcmpType.DEST_UNREACH, IcmpType.DestUnreach.FRAG_NEEDED, mtu);
            return;
        }
        skb = skb.writable(); // skb_cow: only a shared (bridged, flooded) buffer is copied
        Ipv4Packet.of(skb).decrementTtl();
        if (stack.nf().active(NfHook.FORWARD)) {
            NfPacket p = stack.nf().run(NfHook.FORWARD, skb, in, out);
            if (p == null) {
                return;
            }
            skb = p.skb;
        }
        stack.counters().ipForwDatagrams++;
        if (stack.nf().active(NfHook.POST_ROUTING)) {
            NfPacket p = stack.nf().run(NfHook.POST_ROUTING, skb, null, out);
            if (p == null) {
                return;
            }
            skb = p.skb;
        }
        Ipv4Packet w = Ipv4Packet.of(skb);
        tooBig = GsoSeg.networkLen(skb, w.totalLen()) > mtu;
        int nexthop = nh.gateway() != 0 ? nh.gateway() : w.dst();
        if (!tooBig) {
            stack.neighOutput().output(out, nexthop, skb); // a GSO skb stays whole: the egress device segments it
            return;
        }
        for (SkBuff seg : GsoSeg.segments(skb)) { // ip_finish_output_gso: segment, then fragment each
            for (SkBuff frag : IpFragmenter.fragment(seg, mtu, LL_HEADROOM)) {
                stack.counters().ipFragCreates++;
                stack.neighOutput().output(out, nexthop, frag);
            }
            stack.counters().ipFragOks++;
        }
    }
}
