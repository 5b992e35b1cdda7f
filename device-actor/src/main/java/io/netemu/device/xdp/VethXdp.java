package io.netemu.device.xdp;

import io.netemu.device.DeviceEvent;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.time.NetClock;
import io.netemu.ebpf.xdp.XdpHook;
import io.netemu.packet.SkBuff;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The XDP side of one veth end (drivers/net/veth.c): attaching a program, running a polled batch
 * through it, ndo_xdp_xmit out of this end and veth_xdp_rcv of what the peer sent that way, and
 * the NAPI state the two ends tell each other ({@link VethNapi}). Plain state of the device actor,
 * called only from its behaviour, which keeps the rx path, the link and the counters; this class
 * sees those through {@link Device}. Split from the behaviour so that the XDP rules read in one
 * place; the behaviour stays the message dispatch and the device's own state transitions.
 */
public final class VethXdp {
    private static final int EOPNOTSUPP = 95;

    /** What the XDP paths need of their device; answered from the behaviour's current state. */
    public interface Device {
        int ifindex();

        /** The namespace the device is in now (it changes when the device moves). */
        ActorRef<NsInbound> upper();

        /** The other end, or null. */
        ActorRef<NetDevice.Command> peer();

        boolean adminUp();

        boolean carrier();

        /**
         * Frames that went to the peer around the qdisc (XDP_TX, ndo_xdp_xmit): TX packets and
         * bytes (whole frames); {@code txQueue0}: tx queue 0's packets too, as ndo_xdp_xmit counts.
         */
        void sentAround(List<SkBuff> frames, boolean txQueue0);
    }

    private final ActorSystem<?> system;
    private final NetClock clock;
    private final long seed;
    private final Device device;
    /** The program and veth's rq XDP counters; made on first need, kept after a detach (the counters go on). */
    private XdpStage stage;
    /** Counters of frames redirected here by other devices' programs, kept when no program is attached here. */
    private long xmit;
    private long xmitErrors;
    /** NAPI for ndo_xdp_xmit, ours and the peer's. */
    private final VethNapi napi = new VethNapi();
    /** Redirects of ours that failed further on (RX dropped). */
    private long redirectDrops;

    public VethXdp(ActorSystem<?> system, NetClock clock, long seed, Device device) {
        this.system = system;
        this.clock = clock;
        this.seed = seed;
        this.device = device;
    }

    /** Whether a program is attached. */
    public boolean attached() {
        return stage != null && stage.attached();
    }

    /** Whether the attached program is native, so polled frames take veth's NAPI path and its rq stats. */
    public boolean nativeAttached() {
        return attached() && stage.counts();
    }

    /** See {@link VethNapi#peerXdp()}: what this end's veth_xmit counts as TX bytes. */
    public boolean peerXdp() {
        return napi.peerXdp();
    }

    /** ip link set dev X xdp obj ... / xdp off: a fresh runner per attachment; veth's rq counters go on. */
    public void attach(NetDevice.SetXdp m, int queues) {
        XdpHook hook = m.progId() == 0 ? null : XdpPrograms.get(system).attach(m.progId());
        if (stage == null && hook != null) {
            stage = newStage(queues);
        }
        if (stage != null) {
            stage.attach(hook, m.mode());
        }
        napi.xdp(hook != null && m.mode() == XdpMode.DRV);
        tellNapi(false);
    }

    /** ethtool -K rx-gro: veth runs NAPI with GRO on, which the peer must hear of. */
    public void gro(boolean on) {
        napi.gro(on);
        tellNapi(false);
    }

    /** The peer's NAPI news. */
    public void peerNapi(NetDevice.PeerNapi m) {
        napi.peerNapi(m);
    }

    /** veth_set_xdp_features on the peer: it learns whether this end now runs NAPI. */
    public void tellNapi(boolean always) {
        NetDevice.PeerNapi news = napi.news(always);
        ActorRef<NetDevice.Command> peer = device.peer();
        if (news != null && peer != null) {
            peer.tell(news);
        }
    }

    /** ethtool -L: counters of queues that stay are kept. */
    public void resize(int queues) {
        if (stage != null) {
            stage.resize(queues);
        }
    }

