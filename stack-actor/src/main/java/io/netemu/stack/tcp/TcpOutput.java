package io.netemu.stack.tcp;

/** Where a connection's effects go: the socket layer implements it (segments into ip_queue_xmit, events to the app). */
public interface TcpOutput {
    /** A segment to send from the connection's local address to its remote one (the IP layer adds the header). */
    void emit(TcpConnection conn, TcpSegment segment);

    /** A segment that belongs to no connection (a listener's RST): from {@code localAddr} to {@code remoteAddr}. */
    void emitReply(int localAddr, int remoteAddr, TcpSegment segment);

    /** Something the application should learn. */
    void event(TcpConnection conn, TcpEvent event);
}
