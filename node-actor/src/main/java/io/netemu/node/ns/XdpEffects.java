package io.netemu.node.ns;

import io.netemu.device.NetDevice;
import io.netemu.node.bpf.BpfKernel;
import io.netemu.node.bpf.NsXdp;
import io.netemu.stack.NetNs;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The device-side half of XDP attachment: what {@code ip link set ... xdp} and {@code bpftool
 * net attach|detach} changed goes to the device actors as {@link NetDevice.SetXdp} (by program
 * id: messages stay serializable). Attachments of devices no longer listed here let go of
 * their programs first.
 */
final class XdpEffects {
    private XdpEffects() {}

    static void apply(NetNs ns, NsDevices devices, BpfKernel bpf) {
        NsXdp.prune(ns, bpf.sys());
        for (NsXdp.Effect e : NsXdp.drainEffects(ns)) {
            ActorRef<NetDevice.Command> ref = devices.get(e.ifindex());
            if (ref != null) {
                ref.tell(new NetDevice.SetXdp(e.progId(), e.mode()));
            }
        }
    }
}
