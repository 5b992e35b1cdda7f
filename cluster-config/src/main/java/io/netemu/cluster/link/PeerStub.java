package io.netemu.cluster.link;

import io.netemu.device.NetDevice;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Stands in, on this member, for a veth end on another member: what the local end sends its
 * peer goes into the member link, tagged with the link's number. It watches both ends: when the
 * remote one is gone without a word (its member was killed or cut off for good) the local end
 * loses carrier as if its peer had been deleted; when the local one goes, the stand-in goes too.
 */
final class PeerStub {
    private PeerStub() {}

    static Behavior<NetDevice.Command> create(ActorRef<MemberLinks.Command> links, long link, String member,
                                              ActorRef<NetDevice.Command> local, ActorRef<NetDevice.Command> remote) {
        return Behaviors.setup(ctx -> {
            ctx.watch(local);
            ctx.watch(remote);
            boolean[] bound = {false};
            return Behaviors.receive(NetDevice.Command.class)
                    .onAnyMessage(cmd -> {
                        links.tell(new MemberLinks.Out(member, link, bound[0] ? null : remote, cmd));
                        bound[0] = true;
                        return Behaviors.same();
                    })
                    .onSignal(Terminated.class, t -> {
                        if (t.getRef().equals(remote)) {
                            local.tell(NetDevice.PeerGone.INSTANCE);
                        }
                        return Behaviors.stopped();
                    })
                    .build();
        });
    }
}
