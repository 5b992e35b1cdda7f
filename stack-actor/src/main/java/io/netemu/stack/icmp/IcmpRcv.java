package io.netemu.stack.icmp;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Checksum;
import io.netemu.packet.wire.IcmpPacket;
import io.netemu.packet.wire.IcmpType;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.NetStack;
import io.netemu.stack.ip.Pmtudisc;
import io.netemu.stack.core.StackDrop;
import io.netemu.stack.sock.SocketEvent;

/** icmp_rcv (net/ipv4/icmp.c): answer echoes, hand replies and errors to the ping socket they concern. */
public final class IcmpRcv {
    private final NetStack stack;

    public IcmpRcv(NetStack stack) { this.stack = stack; }

    /** {@code skb} data is at the IP header of a whole (reassembled) datagram for this host. */
    public void icmpRcv(SkBuff skb, Ipv4Packet ip, boolean broadcast) {
        int off = ip.payloadOffset();
        int len = ip.payloadLen();
        if (len < IcmpPacket.HEADER_LEN) {
            stack.counters().drop(StackDrop.ICMP_CSUM);
            return;
        }
        IcmpPacket icmp = IcmpPacket.of(skb.array(), off, len);
        if (!icmp.verifyChecksum()) {
            stack.counters().drop(StackDrop.ICMP_CSUM);
            return;
        }
        stack.counters().icmpInMsgs++;
        switch (icmp.type()) {
            case IcmpType.ECHO -> echo(skb, ip, broadcast);
            case IcmpType.ECHO_REPLY -> stack.env().toSocket(icmp.echoIdent(), new SocketEvent.EchoReply(
                    ip.src(), icmp.echoSeq(), ip.ttl(), len, stack.env().now(), 0));
            case IcmpType.DEST_UNREACH -> {
                stack.counters().icmpInDestUnreachs++;
                error(ip, icmp);
            }
            case IcmpType.TIME_EXCEEDED -> {
                stack.counters().icmpInTimeExcds++;
                error(ip, icmp);
            }
            default -> { /* timestamps, redirects: not answered in v1 */ }
        }
    }

    /** icmp_echo: the request becomes the reply in place (the bytes are ours once received). */
    private void echo(SkBuff skb, Ipv4Packet ip, boolean broadcast) {
        if (stack.ns().sysctl().getInt("net.ipv4.icmp_echo_ignore_all") != 0
                || (broadcast && stack.ns().sysctl().getInt("net.ipv4.icmp_echo_ignore_broadcasts") != 0)) {
            stack.counters().drop(StackDrop.ICMP_IGNORED);
            return;
        }
        stack.counters().icmpInEchos++;
        int dst = ip.src();
        int src = broadcast ? 0 : ip.dst();
        int tos = ip.tos();
        int hl = ip.headerLen();
        // the reply is a new packet to conntrack (icmp_reply builds a fresh skb): the request's tag stays behind
        SkBuff icmpPart = skb.writable().pull(hl);
        icmpPart = icmpPart.withMeta(icmpPart.meta().withNfct(null));
        IcmpPacket reply = IcmpPacket.of(icmpPart.array(), icmpPart.dataOffset(), ip.payloadLen());
        reply.setType(IcmpType.ECHO_REPLY);
        reply.setChecksum(Checksum.update16(reply.checksum(), IcmpType.ECHO << 8, IcmpType.ECHO_REPLY << 8));
        icmpPart = icmpPart.trim(ip.payloadLen());
        stack.counters().icmpOutEchoReps++;
        stack.counters().icmpOutMsgs++;
        stack.ipOutput().output(src, dst, IpProtocol.ICMP.value(), icmpPart,
                stack.hot().defaultTtl(), tos, Pmtudisc.DONT, 0);
    }

    /**
     * tcp_v4_err / __udp4_lib_err: the quoted header names our socket by its 4-tuple (we were the
     * quoted packet's source); the first 8 bytes are its ports and, for TCP, the sequence number.
     */
    private void transportError(Ipv4Packet ip, IcmpPacket icmp, Ipv4Packet quoted, int l4, int mtu) {
        byte[] b = icmp.buffer();
        int sport = (b[l4] & 0xff) << 8 | (b[l4 + 1] & 0xff);
        int dport = (b[l4 + 2] & 0xff) << 8 | (b[l4 + 3] & 0xff);
        int seq = (b[l4 + 4] & 0xff) << 24 | (b[l4 + 5] & 0xff) << 16 | (b[l4 + 6] & 0xff) << 8 | (b[l4 + 7] & 0xff);
        boolean tcp = quoted.protocol() == IpProtocol.TCP.value();
        int id = tcp ? stack.socks().lookupTcp(quoted.src(), sport, quoted.dst(), dport)
                : stack.socks().lookupUdp(quoted.src(), sport, quoted.dst(), dport);
        if (id >= 0) {
            stack.env().toSock(id, new io.netemu.stack.sock.SockInput.IcmpError(ip.src(), icmp.type(), icmp.code(),
                    mtu, tcp ? seq : 0, quoted.dst(), dport));
        }
    }

    /** An ICMP error: find the echo it quotes and tell that socket (raw ICMP sockets see them all). */
    private void error(Ipv4Packet ip, IcmpPacket icmp) {
        int qoff = icmp.dataOffset();
        int qlen = icmp.len() - IcmpPacket.HEADER_LEN;
        if (qlen < Ipv4Packet.MIN_HEADER_LEN + 8) {
            return;
        }
        Ipv4Packet quoted = Ipv4Packet.of(icmp.buffer(), qoff, qlen);
        int qhl = quoted.headerLen();
        if (quoted.version() != 4 || qhl < Ipv4Packet.MIN_HEADER_LEN || qlen < qhl + 8) {
            return;
        }
        int mtu = icmp.type() == IcmpType.DEST_UNREACH && icmp.code() == IcmpType.DestUnreach.FRAG_NEEDED
                ? icmp.nextHopMtu() : 0;
        if (mtu >= 68) {
            stack.ipOutput().learnPmtu(quoted.dst(), mtu);
        }
        if (quoted.protocol() == IpProtocol.TCP.value() || quoted.protocol() == IpProtocol.UDP.value()) {
            transportError(ip, icmp, quoted, qoff + qhl, mtu);
            return;
        }
        if (quoted.protocol() != IpProtocol.ICMP.value()) {
            return;
        }
        IcmpPacket q = IcmpPacket.of(icmp.buffer(), qoff + qhl, 8);
        if (q.type() != IcmpType.ECHO) {
            return;
        }
        stack.env().toSocket(q.echoIdent(), new SocketEvent.IcmpError(ip.src(), q.echoSeq(), icmp.type(), icmp.code(), mtu));
    }
}
