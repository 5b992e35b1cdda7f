package io.netemu.node.ns;

import io.netemu.device.NetDevice;
import io.netemu.node.link.RemotePeers;
import io.netemu.stack.dev.NetDev;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the lab does to a namespace's veth ends from outside: join an end to its peer (which may
 * live on another cluster member: then the end talks to it through the member link) and cut or
 * restore the cable.
 */
final class LabCables {
    private LabCables() {}

    static void connectPeer(NamespaceBehavior b, NamespaceActor.ConnectPeer m) {
        NetDev d = b.ns().devs().byName(m.ifname());
        ActorRef<NetDevice.Command> ref = d == null ? null : b.devices().get(d.ifindex());
        if (ref == null) {
            m.replyTo().tell(new NamespaceActor.Ack("no device " + m.ifname()));
            return;
        }
        d.setPeer(m.peerIfindex(), m.peerNetns());
        b.devices().allocNetnsId(m.peerNetns());
        ref.tell(new NetDevice.SetPeer(RemotePeers.get().wrap(b.context().getSystem(), ref, m.peer())));
        m.replyTo().tell(new NamespaceActor.Ack(null));
    }

    static void setCable(NamespaceBehavior b, NamespaceActor.SetCable m) {
        NetDev d = b.ns().devs().byName(m.ifname());
        ActorRef<NetDevice.Command> ref = d == null ? null : b.devices().get(d.ifindex());
        if (ref == null) {
            m.replyTo().tell(new NamespaceActor.Ack("Cannot find device \"" + m.ifname() + "\""));
            return;
        }
        ref.tell(new NetDevice.SetCable(m.up()));
        m.replyTo().tell(new NamespaceActor.Ack(null));
    }
}
