package io.netemu.stack.udp;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.UdpPacket;
import io.netemu.stack.NetStack;
import io.netemu.stack.ip.IpOutput;
import io.netemu.stack.ip.Pmtudisc;
import io.netemu.stack.sock.Errno;

/** udp_sendmsg: the UDP header and checksum over the pseudo header, then ip_make_skb / ip_send_skb. */
public final class UdpSend {
    private static final int HEADROOM = 64;

    private UdpSend() {}

    /** Sends one datagram; {@code src} 0: the route's source. Returns 0 or an errno (EMSGSIZE, ENETUNREACH...). */
    public static int send(NetStack stack, int src, int sport, int dst, int dport, byte[] data, int oif) {
        if (data.length > 65535 - 28) {
            return Errno.EMSGSIZE;
        }
        IpOutput.Route r = stack.ipOutput().route(dst, oif);
        if (r.errno() != 0) {
            return r.errno();
        }
        int from = src != 0 ? src : r.src();
        int len = UdpPacket.HEADER_LEN + data.length;
        byte[] buf = new byte[HEADROOM + len];
        UdpPacket u = UdpPacket.of(buf, HEADROOM, len);
        u.setSrcPort(sport);
        u.setDstPort(dport);
        u.setLength(len);
        System.arraycopy(data, 0, buf, HEADROOM + UdpPacket.HEADER_LEN, data.length);
        u.fillChecksum(from, dst);
        stack.udpMib().inc(UdpMib.Field.OutDatagrams);
        // IP_PMTUDISC_DONT is UDP's default without ip_no_pmtu_disc games: DF only when it fits (WANT)
        return stack.ipOutput().output(from, dst, IpProtocol.UDP.value(), SkBuff.wrap(buf, HEADROOM, len),
                stack.hot().defaultTtl(), 0, Pmtudisc.WANT, oif);
    }
}
