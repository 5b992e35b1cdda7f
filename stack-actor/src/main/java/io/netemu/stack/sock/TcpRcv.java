package io.netemu.stack.sock;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.NetStack;
import io.netemu.stack.core.StackDrop;
import io.netemu.stack.ip.Pmtudisc;
import io.netemu.stack.tcp.TcpDrop;
import io.netemu.stack.tcp.TcpListener;
import io.netemu.stack.tcp.TcpMibField;
import io.netemu.stack.tcp.TcpSegment;

/**
 * tcp_v4_rcv's front half: parse and checksum the segment (a bad one is a counted drop), find its
 * socket (established 4-tuple, then a listener) and hand it over; a segment for no socket is answered
 * with a RST (RFC 9293 §3.10.7.1). The connection itself runs in its socket's actor.
 */
public final class TcpRcv {
    /** Room in front of a segment's bytes for the IP and link headers, so output copies nothing. */
    public static final int HEADROOM = 64;

    private final NetStack stack;

    public TcpRcv(NetStack stack) {
        this.stack = stack;
    }

    /** {@code skb} data is at the IP header of a whole datagram for this host. */
    public void rcv(SkBuff skb, Ipv4Packet ip, boolean broadcast) {
        var mib = stack.tcpMib();
        if (broadcast) {
            stack.counters().drop(StackDrop.TCP_NO_SOCKET);
            return;
        }
        mib.inc(TcpMibField.InSegs); // "count it even if it's bad"
        TcpSegment.Parsed p = TcpSegment.parse(skb.array(), ip.payloadOffset(), ip.payloadLen(), ip.src(), ip.dst());
        if (!p.ok()) {
            mib.drop(p.drop());
            // a header or data offset past the segment fails pskb_may_pull: discarded, not an error;
            // a data offset below 5 and a bad checksum are bad packets (TCP_MIB_INERRS)
            if (p.drop() != TcpDrop.PKT_TOO_SMALL) {
                mib.inc(TcpMibField.InErrs);
            }
            if (p.drop() == TcpDrop.TCP_CSUM) {
                mib.inc(TcpMibField.InCsumErrors);
            }
            return;
        }
        TcpSegment seg = p.segment();
        int id = stack.socks().lookupTcp(ip.dst(), seg.dstPort(), ip.src(), seg.srcPort());
        if (id >= 0) {
            int mtu = 0;
            if (seg.syn() && !seg.hasAck()) {
                var r = stack.ipOutput().route(ip.src(), 0);
                mtu = r.errno() == 0 ? r.mtu() : 0;
            }
            stack.env().toSock(id, new SockInput.Tcp(seg, ip.dst(), ip.src(), mtu));
            return;
        }
        mib.drop(TcpDrop.NO_SOCKET);
        stack.counters().drop(StackDrop.TCP_NO_SOCKET);
        if (!seg.rst()) {
            mib.inc(TcpMibField.OutSegs);
            mib.inc(TcpMibField.OutRsts);
            send(ip.dst(), ip.src(), TcpListener.resetFor(seg));
        }
    }

    /** ip_queue_xmit for a segment no socket sends (a RST): DF as Linux's reply socket sets it. */
    private void send(int src, int dst, TcpSegment seg) {
        int len = seg.bufferLen();
        byte[] buf = new byte[HEADROOM + len];
        seg.emit(buf, HEADROOM, src, dst);
        stack.ipOutput().output(src, dst, IpProtocol.TCP.value(), SkBuff.wrap(buf, HEADROOM, len),
                stack.hot().defaultTtl(), 0, Pmtudisc.DO, 0);
    }
}
