package io.netemu.stack.netfilter.conntrack;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IcmpPacket;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.Ipv4Repr;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.packet.wire.UdpPacket;
import io.netemu.packet.wire.UdpRepr;

/** IPv4 datagrams as SkBuffs (data at the IP header, headroom before it) for conntrack tests, and checks on them. */
final class Pkts {
    static final int HEADROOM = 32;

    private Pkts() {}

    static int ip(String a) { return Ipv4Address.parse(a); }

    private static SkBuff datagram(int src, int dst, int proto, int l4len, int ttl) {
        SkBuff skb = SkBuff.alloc(HEADROOM, 20 + l4len).put(20 + l4len);
        Ipv4Repr.of(src, dst, proto, l4len, ttl, 0x1234).emit(Ipv4Packet.of(skb));
        return skb;
    }

    static SkBuff icmpEcho(String src, String dst, int type, int id, int seq) {
        SkBuff skb = datagram(ip(src), ip(dst), 1, 8 + 56, 64);
        IcmpPacket p = l4icmp(skb);
        p.setType(type);
        p.setCode(0);
        p.setEchoIdent(id);
        p.setEchoSeq(seq);
        for (int i = 0; i < 56; i++) {
            skb.array()[p.dataOffset() + i] = (byte) i;
        }
        p.fillChecksum();
        return skb;
    }

    static SkBuff udp(String src, String dst, int sport, int dport, int payload, boolean checksum) {
        SkBuff skb = datagram(ip(src), ip(dst), 17, 8 + payload, 64);
        UdpPacket u = l4udp(skb);
        for (int i = 0; i < payload; i++) {
            skb.array()[u.payloadOffset() + i] = (byte) (i * 7);
        }
        new UdpRepr(sport, dport, payload).emit(u);
        if (checksum) {
            u.fillChecksum(ip(src), ip(dst));
        }
        return skb;
    }

    /** A TCP segment; {@code mss} adds MSS, SACK-permitted and window-scale options (as a SYN carries). */
    static SkBuff tcp(String src, String dst, int sport, int dport, int flags, int seq, int ack, int win,
                      int payload, boolean synOptions) {
        int hl = synOptions ? 32 : 20;
        SkBuff skb = datagram(ip(src), ip(dst), 6, hl + payload, 64);
        TcpPacket t = l4tcp(skb);
        t.setSrcPort(sport);
        t.setDstPort(dport);
        t.setSeq(seq);
        t.setAck(ack);
        t.setHeaderLen(hl);
        t.setFlags(flags);
        t.setWindow(win);
        if (synOptions) {
            byte[] o = {2, 4, 0x05, (byte) 0xb4, 4, 2, 1, 1, 1, 3, 3, 7};
            System.arraycopy(o, 0, skb.array(), t.optionsOffset(), o.length);
        }
        for (int i = 0; i < payload; i++) {
            skb.array()[t.payloadOffset() + i] = (byte) i;
        }
        t.fillChecksum(ip(src), ip(dst));
        return skb;
    }

    /** An ICMP error from {@code from} to {@code to} quoting the first 28 bytes of {@code offending} and more, as icmp_send does. */
    static SkBuff icmpError(String from, String to, int type, int code, SkBuff offending) {
        int quote = Math.min(offending.len(), 548);
        SkBuff skb = datagram(ip(from), ip(to), 1, 8 + quote, 64);
        IcmpPacket p = l4icmp(skb);
        p.setType(type);
        p.setCode(code);
        p.setRest(0);
        System.arraycopy(offending.array(), offending.dataOffset(), skb.array(), p.dataOffset(), quote);
        p.fillChecksum();
        return skb;
    }

    static Ipv4Packet ipv4(SkBuff skb) { return Ipv4Packet.of(skb); }

    static IcmpPacket l4icmp(SkBuff skb) {
        Ipv4Packet ip = Ipv4Packet.of(skb);
        return IcmpPacket.of(skb.array(), ip.payloadOffset(), ip.payloadLen());
    }

    static UdpPacket l4udp(SkBuff skb) {
        Ipv4Packet ip = Ipv4Packet.of(skb);
        return UdpPacket.of(skb.array(), ip.payloadOffset(), ip.payloadLen());
    }

    static TcpPacket l4tcp(SkBuff skb) {
        Ipv4Packet ip = Ipv4Packet.of(skb);
        return TcpPacket.of(skb.array(), ip.payloadOffset(), ip.payloadLen());
    }

    /** Every checksum of the datagram verifies: IP header and TCP, UDP or ICMP. */
    static boolean checksumsOk(SkBuff skb) {
        Ipv4Packet ip = Ipv4Packet.of(skb);
        if (!ip.verifyChecksum()) {
            return false;
        }
        return switch (ip.protocol()) {
            case 6 -> l4tcp(skb).verifyChecksum(ip.src(), ip.dst());
            case 17 -> l4udp(skb).verifyChecksum(ip.src(), ip.dst());
            case 1 -> l4icmp(skb).verifyChecksum();
            default -> true;
        };
    }

    /** The datagram an ICMP error quotes, as a view over the error's bytes. */
    static Ipv4Packet quoted(SkBuff err) {
        IcmpPacket p = l4icmp(err);
        return Ipv4Packet.of(err.array(), p.dataOffset(), p.payloadLen());
    }

    static String src(SkBuff skb) { return Ipv4Address.format(ipv4(skb).src()); }
    static String dst(SkBuff skb) { return Ipv4Address.format(ipv4(skb).dst()); }
}
