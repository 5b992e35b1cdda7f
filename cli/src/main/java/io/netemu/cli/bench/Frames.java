package io.netemu.cli.bench;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.ArpPacket;
import io.netemu.packet.wire.ArpRepr;
import io.netemu.packet.wire.EtherType;
import io.netemu.packet.wire.EthernetFrame;
import io.netemu.packet.wire.EthernetRepr;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.Ipv4Repr;
import io.netemu.packet.wire.MacAddress;
import io.netemu.packet.wire.UdpPacket;
import io.netemu.packet.wire.UdpRepr;
import java.util.Arrays;

/** Real Ethernet/IPv4/UDP frames for the benchmarks, and the ARP replies the generator and sink give. */
final class Frames {
    /** Headroom in front of each generated frame, as NET_SKB_PAD + NET_IP_ALIGN leave in Linux. */
    static final int HEADROOM = 32;
    static final int MIN_FRAME = EthernetFrame.HEADER_LEN + Ipv4Packet.MIN_HEADER_LEN + UdpPacket.HEADER_LEN;

    private Frames() {}

    /**
     * A template UDP frame of {@code frameLen} bytes (Ethernet header to the end of the payload, no FCS)
     * with valid checksums; {@link #stamp} makes a distinct one from it.
     */
    static byte[] udpTemplate(long srcMac, long dstMac, int srcIp, int dstIp, int ttl, int frameLen) {
        if (frameLen < MIN_FRAME) {
            throw new IllegalArgumentException("frame size " + frameLen + " below " + MIN_FRAME + " (Ethernet + IPv4 + UDP headers)");
        }
        byte[] b = new byte[HEADROOM + frameLen];
        int off = HEADROOM;
        new EthernetRepr(new MacAddress(dstMac), new MacAddress(srcMac), EtherType.IPV4.value())
                .emit(EthernetFrame.of(b, off, frameLen));
        int ipLen = frameLen - EthernetFrame.HEADER_LEN;
        int udpLen = ipLen - Ipv4Packet.MIN_HEADER_LEN;
        Ipv4Repr.of(srcIp, dstIp, IpProtocol.UDP.value(), udpLen, ttl, 1)
                .emit(Ipv4Packet.of(b, off + EthernetFrame.HEADER_LEN, ipLen));
        int udpOff = off + EthernetFrame.HEADER_LEN + Ipv4Packet.MIN_HEADER_LEN;
        for (int i = udpOff + UdpPacket.HEADER_LEN; i < b.length; i++) {
            b[i] = (byte) i;
        }
        new UdpRepr(1024, 9, udpLen - UdpPacket.HEADER_LEN).emit(UdpPacket.of(b, udpOff, udpLen), srcIp, dstIp);
        return b;
    }

    /**
     * A copy of the template with source port and IP identification {@code n} (1..65535), both
     * checksums recomputed; the sender hands the buffer over with the message and never touches it again.
     */
    static SkBuff stamp(byte[] template, int n, int srcIp, int dstIp) {
        byte[] b = Arrays.copyOf(template, template.length);
        int ipOff = HEADROOM + EthernetFrame.HEADER_LEN;
        Ipv4Packet ip = Ipv4Packet.of(b, ipOff, b.length - ipOff);
        ip.setIdent(n);
        ip.fillChecksum();
        int udpOff = ipOff + Ipv4Packet.MIN_HEADER_LEN;
        UdpPacket udp = UdpPacket.of(b, udpOff, b.length - udpOff);
        udp.setSrcPort(n);
        udp.fillChecksum(srcIp, dstIp);
        return SkBuff.wrap(b, HEADROOM, b.length - HEADROOM);
    }

    /** The ARP reply to {@code frame} if it is a request for {@code myIp}, else null. */
    static SkBuff arpReply(SkBuff frame, long myMac, int myIp) {
        if (frame.len() < EthernetFrame.HEADER_LEN + ArpPacket.LEN || frame.getShort(12) != EtherType.ARP.value()) {
            return null;
        }
        ArpRepr req;
        try {
            req = ArpRepr.parse(ArpPacket.of(frame.array(), frame.dataOffset() + EthernetFrame.HEADER_LEN,
                    frame.len() - EthernetFrame.HEADER_LEN));
        } catch (Exception e) {
            return null;
        }
        if (req.operation() != ArpRepr.REQUEST || req.targetIp() != myIp) {
            return null;
        }
        int len = EthernetFrame.HEADER_LEN + ArpPacket.LEN;
        byte[] b = new byte[HEADROOM + len];
        new EthernetRepr(req.senderMac(), new MacAddress(myMac), EtherType.ARP.value()).emit(EthernetFrame.of(b, HEADROOM, len));
        new ArpRepr(ArpRepr.REPLY, new MacAddress(myMac), myIp, req.senderMac(), req.senderIp())
                .emit(ArpPacket.of(b, HEADROOM + EthernetFrame.HEADER_LEN, ArpPacket.LEN));
        return SkBuff.wrap(b, HEADROOM, len);
    }

    static boolean isIpv4(SkBuff frame) {
        return frame.len() >= EthernetFrame.HEADER_LEN + Ipv4Packet.MIN_HEADER_LEN
                && frame.getShort(12) == EtherType.IPV4.value();
    }
}
