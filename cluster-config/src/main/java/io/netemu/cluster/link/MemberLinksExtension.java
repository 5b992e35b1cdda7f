package io.netemu.cluster.link;

import io.netemu.device.NetDevice;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;

/**
 * One {@link MemberLinks} actor per JVM, started with the actor system (cluster-config's
 * reference.conf lists this extension) so that another member's first batch finds it.
 */
public final class MemberLinksExtension implements Extension {
    private static final Id ID = new Id();
    private final ActorSystem<?> system;
    private final ActorRef<MemberLinks.Command> links;
    private final AtomicLong nextLink = new AtomicLong();

    private MemberLinksExtension(ActorSystem<?> system) {
        this.system = system;
        // links are numbered per JVM incarnation: a restarted member must not reuse a dead one's numbers
        this.links = system.systemActorOf(MemberLinks.create(new SecureRandom().nextLong()), MemberLinks.NAME, Props.empty());
    }

    public static MemberLinksExtension get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    public ActorRef<MemberLinks.Command> links() { return links; }

    ActorRef<NetDevice.Command> stub(ActorRef<NetDevice.Command> local, ActorRef<NetDevice.Command> peer) {
        long link = nextLink.incrementAndGet();
        String member = peer.path().address().toString();
        return system.systemActorOf(PeerStub.create(links, link, member, local, peer), "peer-link-" + link, Props.empty());
    }

    public static final class Id extends ExtensionId<MemberLinksExtension> {
        /** What Pekko calls to load the extension listed in pekko.actor.typed.extensions. */
        public static Id getInstance() {
            return ID;
        }

        @Override
        public MemberLinksExtension createExtension(ActorSystem<?> system) {
            return new MemberLinksExtension(system);
        }
    }
}
