package io.netemu.stack.udp;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IcmpType;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.UdpPacket;
import io.netemu.stack.NetStack;
import io.netemu.stack.core.StackDrop;
import io.netemu.stack.sock.SockInput;
import java.util.Arrays;

/**
 * __udp4_lib_rcv: length and checksum checks (a bad datagram is counted, InErrors and InCsumErrors,
 * and dropped), delivery to the socket bound to the port (a connected one for its 4-tuple first),
 * else NoPorts and an ICMP port unreachable.
 */
public final class UdpRcv {
    private final NetStack stack;

    public UdpRcv(NetStack stack) {
        this.stack = stack;
    }

    /** {@code skb} data is at the IP header of a whole datagram for this host. */
    public void rcv(SkBuff skb, Ipv4Packet ip, boolean broadcast) {
        UdpMib mib = stack.udpMib();
        int plen = ip.payloadLen();
        if (plen < UdpPacket.HEADER_LEN) {
            mib.inc(UdpMib.Field.InErrors);
            return;
        }
        UdpPacket udp = UdpPacket.of(skb.array(), ip.payloadOffset(), plen);
        int ulen = udp.length();
        if (ulen < UdpPacket.HEADER_LEN || ulen > plen) {
            mib.inc(UdpMib.Field.InErrors);
            return;
        }
        // a zero checksum means none was computed (RFC 768)
        if (udp.checksum() != 0 && !UdpPacket.of(skb.array(), ip.payloadOffset(), ulen).verifyChecksum(ip.src(), ip.dst())) {
            mib.inc(UdpMib.Field.InCsumErrors);
            mib.inc(UdpMib.Field.InErrors);
            return;
        }
        int id = stack.socks().lookupUdp(ip.dst(), udp.dstPort(), ip.src(), udp.srcPort());
        if (id >= 0) {
            mib.inc(UdpMib.Field.InDatagrams);
            byte[] data = Arrays.copyOfRange(skb.array(), udp.payloadOffset(), ip.payloadOffset() + ulen);
            stack.env().toSock(id, new SockInput.Udp(ip.src(), udp.srcPort(), ip.dst(), udp.dstPort(), data));
            return;
        }
        stack.counters().drop(StackDrop.UDP_NO_SOCKET);
        if (broadcast) {
            mib.inc(UdpMib.Field.IgnoredMulti);
            return;
        }
        mib.inc(UdpMib.Field.NoPorts);
        stack.icmpSend().send(skb, IcmpType.DEST_UNREACH, IcmpType.DestUnreach.PORT, 0);
    }
}
