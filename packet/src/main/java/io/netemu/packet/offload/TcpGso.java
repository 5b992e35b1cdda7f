package io.netemu.packet.offload;

import io.netemu.packet.SkBuff;
import io.netemu.packet.SkbMeta;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.TcpPacket;
import java.util.ArrayList;
import java.util.List;

/**
 * skb_gso_segment for IPv4/TCP (inet_gso_segment + tcp_gso_segment): a super-segment becomes the
 * real frames it stands for, each with the headers copied, its slice of the payload, its own
 * sequence number, the IP total length and header checksum, the IP ID incremented per segment
 * (kept when the super-segment's ID is 0 with DF, as SKB_GSO_TCP_FIXEDID keeps it: netemu's TCP
 * sends DF segments with ID 0), CWR only on the first, FIN and PSH only on the last, and a full
 * TCP checksum. The result is byte for byte what sending the MSS segments one by one gives.
 */
public final class TcpGso {
    /** Room kept in front of each segment, so headers can still be pushed without copying. */
    private static final int HEADROOM = 64;

    private TcpGso() {}

    /** The frames of {@code skb} (data at the link header of {@code l2len} bytes); itself when it is not GSO. */
    public static List<SkBuff> segment(SkBuff skb, int l2len) {
        SkbMeta meta = skb.meta();
        if (!meta.isGso()) {
            return List.of(skb);
        }
        byte[] b = skb.array();
        int ipOff = skb.dataOffset() + l2len;
        Ipv4Packet ip = Ipv4Packet.of(b, ipOff, skb.len() - l2len);
        int ihl = ip.headerLen();
        int tcpOff = ipOff + ihl;
        int thl = TcpPacket.of(b, tcpOff, skb.tailOffset() - tcpOff).headerLen();
        int hdr = l2len + ihl + thl;
        int payload = skb.len() - hdr;
        int mss = meta.gsoSize();
        if (payload <= mss) {
            return List.of(skb.withMeta(meta.withGso(0, 0)));
        }
        int segs = (payload + mss - 1) / mss;
        boolean fixedId = ip.dontFrag() && ip.ident() == 0;
        int id = ip.ident();
        int seq = TcpPacket.of(b, tcpOff, thl).seq();
        int flags = TcpPacket.of(b, tcpOff, thl).flags();
        SkbMeta plain = meta.withGso(0, 0);
        List<SkBuff> out = new ArrayList<>(segs);
        for (int i = 0; i < segs; i++) {
            int len = Math.min(mss, payload - i * mss);
            byte[] f = new byte[HEADROOM + hdr + len];
            System.arraycopy(b, skb.dataOffset(), f, HEADROOM, hdr);
            System.arraycopy(b, skb.dataOffset() + hdr + i * mss, f, HEADROOM + hdr, len);
            Ipv4Packet sip = Ipv4Packet.of(f, HEADROOM + l2len, ihl + thl + len);
            sip.setTotalLen(ihl + thl + len);
            sip.setIdent(fixedId ? id : (id + i) & 0xffff);
            sip.fillChecksum();
            TcpPacket t = TcpPacket.of(f, HEADROOM + l2len + ihl, thl + len);
            t.setSeq(seq + i * mss);
            int fl = flags;
            if (i > 0) {
                fl &= ~TcpPacket.CWR;
            }
            if (i < segs - 1) {
                fl &= ~(TcpPacket.FIN | TcpPacket.PSH);
            }
            t.setFlags(fl);
            t.fillChecksum(sip.src(), sip.dst());
            out.add(SkBuff.wrap(f, HEADROOM, hdr + len).withMeta(plain));
        }
        return out;
    }

    /** Every GSO frame of {@code frames} segmented (data at the Ethernet header); the list itself when none is GSO. */
    public static List<SkBuff> segmentAll(List<SkBuff> frames, int l2len) {
        boolean any = false;
        for (SkBuff skb : frames) {
            any |= skb.meta().isGso();
        }
        if (!any) {
            return frames;
        }
        List<SkBuff> out = new ArrayList<>(frames.size() * 8);
        for (SkBuff skb : frames) {
            out.addAll(segment(skb, l2len));
        }
        return out;
    }

    /** The length of each real segment's IP datagram (skb_gso_network_seglen), for MTU checks; {@code skb} at the IP header. */
    public static int networkSegLen(SkBuff skb) {
        Ipv4Packet ip = Ipv4Packet.of(skb);
        int thl = TcpPacket.of(skb.array(), ip.payloadOffset(), skb.len() - ip.headerLen()).headerLen();
        return ip.headerLen() + thl + skb.meta().gsoSize();
    }
}
