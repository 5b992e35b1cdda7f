package io.netemu.stack.netfilter.conntrack;

import io.netemu.packet.wire.IcmpPacket;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.packet.wire.UdpPacket;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfPacket.CtState;

/**
 * The per-protocol trackers: nf_conntrack_proto_udp.c (udp_error, nf_conntrack_udp_packet),
 * nf_conntrack_proto_icmp.c (icmp_error, nf_conntrack_icmp_packet, nf_conntrack_inet_error),
 * nf_conntrack_proto_tcp.c's tcp_error, and the generic tracker for every other protocol.
 */
final class L4Trackers {
    private static final long STREAM_AFTER = 2_000_000_000L;

    private L4Trackers() {}

    /** The protocol's packet handler (nf_conntrack_handle_packet); a {@code Conntrack.V_*} verdict. */
    static int packet(Conn c, int dir, NfPacket p, byte[] b, int ipOff, int l4, int l4len, int ipLen,
                      CtSysctls s, boolean pre, long now) {
        Conntrack owner = c.owner;
        switch (c.proto) {
            case Tuple.TCP -> {
                TcpPacket th = TcpPacket.of(b, l4, l4len);
                if (l4len < TcpPacket.MIN_HEADER_LEN || th.headerLen() < TcpPacket.MIN_HEADER_LEN
                        || l4len < th.headerLen()) {
                    return Conntrack.V_INVALID; // truncated
                }
                Ipv4Packet ip = Ipv4Packet.of(b, ipOff, ipLen);
                if (pre && s.checksum && !th.verifyChecksum(ip.src(), ip.dst())) {
                    return Conntrack.V_INVALID; // checked on input only: output checksums are trusted
                }
                if (!TcpConn.validFlags(th.flags())) {
                    return Conntrack.V_INVALID;
                }
                if (!c.confirmed() && c.tcp == null) {
                    c.tcp = TcpConn.open(th, s);
                    if (c.tcp == null) {
                        return Conntrack.V_INVALID;
                    }
                }
                return c.tcp == null ? Conntrack.V_INVALID : c.tcp.packet(c, dir, th, ipLen, s, now);
            }
            case Tuple.UDP -> {
                if (l4len < UdpPacket.HEADER_LEN) {
                    return Conntrack.V_INVALID;
                }
                UdpPacket u = UdpPacket.of(b, l4, l4len);
                if (u.length() > l4len || u.length() < UdpPacket.HEADER_LEN) {
                    return Conntrack.V_INVALID;
                }
                Ipv4Packet ip = Ipv4Packet.of(b, ipOff, ipLen);
                if (pre && s.checksum && u.checksum() != 0 && !u.verifyChecksum(ip.src(), ip.dst())) {
                    return Conntrack.V_INVALID;
                }
                if (!c.confirmed()) {
                    c.streamTs = now + STREAM_AFTER;
                }
                if (c.has(Conn.SEEN_REPLY)) {
                    // replied: still going after two seconds makes it a stream, and assured
                    boolean stream = now - c.streamTs > 0;
                    owner.refresh(c, dir, ipLen, stream ? s.udpStream : s.udp, now);
                    if (stream) {
                        c.status |= Conn.ASSURED;
                    }
                } else {
                    owner.refresh(c, dir, ipLen, s.udp, now);
                }
                return Conntrack.V_ACCEPT;
            }
            case Tuple.ICMP -> {
                int t = c.oDport >>> 8;
                if (t != 8 && t != 13 && t != 15 && t != 17) {
                    return Conntrack.V_INVALID; // only requests open an ICMP "connection"
                }
                owner.refresh(c, dir, ipLen, s.icmp, now);
                return Conntrack.V_ACCEPT;
            }
            default -> {
                owner.refresh(c, dir, ipLen, s.generic, now);
                return Conntrack.V_ACCEPT;
            }
        }
    }

    /**
     * icmp_error: 0 for a packet to track normally, -1 for an invalid one (short, bad checksum,
     * unknown type, an error about nothing we track), 1 for an error quoting a tracked flow, which
     * becomes RELATED to it ({@code p.ct} set).
     */
    static int icmpError(Conntrack ct, NfPacket p, byte[] b, int ipOff, int l4, int l4len, boolean verify, long now) {
        if (l4len < IcmpPacket.HEADER_LEN) {
            return -1;
        }
        IcmpPacket icmp = IcmpPacket.of(b, l4, l4len);
        if (verify && !icmp.verifyChecksum()) {
            return -1;
        }
        int type = icmp.type();
        if (type > 18) {
            return -1;
        }
        if (!Tuple.icmpIsError(type)) {
            return 0;
        }
        Conn c = related(ct, b, icmp.dataOffset(), l4len - IcmpPacket.HEADER_LEN, now);
        if (c == null || Ipv4Packet.of(b, ipOff, l4 - ipOff).dst() != c.tuple(ct.table.foundReply ? 1 : 0).dst()) {
            return -1; // about nothing we know, or sent somewhere the flow never went
        }
        p.ct = c;
        p.ctState = CtState.RELATED;
        return 1;
    }

    /** nf_conntrack_inet_error's lookup: the connection of the datagram an error quotes, or null. */
    static Conn related(Conntrack ct, byte[] b, int innerOff, int avail, long now) {
        if (avail < Ipv4Packet.MIN_HEADER_LEN || Ipv4Packet.of(b, innerOff, avail).fragOffset() != 0) {
            return null;
        }
        Tuple quoted = Tuple.of(b, innerOff, avail);
        Tuple inv = quoted == null ? null : quoted.invert();
        return inv == null ? null : ct.table.find(inv, now, ct::delete);
    }
}
