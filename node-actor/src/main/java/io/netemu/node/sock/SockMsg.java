package io.netemu.node.sock;

import io.netemu.stack.sock.SockInput;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Everything a socket actor receives: the application's {@link Sock.Command}s, and the namespace's
 * side of the socket layer (input from the IP layer, the answers to bind/connect/listen, its timer).
 */
public sealed interface SockMsg permits Sock.Command, SockMsg.Input, SockMsg.Bound, SockMsg.Routed,
        SockMsg.Listening, SockMsg.XmitDone, SockMsg.Timer, SockMsg.OwnerGone, SockMsg.ChildGone, SockMsg.Snapshot {

    /** Segments, datagrams and ICMP errors for this socket, in arrival order (one batch per namespace message). */
    record Input(List<SockInput> items) implements SockMsg {}

    /** The namespace's answer to a bind: the address and port taken, or an errno. */
    record Bound(int errno, int addr, int port) implements SockMsg {}

    /** The namespace's answer to a connect: the local end chosen, the route's MTU, or an errno. */
    record Routed(int errno, int localAddr, int localPort, int mtu) implements SockMsg {}

    /** The namespace's answer to a listen: the port listened on, or an errno. */
    record Listening(int errno, int port) implements SockMsg {}

    /** The namespace sent a UDP datagram (0) or could not (an errno). */
    record XmitDone(int errno, int bytes) implements SockMsg {}

    /** The connection's timer is due. */
    enum Timer implements SockMsg { INSTANCE }

    /** The owning application stopped: its sockets close. */
    enum OwnerGone implements SockMsg { INSTANCE }

    /** An accepted connection's socket (a child of the listener's actor) stopped. */
    record ChildGone(int sock) implements SockMsg {}

    /** ss asks for the socket's rows. */
    record Snapshot(ActorRef<Sock.Rows> replyTo) implements SockMsg {}
}
