package io.netemu.stack.icmp;

import io.netemu.packet.PacketType;
import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IcmpPacket;
import io.netemu.packet.wire.IcmpType;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.NetStack;
import io.netemu.stack.ip.Pmtudisc;
import io.netemu.stack.frag.IpReassembly.Expired;
import java.util.List;

/** icmp_send (net/ipv4/icmp.c): an error about a packet, quoting its header and as much data as fits in 576 bytes. */
public final class IcmpSend {
    /** RFC 1812 §4.3.2.3: the whole error datagram fits in 576 bytes. */
    private static final int MAX_ERROR_LEN = 576;
    private static final int HEADROOM = 64;
    private final NetStack stack;

    public IcmpSend(NetStack stack) { this.stack = stack; }

    /** {@code offending} data is at its IP header. {@code info}: next-hop MTU for FRAG_NEEDED. */
    public void send(SkBuff offending, int type, int code, int info) {
        Ipv4Packet ip = Ipv4Packet.of(offending);
        int src = ip.src();
        int dst = ip.dst();
        // never about broadcasts, multicasts, non-first fragments, unspecified sources or other ICMP errors
        if (offending.meta().pktType() == PacketType.BROADCAST || offending.meta().pktType() == PacketType.MULTICAST
                || Ipv4Address.isMulticast(dst) || dst == Ipv4Address.BROADCAST
                || src == 0 || Ipv4Address.isMulticast(src) || src == Ipv4Address.BROADCAST
                || ip.fragOffset() != 0) {
            return;
        }
        if (ip.protocol() == IpProtocol.ICMP.value() && ip.totalLen() >= ip.headerLen() + 1) {
            int t = offending.getByte(ip.headerLen());
            if (IcmpType.isError(t)) {
                return;
            }
        }
        int quoteLen = Math.min(ip.totalLen(), MAX_ERROR_LEN - Ipv4Packet.MIN_HEADER_LEN - IcmpPacket.HEADER_LEN);
        SkBuff skb = SkBuff.alloc(HEADROOM, IcmpPacket.HEADER_LEN + quoteLen).put(IcmpPacket.HEADER_LEN + quoteLen);
        byte[] b = skb.array();
        System.arraycopy(offending.array(), offending.dataOffset(), b, skb.dataOffset() + IcmpPacket.HEADER_LEN, quoteLen);
        IcmpPacket icmp = IcmpPacket.of(skb);
        icmp.setType(type);
        icmp.setCode(code);
        icmp.setRest(0);
        if (type == IcmpType.DEST_UNREACH && code == IcmpType.DestUnreach.FRAG_NEEDED) {
            icmp.setNextHopMtu(info);
        }
        icmp.fillChecksum();
        // the error's source: the address the packet was sent to if it was ours, else chosen by the route back
        int from = stack.ns().addrs().isLocal(dst) ? dst : 0;
        int tos = (ip.tos() & 0x1e) | 0xc0; // IPTOS_PREC_INTERNETCONTROL
        stack.counters().icmpOutMsgs++;
        if (type == IcmpType.DEST_UNREACH) {
            stack.counters().icmpOutDestUnreachs++;
        } else if (type == IcmpType.TIME_EXCEEDED) {
            stack.counters().icmpOutTimeExcds++;
        }
        stack.ipOutput().output(from, src, IpProtocol.ICMP.value(), skb,
                stack.hot().defaultTtl(), tos, Pmtudisc.DONT, 0);
    }

    /** ip_expire: time exceeded (reassembly) for queues whose first fragment had arrived. */
    public void reassemblyExpired(List<Expired> expired) {
        for (Expired e : expired) {
            if (e.firstFragment() != null) {
                send(e.firstFragment(), IcmpType.TIME_EXCEEDED, IcmpType.TimeExceeded.FRAG_REASSEMBLY, 0);
            }
        }
    }
}
