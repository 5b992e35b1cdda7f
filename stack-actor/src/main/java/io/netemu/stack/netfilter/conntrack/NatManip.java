package io.netemu.stack.netfilter.conntrack;

import io.netemu.packet.wire.Checksum;
import io.netemu.packet.wire.IcmpPacket;
import io.netemu.packet.wire.Ipv4Packet;

/**
 * Rewriting packets for NAT (net/netfilter/nf_nat_proto.c: nf_nat_ipv4_manip_pkt with
 * tcp/udp/icmp_manip_pkt, and nf_nat_icmp_reply_translation). Checksums change incrementally:
 * the IP header's for the address, TCP's and UDP's for the pseudo-header address and the port
 * (a UDP checksum of 0 stays 0, a computed 0 becomes 0xFFFF), ICMP's for the echo id.
 */
final class NatManip {
    private NatManip() {}

    /**
     * Makes the datagram at {@code ipOff} ({@code avail} bytes from there) match {@code target} on
     * its source ({@code src}) or destination side; the transport part follows
     * {@code target.proto()}. False when the transport header it must change is cut off.
     */
    static boolean manip(byte[] b, int ipOff, int avail, Tuple target, boolean src) {
        Ipv4Packet ip = Ipv4Packet.of(b, ipOff, avail);
        int l4 = ipOff + ip.headerLen();
        int l4avail = avail - ip.headerLen();
        int oldAddr = src ? ip.src() : ip.dst();
        int newAddr = src ? target.src() : target.dst();
        switch (target.proto()) {
            case Tuple.TCP -> {
                // a quoted header may hold only its first 8 bytes: ports then, no checksum
                int hdr = l4avail >= 20 ? 20 : 8;
                if (l4avail < hdr) {
                    return false;
                }
                int at = l4 + (src ? 0 : 2);
                int oldPort = Tuple.u16(b, at);
                int newPort = src ? target.sport() : target.dport();
                put16(b, at, newPort);
                if (hdr == 20) {
                    int csum = Tuple.u16(b, l4 + 16);
                    csum = Checksum.update32(csum, oldAddr, newAddr);
                    put16(b, l4 + 16, Checksum.update16(csum, oldPort, newPort));
                }
            }
            case Tuple.UDP -> {
                if (l4avail < 8) {
                    return false;
                }
                int at = l4 + (src ? 0 : 2);
                int oldPort = Tuple.u16(b, at);
                int newPort = src ? target.sport() : target.dport();
                put16(b, at, newPort);
                int csum = Tuple.u16(b, l4 + 6);
                if (csum != 0) {
                    csum = Checksum.update16(Checksum.update32(csum, oldAddr, newAddr), oldPort, newPort);
                    put16(b, l4 + 6, csum == 0 ? 0xffff : csum);
                }
            }
            case Tuple.ICMP -> {
                if (l4avail < 8) {
                    return false;
                }
                if (Tuple.icmpInverse(b[l4] & 0xff) >= 0) { // queries carry the id
                    int oldId = Tuple.u16(b, l4 + 4);
                    put16(b, l4 + 2, Checksum.update16(Tuple.u16(b, l4 + 2), oldId, target.sport()));
                    put16(b, l4 + 4, target.sport());
                }
            }
            default -> { }
        }
        ip.setHeaderChecksum(Checksum.update32(ip.headerChecksum(), oldAddr, newAddr));
        if (src) {
            ip.setSrc(newAddr);
        } else {
            ip.setDst(newAddr);
        }
        return true;
    }

    /**
     * nf_nat_packet: applies the connection's binding for this hook's manip type to a packet
     * travelling in {@code dir}. Returns false if the packet could not be rewritten (drop).
     */
    static boolean packet(byte[] b, int ipOff, int avail, Conn c, int dir, boolean src) {
        int bit = src ? Conn.SRC_NAT : Conn.DST_NAT;
        if (dir == Conn.REPLY) {
            bit ^= Conn.NAT_MASK; // replies are rewritten the other way round
        }
        if ((c.status & bit) == 0) {
            return true;
        }
        // aim to look like the inverse of the other direction
        Tuple target = c.tuple(1 - dir).invert();
        return target == null || manip(b, ipOff, avail, target, src);
    }

    /**
     * nf_nat_icmp_reply_translation for an ICMP error RELATED to {@code c}, travelling in
     * {@code dir}: the quoted datagram is rewritten the opposite way, the ICMP checksum
     * recomputed, then the outer header's address. False: drop.
     */
    static boolean icmpReply(byte[] b, int ipOff, int avail, Conn c, int dir, boolean src) {
        int hl = Ipv4Packet.of(b, ipOff, avail).headerLen();
        int icmpOff = ipOff + hl;
        int icmpLen = avail - hl;
        if (icmpLen < IcmpPacket.HEADER_LEN + Ipv4Packet.MIN_HEADER_LEN) {
            return false;
        }
        IcmpPacket icmp = IcmpPacket.of(b, icmpOff, icmpLen);
        if (!icmp.verifyChecksum()) {
            return false;
        }
        if (icmp.type() == 5) { // redirects only for connections without NAT
            int done = Conn.SRC_NAT_DONE | Conn.DST_NAT_DONE;
            if ((c.status & done) != done || (c.status & Conn.NAT_MASK) != 0) {
                return false;
            }
        }
        int bit = src ? Conn.SRC_NAT : Conn.DST_NAT;
        if (dir == Conn.REPLY) {
            bit ^= Conn.NAT_MASK;
        }
        if ((c.status & bit) == 0) {
            return true;
        }
        Tuple inner = c.tuple(1 - dir);
        if (!manip(b, icmp.dataOffset(), icmpLen - IcmpPacket.HEADER_LEN, inner, !src)) {
            return false;
        }
        icmp.fillChecksum();
        Tuple t = inner.invert();
        if (t == null) {
            t = new Tuple(inner.dst(), inner.src(), 0, 0, Tuple.ICMP);
        }
        Tuple outer = new Tuple(t.src(), t.dst(), t.sport(), t.dport(), Tuple.ICMP);
        return manip(b, ipOff, avail, outer, src);
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }
}
