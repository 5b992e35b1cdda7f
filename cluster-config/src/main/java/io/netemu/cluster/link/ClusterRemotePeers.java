package io.netemu.cluster.link;

import io.netemu.device.NetDevice;
import io.netemu.node.link.RemotePeers;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/** The {@link RemotePeers} of a cluster member: a peer on another member is reached through {@link MemberLinks}. */
public final class ClusterRemotePeers implements RemotePeers {
    @Override
    public ActorRef<NetDevice.Command> wrap(ActorSystem<?> system, ActorRef<NetDevice.Command> local,
                                           ActorRef<NetDevice.Command> peer) {
        if (!RemotePeers.isRemote(peer)) {
            return peer;
        }
        return MemberLinksExtension.get(system).stub(local, peer);
    }
}
