package io.netemu.device;

import io.netemu.device.capture.Direction;
import io.netemu.device.capture.Taps;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.device.time.NetTimers;
import io.netemu.device.xdp.VethXdp;
import io.netemu.packet.SkBuff;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The state and transitions of one {@link NetDevice} (veth_xmit, netif_rx, napi_poll): the
 * message dispatch, the link (admin state, carrier, peer), the rx queues and their interrupts.
 * The egress qdisc chain is {@link Egress}, the XDP paths {@link VethXdp}, the counters
 * {@link DeviceStats}: plain parts the behaviour owns and calls.
 */
final class NetDeviceBehavior extends AbstractBehavior<NetDevice.Command> {
    private static final int ETH_HLEN = 14;

    private final NetTimers timers;
    private final NetClock clock;
    private ActorRef<NsInbound> upper;
    private int ifindex;
    /** Set when the device leaves on purpose (destroyed): its peer is told so, not that it crashed. */
    private boolean destroyed;
    /** The rx queues (channels), each with its ring and NAPI poller. */
    private RxQueue[] queues;
    private int rxRing;
    private int rxUsecs;
    private int rxFrames;
    private int budget = 300;
    private long budgetNanos = 8_000_000L;
    private int spawnedPollers;

    private ActorRef<NetDevice.Command> peer;
    private boolean adminUp;
    private boolean peerUp;
    private boolean cableUp = true;
    private boolean carrier;
    private int mtu;
    private int weight;

    private final DeviceStats stats = new DeviceStats();
    private final Egress egress;
    private final VethXdp xdp;
    /** Packet sockets bound to this device (ptype_all). */
    private final Taps taps = new Taps();
    private final Offloads offloads = new Offloads();

    NetDeviceBehavior(ActorContext<NetDevice.Command> ctx, NetDevice.Config config, ActorRef<NsInbound> upper) {
        super(ctx);
        NetTime time = NetTime.get(ctx.getSystem());
        this.timers = time.timers();
        this.clock = time.clock();
        this.upper = upper;
        this.ifindex = config.ifindex();
        this.mtu = config.mtu();
        this.rxRing = config.ringSize();
        this.weight = config.weight();
        this.egress = new Egress(timers, clock, ctx.getSelf(), config.seed(), config.netem(), stats, this::transmit);
        this.xdp = new VethXdp(ctx.getSystem(), clock, config.seed(), new XdpView());
        this.queues = new RxQueue[] {newQueue(0)};
    }

