package io.netemu.stack.sock;

import io.netemu.stack.tcp.TcpSegment;

/**
 * What the IP layer hands a socket: a TCP segment for its 4-tuple or its listening port, a UDP
 * datagram, or an ICMP error quoting one of its packets. Immutable, so the namespace can send it to
 * the socket's actor as it is.
 */
public sealed interface SockInput {
    /**
     * A checksummed, parsed segment from {@code remoteAddr} to {@code localAddr}; {@code routeMtu} is the
     * MTU of the route back for a SYN (a listener's child takes its MSS from it), else 0.
     */
    record Tcp(TcpSegment segment, int localAddr, int remoteAddr, int routeMtu) implements SockInput {}

    /** A datagram's payload (a copy) with both ends. */
    record Udp(int srcAddr, int srcPort, int dstAddr, int dstPort, byte[] data) implements SockInput {}

    /**
     * An ICMP error about a packet this socket sent: the error's sender, type, code, info (the next-hop
     * MTU for fragmentation needed), the quoted TCP sequence number (0 for UDP) and the quoted ports.
     */
    record IcmpError(int from, int type, int code, int info, int quotedSeq, int remoteAddr, int remotePort)
            implements SockInput {}
}
