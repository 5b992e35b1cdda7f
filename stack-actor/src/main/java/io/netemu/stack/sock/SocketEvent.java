package io.netemu.stack.sock;

/**
 * What an ICMP (ping) socket learns from the stack: a reply to one of its echoes, an ICMP
 * error quoting one of them, or a local error (the errno the kernel would return from sendmsg).
 */
public sealed interface SocketEvent {
    /** An echo reply: who answered, its sequence, TTL, ICMP payload length, receive time. */
    record EchoReply(int from, int seq, int ttl, int icmpLen, long rxNanos, int payloadHash) implements SocketEvent {}

    /** An ICMP error about an echo of ours: type/code as received, the quoted echo's sequence, the sender of the error. */
    record IcmpError(int from, int seq, int type, int code, int info) implements SocketEvent {}

    /** A local error for the echo with this sequence: EHOSTUNREACH, EMSGSIZE (with the MTU), ENETUNREACH... */
    record LocalError(int seq, int errno, int info) implements SocketEvent {}
}
