package io.netemu.node.link;

import io.netemu.device.NetDevice;
import java.util.ServiceLoader;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * How a veth end reaches a peer that lives in another JVM. On one JVM a peer is just an actor
 * reference; across cluster members the frames go through a per-member-pair link that batches
 * them (cluster-config provides it through {@link ServiceLoader}), so this module need not know
 * about clusters.
 */
public interface RemotePeers {
    /**
     * The reference {@code local} should send to for {@code peer}: {@code peer} itself when it is
     * in this JVM, otherwise a stand-in that forwards in order through the member link.
     */
    ActorRef<NetDevice.Command> wrap(ActorSystem<?> system, ActorRef<NetDevice.Command> local, ActorRef<NetDevice.Command> peer);

    /** The provider on the class path, or one that never wraps. */
    static RemotePeers get() {
        return Holder.INSTANCE;
    }

    /** True when {@code ref} names an actor of another JVM (local references carry no host). */
    static boolean isRemote(ActorRef<?> ref) {
        return ref.path().address().hasGlobalScope();
    }

    final class Holder {
        private Holder() {}

        static final RemotePeers INSTANCE = ServiceLoader.load(RemotePeers.class).findFirst()
                .orElse((system, local, peer) -> peer);
    }
}
