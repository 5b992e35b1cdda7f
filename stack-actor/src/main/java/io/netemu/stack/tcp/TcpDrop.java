package io.netemu.stack.tcp;

/** Why a segment was dropped, after the kernel's {@code skb_drop_reason} names; each one is counted in {@link TcpMib}. */
public enum TcpDrop {
    /** Shorter than the fixed header or than its data offset claims. */
    PKT_TOO_SMALL,
    /** Data offset below 5 words. */
    TCP_HDR_MALFORMED,
    /** The checksum with the IPv4 pseudo header did not verify. */
    TCP_CSUM,
    /** Outside the receive window (tcp_sequence); answered with a duplicate ACK. */
    TCP_INVALID_SEQUENCE,
    /** Timestamp older than ts_recent (RFC 7323 §5 PAWS). */
    TCP_RFC7323_PAWS,
    /** Acknowledges more than a window behind snd_una (RFC 5961 §5.2). */
    TCP_TOO_OLD_ACK,
    /** Acknowledges data never sent. */
    TCP_ACK_UNSENT_DATA,
    /** A RST that was not exactly at rcv_nxt (RFC 5961 §3.2), or arrived where it means nothing. */
    TCP_RESET,
    /** A SYN in a synchronized state (RFC 5961 §4), answered with a challenge ACK. */
    TCP_INVALID_SYN,
    /** Flags that make no sense in this state (no ACK, a bare segment to a listener, ...). */
    TCP_FLAGS,
    /** Data while the receive window is zero. */
    TCP_ZEROWINDOW,
    /** Data after the application closed the receive side. */
    TCP_CLOSE,
    /** No connection and no listener. */
    NO_SOCKET,
    /** The listener's accept queue was full. */
    TCP_LISTEN_OVERFLOW
}
