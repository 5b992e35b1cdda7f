package io.netemu.stack.ip;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.EtherType;
import io.netemu.packet.wire.EthernetFrame;
import io.netemu.packet.wire.IcmpType;
import io.netemu.stack.NetStack;
import io.netemu.stack.core.StackDrop;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.neigh.NeighResult;
import io.netemu.stack.neigh.NeighTable;
import io.netemu.stack.neigh.NeighTick;

/** neigh_output and dev_queue_xmit: resolve the next hop's MAC, push the Ethernet header, hand the frame to the device. */
public final class NeighOutput {
    private final NetStack stack;

    public NeighOutput(NetStack stack) { this.stack = stack; }

    /** ip_finish_output2: {@code skb} data is at the IP header; {@code nexthop} is the gateway or the destination. */
    public void output(NetDev dev, int nexthop, SkBuff skb) {
        if (!dev.isEther()) {
            stack.loopback(skb);
            return;
        }
        NeighResult r = stack.neigh().resolve(dev.ifindex(), nexthop, skb, stack.env().now());
        switch (r) {
            case NeighResult.Resolved res -> sendResolved(dev, skb, res.mac());
            case NeighResult.Queued q -> {
                stack.counters().drop(StackDrop.NEIGH_QUEUEFULL, q.evicted().size());
                if (q.solicit() != null) {
                    stack.arp().solicit(dev, q.solicit().targetIp(), q.solicit().unicastMac());
                }
            }
            case NeighResult.Dropped d -> stack.counters().drop(StackDrop.NEIGH_QUEUEFULL);
        }
        stack.armTimers();
    }

    /** An IPv4 packet to a known MAC. */
    public void sendResolved(NetDev dev, SkBuff skb, long mac) {
        sendFrame(dev, skb, mac, EtherType.IPV4.value());
    }

    /** Pushes the Ethernet header (dev's MAC as source) and transmits the frame on {@code dev}. */
    public void sendFrame(NetDev dev, SkBuff l3, long dstMac, int etherType) {
        SkBuff skb = l3.cloned() || l3.headroom() < EthernetFrame.HEADER_LEN
                ? l3.copyExpand(64) : l3;
        skb = skb.push(EthernetFrame.HEADER_LEN);
        byte[] b = skb.array();
        int off = skb.dataOffset();
        putMac(b, off, dstMac);
        putMac(b, off + 6, dev.mac());
        b[off + 12] = (byte) (etherType >>> 8);
        b[off + 13] = (byte) etherType;
        devXmit(dev, skb);
    }

    /** dev_queue_xmit: a bridge forwards in software, a veth goes to its device actor. */
    public void devXmit(NetDev dev, SkBuff frame) {
        if (!dev.adminUp()) {
            stack.counters().drop(StackDrop.DEV_DOWN);
            return;
        }
        if (dev.kind() == DevKind.BRIDGE) {
            stack.softStats().tx(dev.ifindex(), frame.len());
            stack.bridge().deviceXmit(dev, frame);
        } else {
            // leaving for another namespace: mark and conntrack tag stay here (skb_scrub_packet)
            stack.env().xmit(dev.ifindex(), frame.meta().nfct() == null && frame.meta().mark() == 0
                    ? frame : frame.withMeta(frame.meta().scrubbed()));
        }
    }

    /** The neighbour timers: solicit again, or give up and send ICMP host unreachable for each queued packet. */
    public void tick(long now) {
        NeighTable neigh = stack.neigh();
        if (neigh.nextDeadline() > now) {
            return;
        }
        NeighTick t = neigh.tick(now);
        for (NeighTable.Solicit s : t.solicits()) {
            NetDev dev = stack.ns().devs().get(s.ifindex());
            if (dev != null && dev.adminUp()) {
                stack.arp().solicit(dev, s.targetIp(), s.unicastMac());
            }
        }
        for (NeighTable.Failure f : t.failures()) {
            for (SkBuff skb : f.dropped()) {
                stack.counters().drop(StackDrop.NEIGH_FAILED);
                stack.icmpSend().send(skb, IcmpType.DEST_UNREACH, IcmpType.DestUnreach.HOST, 0);
            }
        }
    }

    private static void putMac(byte[] b, int off, long mac) {
        for (int i = 5; i >= 0; i--) {
            b[off + i] = (byte) mac;
            mac >>>= 8;
        }
    }
}
