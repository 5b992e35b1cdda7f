package io.netemu.stack;

import io.netemu.packet.SkBuff;
import io.netemu.stack.sock.SocketEvent;

/**
 * What the stack needs from the actor that runs it: the run's clock, a way to put frames on a
 * device, to wake a socket and to be woken at a deadline. Everything else is plain state.
 */
public interface StackEnv {
    /** Now, from the run's one clock. */
    long now();

    /** Hands a whole Ethernet frame to the device actor of {@code ifindex} (dev_queue_xmit). */
    void xmit(int ifindex, SkBuff frame);

    /** Delivers an event to the socket bound to {@code ident} (ICMP echo id), if one is open. */
    void toSocket(int ident, SocketEvent event);

    /** Hands a segment, datagram or ICMP error to socket {@code sockId} (an id of {@link io.netemu.stack.sock.SockTable}). */
    default void toSock(int sockId, io.netemu.stack.sock.SockInput input) {
    }

    /** Asks for {@link NetStack#tick()} at or after {@code deadlineNanos} (neighbour and fragment timers). */
    void wakeAt(long deadlineNanos);
}