    @Override
    public Receive<NetDevice.Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(NetDevice.Xmit.class, m -> onXmit(m.frames()))
                .onMessage(NetDevice.Receive.class, m -> onReceive(m.frames()))
                .onMessage(NetDevice.Poll.class, m -> onPoll(m.queue(), m.budget()))
                .onMessage(NetDevice.IrqTimer.class, m -> onIrqTimer(m.queue()))
                .onMessage(NetDevice.SetBudget.class, m -> {
                    budget = m.budget();
                    budgetNanos = m.budgetUsecs() * 1000L;
                    return this;
                })
                .onMessage(NetDevice.SetQueues.class, this::onSetQueues)
                .onMessageEquals(NetDevice.QdiscTimer.INSTANCE, () -> { egress.timer(); return this; })
                .onMessage(NetDevice.SetPeer.class, m -> onSetPeer(m.peer()))
                .onMessage(NetDevice.PeerState.class, m -> { peerUp = m.up(); return updateCarrier(); })
                .onMessage(NetDevice.SetAdminUp.class, m -> onSetAdminUp(m.up()))
                .onMessageEquals(NetDevice.PeerGone.INSTANCE, () -> { peer = null; peerUp = false; return updateCarrier(); })
                .onMessage(NetDevice.SetMtu.class, m -> { mtu = m.mtu(); return this; })
                .onMessage(NetDevice.SetCable.class, m -> { cableUp = m.up(); return updateCarrier(); })
                .onMessage(NetDevice.SetQdisc.class, m -> { egress.set(m.root(), adminUp); return this; })
                .onMessage(NetDevice.SetWeight.class, m -> { weight = m.weight(); return this; })
                .onMessage(NetDevice.SetXdp.class, m -> { xdp.attach(m, queues.length); return this; })
                .onMessage(NetDevice.XdpXmit.class, m -> { xdp.xmit(m.frames(), m.from()); return this; })
                .onMessage(NetDevice.XdpReceive.class, m -> onXdpReceive(m.frames()))
                .onMessage(NetDevice.SetGro.class, m -> { xdp.gro(m.on()); offloads.gro(m.on()); return this; })
                .onMessage(NetDevice.SetTso.class, m -> { offloads.tso(m.on()); return this; })
                .onMessage(NetDevice.PeerNapi.class, m -> { xdp.peerNapi(m); return this; })
                .onMessage(NetDevice.XdpRedirectFailed.class, m -> {
                    if (xdp.redirectFailed(m.queue(), m.frames(), queues.length)) {
                        queues[m.queue()].drops += m.frames();
                    }
                    return this;
                })
                .onMessage(NetDevice.GetCounters.class, m -> onGetCounters(m.replyTo()))
                .onMessage(NetDevice.AddTap.class, m -> { taps.add(m.sink()); return this; })
                .onMessage(NetDevice.RemoveTap.class, m -> { taps.remove(m.sink()); return this; })
                .onMessage(NetDevice.Rehome.class, this::onRehome)
                .onMessage(NetDevice.PeerMoved.class, m -> {
                    upper.tell(new DeviceEvent.PeerMoved(ifindex, m.ifindex(), m.netns()));
                    return this;
                })
                .onMessage(NetDevice.Destroy.class, this::onDestroy)
                .onMessage(NetDevice.PeerDestroyed.class, this::onPeerDestroyed)
                .onSignal(PostStop.class, s -> onPostStop())
                .build();
    }

    private Behavior<NetDevice.Command> onXmit(List<SkBuff> frames) {
        if (!adminUp) {
            stats.count(DropReason.DEV_DOWN, frames.size());
            return this;
        }
        egress.xmit(offloads.xmit(frames, egress.hasQdisc(), xdp.peerXdp()));
        return this;
    }

    /** veth_xmit: hand frames to the peer, or drop them when there is no carrier. */
    private void transmit(List<SkBuff> frames) {
        if (!carrier || peer == null) {
            stats.count(DropReason.NO_CARRIER, frames.size());
            return;
        }
        stats.sent(frames, xdp.peerXdp() ? ETH_HLEN : 0); // counted by the peer's NAPI, after eth_type_trans
        if (!taps.isEmpty()) { // dev_queue_xmit_nit: after the qdisc, as the frames leave
            frames = taps.deliver(ifindex, Direction.OUT, clock.nanos(), frames);
        }
        peer.tell(new NetDevice.Receive(frames));
    }

    private RxQueue newQueue(int index) {
        ActorRef<NapiPoller.Command> napi = getContext().spawn(NapiPoller.create(), "napi-rx-" + index + "-" + (spawnedPollers++));
        return new RxQueue(index, rxRing, napi);
    }

    /** Frames from the peer into their rx queues' rings; each queue raises its interrupt as coalescing says. */
    private Behavior<NetDevice.Command> onReceive(List<SkBuff> frames) {
        if (!adminUp || !carrier) {
            stats.count(adminUp ? DropReason.NO_CARRIER : DropReason.DEV_DOWN, frames.size());
            return this;
        }
        int maxLen = mtu + ETH_HLEN;
        int n = queues.length;
        long now = -1;
        for (SkBuff skb : frames) {
            if (skb.len() > maxLen && !skb.meta().isGso()) { // is_skb_forwardable: a GSO skb passes
                stats.count(DropReason.PKT_TOO_BIG, 1);
                continue;
            }
            RxQueue q = queues[RxQueue.steer(skb, n)];
            if (!q.offer(skb)) {
                stats.count(DropReason.RING_FULL, 1);
            }
        }
        for (RxQueue q : queues) {
            if (!q.scheduled && !q.ring.isEmpty()) {
                if (now < 0) {
                    now = clock.nanos();
                }
                interrupt(q, now);
            }
        }
        return this;
    }

    /**
     * The queue has frames and no poll pending: raise the interrupt now, when rx-frames are
     * waiting, or arm the rx-usecs timer (once, from the first frame).
     */
    private void interrupt(RxQueue q, long now) {
        if (rxUsecs == 0 || (rxFrames > 0 && q.ring.size() >= rxFrames)) {
            schedule(q);
        } else if (!q.irqArmed && rxUsecs > 0) {
            q.irqArmed = true;
            q.irqDue = now + rxUsecs * 1000L;
            timers.schedule(getContext().getSelf(), new NetDevice.IrqTimer(q.index), rxUsecs * 1000L);
        }
    }

    private void schedule(RxQueue q) {
        q.irqArmed = false;
        q.scheduled = true;
        q.napi.tell(new NapiPoller.Schedule(getContext().getSelf(), q.index, weight));
    }

    private Behavior<NetDevice.Command> onIrqTimer(int index) {
        if (index < queues.length) {
            RxQueue q = queues[index];
            if (q.irqArmed && !q.scheduled) {
                if (q.ring.isEmpty()) {
                    q.irqArmed = false;
                } else {
                    schedule(q);
                }
            }
        }
        return this;
    }

    /** napi_poll: at most {@code budget} frames up as one batch; polled again while work remains (the round may squeeze). */
    private Behavior<NetDevice.Command> onPoll(int index, int pollBudget) {
        if (index >= queues.length) {
            return this; // the queue went away with an ethtool -L
        }
        RxQueue q = queues[index];
        q.scheduled = false;
        List<SkBuff> batch = q.poll(pollBudget);
        if (!batch.isEmpty()) {
            // native XDP takes veth's NAPI path, whose rq stats count skb->len after eth_type_trans
            stats.received(batch, xdp.nativeAttached() ? ETH_HLEN : 0);
            if (xdp.attached()) {
                batch = xdp.run(q.index, io.netemu.packet.offload.TcpGso.segmentAll(batch, ETH_HLEN));
            }
            batch = offloads.receive(batch);
            if (!batch.isEmpty()) {
                if (!taps.isEmpty()) { // __netif_receive_skb_core's ptype_all: after XDP, before the stack
                    batch = taps.deliver(ifindex, Direction.IN, clock.nanos(), batch);
                }
                upper.tell(new DeviceEvent.RxBatch(ifindex, batch));
            }
        }
        q.accountRound(batch.size(), clock.nanos(), budget, budgetNanos);
        if (!q.ring.isEmpty()) {
            schedule(q); // napi_complete not reached: the poll list keeps the queue, no interrupt
        }
        return this;
    }

    /** ndo_xdp_xmit frames from the peer: counted whole as RX, then veth_xdp_rcv (see {@link VethXdp#receive}). */
    private Behavior<NetDevice.Command> onXdpReceive(List<SkBuff> frames) {
        if (!adminUp) {
            stats.count(DropReason.DEV_DOWN, frames.size());
            return this;
        }
        stats.received(frames, 0);
        List<SkBuff> up = xdp.receive(frames, queues.length);
        if (!up.isEmpty()) {
            upper.tell(new DeviceEvent.RxBatch(ifindex, up));
        }
        return this;
    }

    /** ethtool -L/-G/-C: frames of queues that go away are steered again over the new ones. */
    private Behavior<NetDevice.Command> onSetQueues(NetDevice.SetQueues m) {
        rxRing = m.rxRing();
        rxUsecs = m.rxUsecs();
        rxFrames = m.rxFrames();
        List<SkBuff> orphans = new ArrayList<>();
        if (m.channels() != queues.length) {
            RxQueue[] next = new RxQueue[m.channels()];
            for (int i = 0; i < next.length; i++) {
                next[i] = i < queues.length ? queues[i] : newQueue(i);
            }
            for (int i = next.length; i < queues.length; i++) {
                orphans.addAll(queues[i].ring);
                getContext().stop(queues[i].napi);
            }
            queues = next;
            xdp.resize(next.length);
            stats.channels(m.channels());
        }
        for (RxQueue q : queues) {
            q.size = rxRing;
        }
        long now = clock.nanos();
        for (SkBuff skb : orphans) {
            RxQueue q = queues[RxQueue.steer(skb, queues.length)];
            if (!q.offer(skb)) {
                stats.count(DropReason.RING_FULL, 1);
            }
        }
        for (RxQueue q : queues) {
            if (!q.scheduled && !q.ring.isEmpty()) {
                interrupt(q, now);
            }
        }
        return this;
    }

    private Behavior<NetDevice.Command> onSetPeer(ActorRef<NetDevice.Command> p) {
        peer = p;
        p.tell(new NetDevice.PeerState(adminUp));
        xdp.tellNapi(true);
        return updateCarrier();
    }

    private Behavior<NetDevice.Command> onSetAdminUp(boolean up) {
        adminUp = up;
        if (peer != null) {
            peer.tell(new NetDevice.PeerState(up));
        }
        if (!up) {
            for (RxQueue q : queues) {
                stats.count(DropReason.DEV_DOWN, q.flush());
            }
        }
        return updateCarrier();
    }

    private Behavior<NetDevice.Command> updateCarrier() {
        boolean c = adminUp && peerUp && cableUp && peer != null;
        if (c != carrier) {
            carrier = c;
            upper.tell(new DeviceEvent.CarrierChanged(ifindex, c));
        }
        return this;
    }

    /** dev_change_net_namespace: closed, its qdisc destroyed, then listed in the new namespace under a new ifindex. */
    private Behavior<NetDevice.Command> onRehome(NetDevice.Rehome m) {
        onSetAdminUp(false);
        egress.set(null, adminUp); // dev_shutdown: the qdisc does not move with the device

        upper = m.upper();
        ifindex = m.ifindex();
        carrier = false; // the new namespace starts from "no carrier"; it learns changes from here on
        if (peer != null) {
            peer.tell(new NetDevice.PeerMoved(ifindex, m.netns()));
        }
        return this;
    }

    private Behavior<NetDevice.Command> onDestroy(NetDevice.Destroy m) {
        destroyed = true;
        if (peer != null) {
            peer.tell(new NetDevice.PeerDestroyed(m.ackTo(), m.token()));
        } else {
            m.ackTo().tell(new DeviceEvent.VethGone(ifindex, m.token()));
        }
        return Behaviors.stopped();
    }

    /** veth_dellink unregisters both ends: this one tells its namespace, which acknowledges. */
    private Behavior<NetDevice.Command> onPeerDestroyed(NetDevice.PeerDestroyed m) {
        destroyed = true;
        upper.tell(new DeviceEvent.Vanished(ifindex, m.ackTo(), m.token()));
        return Behaviors.stopped();
    }

    /** Stopped without being destroyed (its namespace crashed): the peer loses carrier and keeps its configuration. */
    private Behavior<NetDevice.Command> onPostStop() {
        if (!destroyed && peer != null) {
            peer.tell(NetDevice.PeerGone.INSTANCE);
        }
        return this;
    }

    private Behavior<NetDevice.Command> onGetCounters(ActorRef<NsInbound> replyTo) {
        replyTo.tell(new DeviceEvent.Counters(ifindex,
                stats.snapshot(egress.qdiscStats(), queues, xdp, rxRing, carrier)));
        return this;
    }

    /** What the XDP paths see of this device: its current state, read when they run. */
    private final class XdpView implements VethXdp.Device {
        @Override public int ifindex() { return ifindex; }
        @Override public ActorRef<NsInbound> upper() { return upper; }
        @Override public ActorRef<NetDevice.Command> peer() { return peer; }
        @Override public boolean adminUp() { return adminUp; }
        @Override public boolean carrier() { return carrier; }
        @Override public void sentAround(List<SkBuff> frames, boolean txQueue0) { stats.sentAround(frames, txQueue0); }
    }
}
