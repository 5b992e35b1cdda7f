package io.netemu.stack.core;

import io.netemu.packet.PacketType;
import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.EtherType;
import io.netemu.packet.wire.EthernetFrame;
import io.netemu.packet.wire.MacAddress;
import io.netemu.stack.NetStack;
import io.netemu.stack.dev.NetDev;

/** netif_receive_skb for one frame: the bridge's rx handler, eth_type_trans, then ARP or IPv4 by EtherType. */
public final class L2Rcv {
    private final NetStack stack;

    public L2Rcv(NetStack stack) { this.stack = stack; }

    public void netifReceive(int ifindex, SkBuff skb) {
        NetDev dev = stack.ns().devs().get(ifindex);
        if (dev == null || !dev.adminUp()) {
            stack.counters().drop(StackDrop.DEV_DOWN);
            return;
        }
        if (skb.len() < EthernetFrame.HEADER_LEN) {
            stack.counters().drop(StackDrop.PKT_TOO_SMALL);
            return;
        }
        if (dev.master() != 0) {
            stack.bridge().portReceive(dev, skb);
            return;
        }
        deliver(dev, skb);
    }

    /** eth_type_trans and the protocol handlers; {@code dev} is the device the stack sees (a port's bridge). */
    public void deliver(NetDev dev, SkBuff skb) {
        byte[] b = skb.array();
        int off = skb.dataOffset();
        PacketType type;
        if ((b[off] & 1) != 0) {
            type = isBroadcast(b, off) ? PacketType.BROADCAST : PacketType.MULTICAST;
        } else if (MacAddress.read(b, off).value() == dev.mac()) {
            type = PacketType.HOST;
        } else {
            type = PacketType.OTHERHOST;
        }
        int etherType = ((b[off + 12] & 0xff) << 8) | (b[off + 13] & 0xff);
        SkBuff l3 = skb.pull(EthernetFrame.HEADER_LEN)
                .withMeta(skb.meta().withProtocol(etherType).withPktType(type).withIfindex(dev.ifindex()));
        if (etherType == EtherType.IPV4.value()) {
            stack.ipInput().ipRcv(dev, l3);
        } else if (etherType == EtherType.ARP.value()) {
            stack.arp().arpRcv(dev, l3);
        } else {
            stack.counters().drop(StackDrop.UNHANDLED_PROTO);
        }
    }

    private static boolean isBroadcast(byte[] b, int off) {
        for (int i = 0; i < 6; i++) {
            if (b[off + i] != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }
}
