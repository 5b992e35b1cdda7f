package io.netemu.node.ns;

import io.netemu.device.DeviceEvent;
import io.netemu.device.NetDevice;
import io.netemu.device.xdp.XdpSource;
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
 * frames are dropped, counted as rx drops on the device that redirected them, and the failure is
 * reported in the trace pipe as the kernel's xdp:xdp_redirect_err tracepoint reports it, with
 * the number of frames. So is a native redirect into a veth whose peer has no NAPI (EOPNOTSUPP,
 * reported by the target device).
 */
final class XdpRedirects {
    static final int ENODEV = 19;

    private XdpRedirects() {}

    /** A device of this namespace redirected {@code m.frames()}. */
    static void fromDevice(NamespaceBehavior b, DeviceEvent.XdpRedirect m) {
        String here = b.ns().name();
        if (m.targetNetns() == null || m.targetNetns().equals(here)) {
            xmitHere(b, m.targetIfindex(), m.frames(), m.from());
        } else if (b.directory() != null) {
            b.directory().tell(new NetnsDirectory.XdpForward(m.targetNetns(), m.targetIfindex(), m.frames(), m.from()));
        } else {
            failed(b, new DeviceEvent.XdpRedirectFailed(m.ifindex(), m.from().queue(), m.targetIfindex(), m.frames().size(),
                    ENODEV));
        }
    }

    /** Frames for device {@code ifindex} of this namespace, from {@code from}'s device. */
    static void xmitHere(NamespaceBehavior b, int ifindex, List<SkBuff> frames, XdpSource from) {
        ActorRef<NetDevice.Command> target = b.devices().get(ifindex);
        if (target != null) {
            target.tell(new NetDevice.XdpXmit(frames, from));
        } else {
            from.netns().tell(new DeviceEvent.XdpRedirectFailed(from.ifindex(), from.queue(), ifindex, frames.size(), ENODEV));
        }
    }

    /**
     * The redirect from device {@code m.ifindex()} did not happen: the device counts the frames
     * as rx drops (native XDP), the trace pipe gets the kernel's xdp_redirect_err line.
     */
    static void failed(NamespaceBehavior b, DeviceEvent.XdpRedirectFailed m) {
        ActorRef<NetDevice.Command> dev = b.devices().get(m.ifindex());
        if (dev != null) {
            dev.tell(new NetDevice.XdpRedirectFailed(m.queue(), m.frames()));
        }
        TracePipe.get(b.context().getSystem()).append(b.now(), List.of("xdp_redirect_err: ifindex=" + m.ifindex()
                + " to_ifindex=" + m.toIfindex() + " err=-" + m.errno() + " frames=" + m.frames()));
        b.context().getLog().debug("namespace {}: xdp redirect of {} frames from ifindex {} to {} failed: errno {}",
                b.ns().name(), m.frames(), m.ifindex(), m.toIfindex(), m.errno());
    }
}
