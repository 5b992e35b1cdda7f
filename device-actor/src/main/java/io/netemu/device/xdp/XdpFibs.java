package io.netemu.device.xdp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The namespaces' published {@link XdpFib}s, keyed by the namespace actor (the {@code upper} a
 * device reports to, which follows the device when it moves). The namespace replaces its
 * snapshot whole after a change; devices read the current one through a volatile reference: no
 * message, no lock, never a half-changed FIB. One per actor system.
 */
public final class XdpFibs implements Extension {
    private static final ExtensionId<XdpFibs> ID = new ExtensionId<>() {
        @Override
        public XdpFibs createExtension(ActorSystem<?> system) {
            return new XdpFibs();
        }
    };

    /** One namespace's current snapshot (null: no program attached there, nothing published). */
    public static final class Slot {
        private volatile XdpFib fib;

        public XdpFib fib() { return fib; }

        public void publish(XdpFib f) { fib = f; }
    }

    private final Map<ActorRef<?>, Slot> slots = new ConcurrentHashMap<>();

    public static XdpFibs get(ActorSystem<?> system) { return system.registerExtension(ID); }

    public Slot slot(ActorRef<?> netns) { return slots.computeIfAbsent(netns, k -> new Slot()); }

    /** The namespace is gone. */
    public void remove(ActorRef<?> netns) { slots.remove(netns); }

    /**
     * What a device reads: the snapshot of whatever namespace {@code netns} names at the time of
     * the call (the slot is looked up again only when the device has moved).
     */
    public Supplier<XdpFib> reader(Supplier<? extends ActorRef<?>> netns) {
        return new Supplier<>() {
            private ActorRef<?> key;
            private Slot slot;

            @Override
            public XdpFib get() {
                ActorRef<?> k = netns.get();
                if (k != key) {
                    key = k;
                    slot = k == null ? null : slot(k);
                }
                return slot == null ? null : slot.fib();
            }
        };
    }
}
