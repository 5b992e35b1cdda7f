package io.netemu.stack.tcp;

import io.netemu.packet.wire.TcpPacket;
import java.util.Arrays;

/** Where a connection's effects go: the socket layer implements it (segments into ip_queue_xmit, events to the app). */
public interface TcpOutput {
    /** A segment to send from the connection's local address to its remote one (the IP layer adds the header). */
    void emit(TcpConnection conn, TcpSegment segment);

    /**
     * A TSO super-segment (a GSO skb from tcp_write_xmit): the payload of several segments of
     * {@code gsoSize} bytes (the last may be shorter) behind one header whose PSH and FIN belong to
     * the last. By default it is cut into those segments here, as skb_gso_segment would.
     */
    default void emitGso(TcpConnection conn, TcpSegment segment, int gsoSize) {
        byte[] p = segment.payload();
        int tail = TcpPacket.PSH | TcpPacket.FIN;
        for (int off = 0; off < p.length; off += gsoSize) {
            int end = Math.min(p.length, off + gsoSize);
            int flags = end == p.length ? segment.flags() : segment.flags() & ~tail;
            emit(conn, new TcpSegment(segment.srcPort(), segment.dstPort(), segment.seq() + off, segment.ack(), flags,
                    segment.window(), segment.options(), Arrays.copyOfRange(p, off, end)));
        }
    }

    /** A segment that belongs to no connection (a listener's RST): from {@code localAddr} to {@code remoteAddr}. */
    void emitReply(int localAddr, int remoteAddr, TcpSegment segment);

    /** Something the application should learn. */
    void event(TcpConnection conn, TcpEvent event);
}
