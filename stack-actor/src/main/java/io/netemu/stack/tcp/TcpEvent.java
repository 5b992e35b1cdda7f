package io.netemu.stack.tcp;

/** What a connection tells its socket (through {@link TcpOutput#event}); error events carry Linux's errno. */
public enum TcpEvent {
    /** The handshake completed (connect returns; a listener's child is ready for accept). */
    CONNECTED(null),
    /** In-order data, or the end of the stream, can be read. */
    READABLE(null),
    /** The send buffer has room again after a write was refused (sk_stream_write_space). */
    WRITABLE(null),
    /** The peer's FIN was received: read returns what is queued, then end of stream. */
    PEER_CLOSED(null),
    /** A RST in a synchronized state (tcp_reset). */
    RESET("ECONNRESET"),
    /** A RST answering our SYN. */
    REFUSED("ECONNREFUSED"),
    /** The retransmission or probe limit was reached (tcp_write_err). */
    TIMED_OUT("ETIMEDOUT"),
    /** An ICMP host unreachable (or time exceeded, or administratively filtered) ended a connect, or a retransmission gave up after one. */
    HOST_UNREACHABLE("EHOSTUNREACH"),
    /** An ICMP network unreachable ended a connect, or a retransmission gave up after one. */
    NET_UNREACHABLE("ENETUNREACH"),
    /** An ICMP protocol unreachable (a hard error). */
    PROTO_UNAVAILABLE("ENOPROTOOPT"),
    /** The connection is gone (state CLOSE): remove it from the tables. Always the last event. */
    CLOSED(null);

    private final String errno;

    TcpEvent(String errno) {
        this.errno = errno;
    }

    /** The errno a blocked call returns, or null for events that are not errors. */
    public String errno() {
        return errno;
    }
}
