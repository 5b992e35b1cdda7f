package io.netemu.node.sock;

import io.netemu.stack.tcp.TcpInfo;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The socket API applications (nc, iperf3, test apps) use: the BSD calls as messages to a socket
 * actor, the results as {@link Reply}s to the socket's owner. A socket is made by sending the
 * namespace {@code NamespaceActor.SockOpen(proto, owner)}; the owner gets {@link Opened} with the
 * socket's actor. Every reply names its socket by id, so one owner can hold several.
 *
 * <p>Blocking and non-blocking as a C program sees them: {@link Connect} and {@link Accept} answer
 * when the handshake is done (or failed); {@link Recv} answers when there is data, the end of the
 * stream or an error (or at once with EAGAIN when {@code nonblock}); {@link Send} answers at once
 * with how much the send buffer took, and a short count is followed by {@link Writable} when there
 * is room again. The owner's death closes its sockets, as a process's exit closes its files.
 * Errors are Linux's errno numbers ({@link io.netemu.stack.sock.Errno} names and strerror texts).
 */
public final class Sock {
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    private Sock() {}

    /** What an application asks of its socket. */
    public sealed interface Command extends SockMsg {}

    /** bind(2): {@code addr} 0 is INADDR_ANY, {@code port} 0 an ephemeral port. Replies {@link Done}. */
    public record Bind(int addr, int port) implements Command {}

    /** connect(2): TCP answers {@link Connected} after the handshake; UDP at once (a default peer, errors reported). */
    public record Connect(int addr, int port) implements Command {}

    /** listen(2) (TCP): autobinds an unbound socket. Replies {@link Done}. */
    public record Listen(int backlog) implements Command {}

    /** accept(2): answers {@link Accepted} when a connection is ready; {@code owner} owns the new socket (null: this one's). */
    public record Accept(ActorRef<Reply> owner) implements Command {}

    /** send/sendto: {@code addr} 0 sends to the connected peer. Replies {@link Sent}. */
    public record Send(byte[] data, int addr, int port) implements Command {
        public Send(byte[] data) {
            this(data, 0, 0);
        }
    }

    /** recv/recvfrom of up to {@code max} bytes (UDP: one datagram, truncated). Replies {@link Received}. */
    public record Recv(int max, boolean nonblock) implements Command {}

    /** shutdown(2): {@link #SHUT_RD}, {@link #SHUT_WR} or {@link #SHUT_RDWR}. Replies {@link Done}. */
    public record Shutdown(int how) implements Command {}

    /** close(2): no reply; a TCP connection lingers in the stack (FIN, TIME-WAIT) after the socket is gone. */
    public record Close() implements Command {}

    /**
     * setsockopt(2): {@code "SO_REUSEADDR"}, {@code "SO_SNDBUF"}, {@code "SO_RCVBUF"} (doubled, as Linux
     * stores them), {@code "TCP_NODELAY"}, {@code "TCP_CONGESTION"} (with {@code text}). Replies {@link Done}.
     */
    public record SetOpt(String name, int value, String text) implements Command {}

    /** getsockopt(TCP_INFO) and the addresses: replies {@link Info}. */
    public record GetInfo() implements Command {}

    /** What a socket tells its owner. */
    public sealed interface Reply {}

    /** The namespace made the socket (or refused with {@code errno}: EINVAL for a protocol it has not). */
    public record Opened(int sock, ActorRef<Command> socket, int errno) implements Reply {}

    /** The result of bind, listen, shutdown or setsockopt ({@code op} names the call). */
    public record Done(int sock, String op, int errno) implements Reply {}

    /** connect finished: 0 and both ends, or an errno (ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH...). */
    public record Connected(int sock, int errno, int localAddr, int localPort, int remoteAddr, int remotePort)
            implements Reply {}

    /** A connection was accepted: its own socket, and both ends; or an errno (EINVAL: not listening). */
    public record Accepted(int sock, int errno, int newSock, ActorRef<Command> socket, int localAddr, int localPort,
                           int remoteAddr, int remotePort) implements Reply {}

    /** How many bytes the send buffer took (TCP: maybe fewer than offered), or an errno (EPIPE, ECONNRESET...). */
    public record Sent(int sock, int bytes, int errno) implements Reply {}

    /**
     * Data, or the end of the stream ({@code eof}), or an errno (ECONNRESET, ECONNREFUSED, EAGAIN...);
     * for UDP the sender of the datagram.
     */
    public record Received(int sock, byte[] data, boolean eof, int errno, int fromAddr, int fromPort)
            implements Reply {}

    /** The send buffer has room again after a short {@link Sent}. */
    public record Writable(int sock) implements Reply {}

    /** getsockopt's answer: the socket as ss would list it (TCP_INFO inside for connections). */
    public record Info(int sock, SockRow row) implements Reply {}

    /** One socket (or one connection of a listener's queues) as ss lists it; {@code info} null when not TCP. */
    public record SockRow(int proto, String state, long recvQ, long sendQ, int localAddr, int localPort,
                          int remoteAddr, int remotePort, TcpInfo info, String cc) {}

    /** A socket's rows for ss: a listener answers with its own row and its queued connections'. */
    public record Rows(List<SockRow> rows) {}
}
