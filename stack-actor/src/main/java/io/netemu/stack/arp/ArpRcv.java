package io.netemu.stack.arp;

import io.netemu.packet.PacketType;
import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.ArpPacket;
import io.netemu.packet.wire.ArpRepr;
import io.netemu.packet.wire.EtherType;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.MacAddress;
import io.netemu.packet.wire.WireException;
import io.netemu.stack.NetStack;
import io.netemu.stack.core.StackDrop;
import io.netemu.stack.dev.NetDev;
import java.util.List;

/** ARP for IPv4 over Ethernet (net/ipv4/arp.c): arp_process on receive, arp_send for requests and replies. */
public final class ArpRcv {
    private static final int HEADROOM = 64;
    private final NetStack stack;

    public ArpRcv(NetStack stack) { this.stack = stack; }

    /** arp_rcv / arp_process; {@code skb} data is at the ARP header. */
    public void arpRcv(NetDev dev, SkBuff skb) {
        ArpRepr arp;
        try {
            arp = ArpRepr.parse(ArpPacket.of(skb));
        } catch (WireException e) {
            stack.counters().drop(StackDrop.ARP_INVALID);
            return;
        }
        if (skb.meta().pktType() == PacketType.OTHERHOST) {
            stack.counters().drop(StackDrop.OTHERHOST);
            return;
        }
        int sip = arp.senderIp();
        int tip = arp.targetIp();
        if (Ipv4Address.isMulticast(tip) || Ipv4Address.isLoopback(tip) || Ipv4Address.isMulticast(sip)
                || Ipv4Address.isLoopback(sip) || arp.senderMac().isMulticast()) {
            stack.counters().drop(StackDrop.ARP_INVALID);
            return;
        }
        long now = stack.env().now();
        // arp_ignore=0: answer for any local address, whichever device it is on
        boolean forUs = stack.ns().addrs().isLocal(tip);
        if (arp.operation() == ArpRepr.REQUEST && forUs) {
            if (sip != 0) {
                flush(dev, sip, arp.senderMac().value(),
                        stack.neigh().arpReceived(dev.ifindex(), sip, arp.senderMac().value(), false, true, now));
            }
            send(dev, ArpRepr.REPLY, tip, sip == 0 ? MacAddress.BROADCAST.value() : arp.senderMac().value(),
                    arp.senderMac().value(), sip);
            stack.counters().arpRepliesSent++;
        } else if (sip != 0) {
            // a reply sent to our MAC confirms the entry (arp_process: NUD_REACHABLE), whatever its target IP
            boolean reply = arp.operation() == ArpRepr.REPLY && skb.meta().pktType() == PacketType.HOST;
            flush(dev, sip, arp.senderMac().value(),
                    stack.neigh().arpReceived(dev.ifindex(), sip, arp.senderMac().value(), reply, false, now));
        }
        stack.armTimers();
    }

    private void flush(NetDev dev, int ip, long mac, List<SkBuff> queued) {
        for (SkBuff skb : queued) {
            stack.neighOutput().sendResolved(dev, skb, mac);
        }
    }

    /** arp_solicit: a request for {@code targetIp}, broadcast or (when probing) unicast. */
    public void solicit(NetDev dev, int targetIp, long unicastMac) {
        int sip = stack.ns().addrs().selectSource(dev.ifindex(), targetIp);
        long dst = unicastMac < 0 ? MacAddress.BROADCAST.value() : unicastMac;
        send(dev, ArpRepr.REQUEST, sip, dst, unicastMac < 0 ? 0L : unicastMac, targetIp);
        stack.counters().arpRequestsSent++;
    }

    /** arp_create + arp_xmit. {@code targetMac} is the ARP field; {@code ethDst} the frame's destination. */
    private void send(NetDev dev, int op, int sip, long ethDst, long targetMac, int tip) {
        SkBuff skb = SkBuff.alloc(HEADROOM, ArpPacket.LEN).put(ArpPacket.LEN);
        new ArpRepr(op, new MacAddress(dev.mac()), sip, new MacAddress(targetMac), tip).emit(ArpPacket.of(skb));
        stack.neighOutput().sendFrame(dev, skb, ethDst, EtherType.ARP.value());
    }
}