    /**
     * The program's verdicts for one polled batch (only with a program {@link #attached()}):
     * passed frames are returned to go on up; XDP_TX frames go back to the peer (counted as tx
     * errors without one); redirected ones to the namespace, which knows the target device;
     * trace lines to the namespace's trace pipe.
     */
    public List<SkBuff> run(int queue, List<SkBuff> batch) {
        return run(queue, batch, false);
    }

    private List<SkBuff> run(int queue, List<SkBuff> batch, boolean xdpFrames) {
        XdpStage.Verdicts out = new XdpStage.Verdicts();
        int ifindex = device.ifindex();
        ActorRef<NsInbound> upper = device.upper();
        List<SkBuff> pass = stage.run(batch, ifindex, queue, out, xdpFrames);
        if (!out.tx.isEmpty()) {
            ActorRef<NetDevice.Command> peer = device.peer();
            if (peer != null && device.carrier()) {
                device.sentAround(out.tx, false);
                peer.tell(new NetDevice.Receive(List.copyOf(out.tx)));
            } else {
                stage.txErrors(queue, out.tx.size());
            }
        }
        for (var e : out.redirect.entrySet()) {
            upper.tell(new DeviceEvent.XdpRedirect(ifindex, e.getKey().ifindex(), e.getKey().netns(),
                    List.copyOf(e.getValue()), new XdpSource(upper, ifindex, queue, stage.counts())));
        }
        if (!out.trace.isEmpty()) {
            upper.tell(new DeviceEvent.XdpTrace(ifindex, List.copyOf(out.trace)));
        }
        return pass;
    }

    /**
     * ndo_xdp_xmit frames from the peer (the device is up; the behaviour counted them as RX):
     * veth_xdp_rcv counts them whole in rq 0 and runs a native program on them as xdp_frames.
     * Returns the frames that go up.
     */
    public List<SkBuff> receive(List<SkBuff> frames, int queues) {
        if (stage == null) {
            stage = newStage(queues);
        }
        List<SkBuff> up = frames;
        if (stage.attached() && stage.counts()) {
            up = run(0, frames, true);
        } else {
            stage.received(0, frames);
            if (stage.attached()) {
                up = run(0, frames, false); // generic XDP runs on the skb veth made of the frame
            }
        }
        return up;
    }

    /**
     * ndo_xdp_xmit: straight to the peer, no qdisc; a device that cannot send counts the frames as
     * xmit errors. Native redirects need NAPI on the peer (see {@link VethNapi}): without it the
     * redirect fails back on the source, as xdp_do_redirect fails there on Linux.
     */
    public void xmit(List<SkBuff> frames, XdpSource from) {
        if (from != null && from.ndo() && !napi.peerNapi()) {
            from.netns().tell(new DeviceEvent.XdpRedirectFailed(from.ifindex(), from.queue(), device.ifindex(),
                    frames.size(), EOPNOTSUPP));
            return;
        }
        ActorRef<NetDevice.Command> peer = device.peer();
        if (device.adminUp() && device.carrier() && peer != null) {
            device.sentAround(frames, true);
            xmit += frames.size();
            peer.tell(from != null && from.ndo() ? new NetDevice.XdpReceive(frames) : new NetDevice.Receive(frames));
        } else {
            xmitErrors += frames.size();
        }
    }

    /**
     * A redirect of ours failed at its target: whether the frames count as drops of rx queue
     * {@code queue} (and RX dropped), as Linux counts a failed xdp_do_redirect on the source.
     */
    public boolean redirectFailed(int queue, int frames, int queues) {
        if (stage != null && stage.redirectFailed(queue, frames) && queue < queues) {
            redirectDrops += frames;
            return true;
        }
        return false;
    }

    /** Failed redirects of ours, part of RX dropped. */
    public long redirectDrops() {
        return redirectDrops;
    }

    /** Rx queue {@code queue}'s XDP counters; queue 0 carries the device's ndo_xdp_xmit counts. */
    public XdpCounters counters(int queue) {
        XdpCounters x = stage == null ? XdpCounters.ZERO : stage.counters(queue);
        if (queue == 0 && (xmit | xmitErrors) != 0) {
            x = new XdpCounters(x.packets(), x.bytes(), x.redirect(), x.drops(), x.tx(), x.txErrors(), xmit, xmitErrors);
        }
        return x;
    }

    private XdpStage newStage(int queues) {
        return new XdpStage(clock, seed, queues, XdpFibs.get(system).reader(device::upper));
    }
}
