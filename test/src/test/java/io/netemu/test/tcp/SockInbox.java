package io.netemu.test.tcp;

import io.netemu.node.sock.Sock;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A test's socket owner on virtual time: an actor that keeps every {@link Sock.Reply} it gets, and
 * {@link #next} drives the clock until one of the wanted kind is there (a blocking call, as the
 * application would make it).
 */
final class SockInbox {
    private final VirtualChain chain;
    private final ConcurrentLinkedQueue<Sock.Reply> got = new ConcurrentLinkedQueue<>();
    final ActorRef<Sock.Reply> ref;

    SockInbox(VirtualChain chain) {
        this.chain = chain;
        this.ref = chain.kit.spawn(Behaviors.receiveMessage(m -> {
            got.add(m);
            return Behaviors.same();
        }));
    }

    /** The first reply of {@code type} (others stay queued), within {@code limitNanos} of virtual time. */
    <T extends Sock.Reply> T next(Class<T> type, long limitNanos) {
        chain.clock.runUntil(chain.kit.system().name(), () -> got.stream().anyMatch(type::isInstance), limitNanos);
        for (Iterator<Sock.Reply> it = got.iterator(); it.hasNext(); ) {
            Sock.Reply r = it.next();
            if (type.isInstance(r)) {
                it.remove();
                return type.cast(r);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + limitNanos / 1e9 + " s of virtual time; got " + got);
    }

    <T extends Sock.Reply> T next(Class<T> type) {
        return next(type, 5_000_000_000L);
    }
}
