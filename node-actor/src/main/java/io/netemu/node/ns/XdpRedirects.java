package io.netemu.node.ns;

import io.netemu.device.DeviceEvent;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.node.bpf.TracePipe;
import io.netemu.packet.SkBuff;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * xdp_do_redirect from a namespace actor: frames an XDP program redirected leave through the
 * target device's ndo_xdp_xmit. The target is an ifindex in the namespace that resolved it — the
 * program's own for bpf_redirect, the one a devmap entry was written from for bpf_redirect_map
 * — so a redirect may cross namespaces: the frames go through the lab's {@link NetnsDirectory}
 * to that namespace's actor, which hands them to its device. A redirect whose namespace or
 * device does not exist (any more) fails as xdp_do_redirect does (-ENODEV / -EINVAL): the
 * frames are dropped and the failure is reported in the trace pipe as the kernel's
 * xdp:xdp_redirect_err tracepoint reports it, with the number of frames.
 */
final class XdpRedirects {
    private static final int ENODEV = 19;

    private XdpRedirects() {}

    /** A device of this namespace redirected {@code m.frames()}. */
    static void fromDevice(NamespaceBehavior b, DeviceEvent.XdpRedirect m) {
        String here = b.ns().name();
        if (m.targetNetns() == null || m.targetNetns().equals(here)) {
            xmitHere(b, m.targetIfindex(), m.frames(), b.context().getSelf(), m.ifindex());
        } else if (b.directory() != null) {
            b.directory().tell(new NetnsDirectory.XdpForward(m.targetNetns(), m.targetIfindex(), m.frames(),
                    b.context().getSelf(), m.ifindex()));
        } else {
            failed(b, m.ifindex(), m.targetIfindex(), m.frames().size());
        }
    }

    /** Frames for device {@code ifindex} of this namespace, from {@code from}'s device {@code fromIfindex}. */
    static void xmitHere(NamespaceBehavior b, int ifindex, List<SkBuff> frames, ActorRef<NsInbound> from, int fromIfindex) {
        ActorRef<NetDevice.Command> target = b.devices().get(ifindex);
        if (target != null) {
            target.tell(new NetDevice.XdpXmit(frames));
        } else if (from.equals(b.context().getSelf())) {
            failed(b, fromIfindex, ifindex, frames.size());
        } else {
            from.tell(new NamespaceActor.XdpRedirectFailed(fromIfindex, ifindex, frames.size()));
        }
    }

    /** The redirect from device {@code fromIfindex} did not happen: counted in the trace pipe. */
    static void failed(NamespaceBehavior b, int fromIfindex, int toIfindex, int frames) {
        TracePipe.get(b.context().getSystem()).append(b.now(), List.of("xdp_redirect_err: ifindex=" + fromIfindex
                + " to_ifindex=" + toIfindex + " err=-" + ENODEV + " frames=" + frames));
        b.context().getLog().debug("namespace {}: xdp redirect of {} frames from ifindex {} to {} failed: no such device",
                b.ns().name(), frames, fromIfindex, toIfindex);
    }
}
