package io.netemu.device;

import io.netemu.device.capture.Direction;
import io.netemu.device.capture.Taps;
import io.netemu.device.qdisc.Qdisc;
import io.netemu.device.qdisc.QdiscSpec;
import io.netemu.device.qdisc.QdiscStats;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.device.time.NetTimers;
import io.netemu.device.xdp.XdpCounters;
import io.netemu.device.xdp.XdpFibs;
import io.netemu.device.xdp.XdpPrograms;
import io.netemu.device.xdp.VethNapi;
import io.netemu.device.xdp.XdpSource;
import io.netemu.device.xdp.XdpStage;
import io.netemu.ebpf.xdp.XdpHook;
import io.netemu.packet.SkBuff;
import io.netemu.packet.rss.RssSteering;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** The state and transitions of one {@link NetDevice} (veth_xmit, netif_rx, napi_poll). */
final class NetDeviceBehavior extends AbstractBehavior<NetDevice.Command> {
    private static final int ETH_HLEN = 14;
    private static final int EOPNOTSUPP = 95;
    /** The handle of a qdisc a lab link gave the device at birth: the namespace numbers it, so any root handle matches it. */
    private static final int LAB_HANDLE = 0xFFFF;

    private final NetTimers timers;
    private final NetClock clock;
    private ActorRef<NsInbound> upper;
    private int ifindex;
    /** Set when the device leaves on purpose (destroyed): its peer is told so, not that it crashed. */
    private boolean destroyed;
    private final long seed;
    /** The rx queues (channels), each with its ring and NAPI poller. */
    private RxQueue[] queues;
    private long[] txQueuePackets = new long[1];
    private long[] txQueueBytes = new long[1];
    private int rxRing;
    private int rxUsecs;
    private int rxFrames;
    private int budget = 300;
    private long budgetNanos = 8_000_000L;
    private int spawnedPollers;
    private final EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);

    private ActorRef<NetDevice.Command> peer;
    private boolean adminUp;
    private boolean peerUp;
    private boolean cableUp = true;
    private boolean carrier;
    private int mtu;
    private int weight;
    private Qdisc qdisc;
    /** The attached XDP program, or null. */
    private XdpStage xdp;
    /** Counters of frames redirected here by other devices' programs, kept when no program is attached here. */
    private long xdpXmit;
    private long xdpXmitErrors;
    /** NAPI for ndo_xdp_xmit, ours and the peer's; redirects of ours that failed further on (RX dropped). */
    private final VethNapi napi = new VethNapi();
    private long xdpRedirectDrops;
    private long armedDeadline = Long.MAX_VALUE;
    private NetTimers.Timer armed;

    /** Packet sockets bound to this device (ptype_all). */
    private final Taps taps = new Taps();

    private long rxPackets;
    private long rxBytes;
    private long txPackets;
    private long txBytes;

    NetDeviceBehavior(ActorContext<NetDevice.Command> ctx, NetDevice.Config config, ActorRef<NsInbound> upper) {
        super(ctx);
        NetTime time = NetTime.get(ctx.getSystem());
        this.timers = time.timers();
        this.clock = time.clock();
        this.upper = upper;
        this.ifindex = config.ifindex();
        this.seed = config.seed();
        this.mtu = config.mtu();
        this.rxRing = config.ringSize();
        this.weight = config.weight();
        this.qdisc = config.netem().isNone() ? null : Qdisc.create(new QdiscSpec(LAB_HANDLE, config.netem(), null), seed);
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
                .onMessageEquals(NetDevice.QdiscTimer.INSTANCE, this::onQdiscTimer)
                .onMessage(NetDevice.SetPeer.class, m -> onSetPeer(m.peer()))
                .onMessage(NetDevice.PeerState.class, m -> { peerUp = m.up(); return updateCarrier(); })
                .onMessage(NetDevice.SetAdminUp.class, m -> onSetAdminUp(m.up()))
                .onMessageEquals(NetDevice.PeerGone.INSTANCE, () -> { peer = null; peerUp = false; return updateCarrier(); })
                .onMessage(NetDevice.SetMtu.class, m -> { mtu = m.mtu(); return this; })
                .onMessage(NetDevice.SetCable.class, m -> { cableUp = m.up(); return updateCarrier(); })
                .onMessage(NetDevice.SetQdisc.class, m -> onSetQdisc(m.root()))
                .onMessage(NetDevice.SetWeight.class, m -> { weight = m.weight(); return this; })
                .onMessage(NetDevice.SetXdp.class, this::onSetXdp)
                .onMessage(NetDevice.XdpXmit.class, m -> onXdpXmit(m.frames(), m.from()))
                .onMessage(NetDevice.XdpReceive.class, m -> onXdpReceive(m.frames()))
                .onMessage(NetDevice.SetGro.class, m -> { napi.gro(m.on()); return tellNapi(false); })
                .onMessage(NetDevice.PeerNapi.class, m -> { napi.peerNapi(m); return this; })
                .onMessage(NetDevice.XdpRedirectFailed.class, m -> {
                    if (xdp != null && xdp.redirectFailed(m.queue(), m.frames()) && m.queue() < queues.length) {
                        queues[m.queue()].drops += m.frames();
                        xdpRedirectDrops += m.frames();
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
            count(DropReason.DEV_DOWN, frames.size());
            return this;
        }
        if (qdisc == null) {
            transmit(frames);
            return this;
        }
        long now = clock.nanos();
        List<SkBuff> out = new ArrayList<>();
        for (SkBuff skb : frames) {
            // dev_queue_xmit: enqueue (drops are counted by the qdisc, by reason), then qdisc_run
            qdisc.enqueue(skb, now);
            drain(now, out);
        }
        sendAndArm(now, out);
        return this;
    }

    private Behavior<NetDevice.Command> onQdiscTimer() {
        armedDeadline = Long.MAX_VALUE;
        armed = null;
        if (qdisc != null) {
            runQdisc(clock.nanos());
        }
        return this;
    }

    /** Sends what is due and arms one timer for the next head-of-queue deadline. */
    private void runQdisc(long now) {
        List<SkBuff> out = new ArrayList<>();
        drain(now, out);
        sendAndArm(now, out);
    }

    /** qdisc_restart until the qdisc has nothing it lets go now. */
    private void drain(long now, List<SkBuff> out) {
        for (SkBuff skb = qdisc.dequeue(now); skb != null; skb = qdisc.dequeue(now)) {
            out.add(skb);
        }
    }

    private void sendAndArm(long now, List<SkBuff> out) {
        if (!out.isEmpty()) {
            transmit(out);
        }
        long next = qdisc.nextDeadline();
        if (next != Long.MAX_VALUE && next < armedDeadline) {
            if (armed != null) {
                armed.cancel();
            }
            armedDeadline = next;
            armed = timers.schedule(getContext().getSelf(), NetDevice.QdiscTimer.INSTANCE, Math.max(0, next - now));
        }
    }

    /** veth_xmit: hand frames to the peer, or drop them when there is no carrier. */
    private void transmit(List<SkBuff> frames) {
        if (!carrier || peer == null) {
            count(DropReason.NO_CARRIER, frames.size());
            return;
        }
        int n = txQueuePackets.length;
        int hdr = napi.peerXdp() ? ETH_HLEN : 0; // counted by the peer's NAPI, after eth_type_trans
        for (SkBuff skb : frames) {
            txBytes += Math.max(0, skb.len() - hdr);
            int tq = queueOf(skb, n);
            txQueuePackets[tq]++;
            txQueueBytes[tq] += skb.len();
        }
        txPackets += frames.size();
        if (!taps.isEmpty()) { // dev_queue_xmit_nit: after the qdisc, as the frames leave
            frames = taps.deliver(ifindex, Direction.OUT, clock.nanos(), frames);
        }
        peer.tell(new NetDevice.Receive(frames));
    }

    private RxQueue newQueue(int index) {
        ActorRef<NapiPoller.Command> napi = getContext().spawn(NapiPoller.create(), "napi-rx-" + index + "-" + (spawnedPollers++));
        return new RxQueue(index, rxRing, napi);
    }

    /** The queue RSS steers a frame to (queue 0 when there is one: no hash computed). */
    private int queueOf(SkBuff skb, int n) {
        return n == 1 ? 0 : RssSteering.queue(RssSteering.hash(skb), n);
    }

    /** Frames from the peer into their rx queues' rings; each queue raises its interrupt as coalescing says. */
    private Behavior<NetDevice.Command> onReceive(List<SkBuff> frames) {
        if (!adminUp || !carrier) {
            count(adminUp ? DropReason.NO_CARRIER : DropReason.DEV_DOWN, frames.size());
            return this;
        }
        int maxLen = mtu + ETH_HLEN;
        int n = queues.length;
        long now = -1;
        for (SkBuff skb : frames) {
            if (skb.len() > maxLen) {
                count(DropReason.PKT_TOO_BIG, 1);
                continue;
            }
            RxQueue q = queues[queueOf(skb, n)];
            if (!q.offer(skb)) {
                count(DropReason.RING_FULL, 1);
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
            int hdr = xdp != null && xdp.attached() && xdp.counts() ? ETH_HLEN : 0;
            for (SkBuff skb : batch) {
                rxBytes += Math.max(0, skb.len() - hdr);
            }
            rxPackets += batch.size();
            if (xdp != null && xdp.attached()) {
                batch = runXdp(q.index, batch);
            }
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

    /**
     * The program's verdicts for one polled batch: passed frames go on up; XDP_TX frames back to
     * the peer (counted as tx errors without one); redirected ones to the namespace, which knows
     * the target device; trace lines to the namespace's trace pipe.
     */
    private List<SkBuff> runXdp(int queue, List<SkBuff> batch) {
        return runXdp(queue, batch, false);
    }

    private List<SkBuff> runXdp(int queue, List<SkBuff> batch, boolean xdpFrames) {
        XdpStage.Verdicts out = new XdpStage.Verdicts();
        List<SkBuff> pass = xdp.run(batch, ifindex, queue, out, xdpFrames);
        if (!out.tx.isEmpty()) {
            if (peer != null && carrier) {
                for (SkBuff skb : out.tx) {
                    txBytes += skb.len();
                }
                txPackets += out.tx.size();
                peer.tell(new NetDevice.Receive(List.copyOf(out.tx)));
            } else {
                xdp.txErrors(queue, out.tx.size());
            }
        }
        for (var e : out.redirect.entrySet()) {
            upper.tell(new DeviceEvent.XdpRedirect(ifindex, e.getKey().ifindex(), e.getKey().netns(),
                    List.copyOf(e.getValue()), new XdpSource(upper, ifindex, queue, xdp.counts())));
        }
        if (!out.trace.isEmpty()) {
            upper.tell(new DeviceEvent.XdpTrace(ifindex, List.copyOf(out.trace)));
        }
        return pass;
    }

    /** ip link set dev X xdp obj ... / xdp off: a fresh runner per attachment; veth's rq counters go on. */
    private Behavior<NetDevice.Command> onSetXdp(NetDevice.SetXdp m) {
        XdpHook hook = m.progId() == 0 ? null : XdpPrograms.get(getContext().getSystem()).attach(m.progId());
        if (xdp == null && hook != null) {
            xdp = new XdpStage(clock, seed, queues.length, XdpFibs.get(getContext().getSystem()).reader(() -> upper));
        }
        if (xdp != null) {
            xdp.attach(hook, m.mode());
        }
        napi.xdp(hook != null && m.mode() == io.netemu.device.xdp.XdpMode.DRV);
        return tellNapi(false);
    }

    /** veth_set_xdp_features on the peer: it learns whether this end now runs NAPI. */
    private Behavior<NetDevice.Command> tellNapi(boolean always) {
        NetDevice.PeerNapi news = napi.news(always);
        if (news != null && peer != null) {
            peer.tell(news);
        }
        return this;
    }

    /** ndo_xdp_xmit frames from the peer: veth_xdp_rcv counts them whole and runs a native program on them. */
    private Behavior<NetDevice.Command> onXdpReceive(List<SkBuff> frames) {
        if (!adminUp) {
            count(DropReason.DEV_DOWN, frames.size());
            return this;
        }
        if (xdp == null) {
            xdp = new XdpStage(clock, seed, queues.length, XdpFibs.get(getContext().getSystem()).reader(() -> upper));
        }
        for (SkBuff skb : frames) {
            rxBytes += skb.len();
        }
        rxPackets += frames.size();
        List<SkBuff> up = frames;
        if (xdp.attached() && xdp.counts()) {
            up = runXdp(0, frames, true);
        } else {
            xdp.received(0, frames);
            if (xdp.attached()) {
                up = runXdp(0, frames, false); // generic XDP runs on the skb veth made of the frame
            }
        }
        if (!up.isEmpty()) {
            upper.tell(new DeviceEvent.RxBatch(ifindex, up));
        }
        return this;
    }

    /**
     * ndo_xdp_xmit: straight to the peer, no qdisc; a device that cannot send counts the frames as
     * xmit errors. Native redirects need NAPI on the peer (see {@link VethNapi}): without it the
     * redirect fails back on the source, as xdp_do_redirect fails there on Linux.
     */
    private Behavior<NetDevice.Command> onXdpXmit(List<SkBuff> frames, XdpSource from) {
        if (from != null && from.ndo() && !napi.peerNapi()) {
            from.netns().tell(new DeviceEvent.XdpRedirectFailed(from.ifindex(), from.queue(), ifindex, frames.size(),
                    EOPNOTSUPP));
            return this;
        }
        if (adminUp && carrier && peer != null) {
            for (SkBuff skb : frames) {
                txBytes += skb.len();
            }
            txPackets += frames.size();
            txQueuePackets[0] += frames.size();
            xdpXmit += frames.size();
            peer.tell(from != null && from.ndo() ? new NetDevice.XdpReceive(frames) : new NetDevice.Receive(frames));
        } else {
            xdpXmitErrors += frames.size();
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
            if (xdp != null) {
                xdp.resize(next.length);
            }
            txQueuePackets = java.util.Arrays.copyOf(txQueuePackets, m.channels());
            txQueueBytes = java.util.Arrays.copyOf(txQueueBytes, m.channels());
        }
        for (RxQueue q : queues) {
            q.size = rxRing;
        }
        long now = clock.nanos();
        for (SkBuff skb : orphans) {
            RxQueue q = queues[queueOf(skb, queues.length)];
            if (!q.offer(skb)) {
                count(DropReason.RING_FULL, 1);
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
        tellNapi(true);
        return updateCarrier();
    }

    private Behavior<NetDevice.Command> onSetAdminUp(boolean up) {
        adminUp = up;
        if (peer != null) {
            peer.tell(new NetDevice.PeerState(up));
        }
        if (!up) {
            for (RxQueue q : queues) {
                count(DropReason.DEV_DOWN, q.flush());
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

    private Behavior<NetDevice.Command> onSetQdisc(QdiscSpec root) {
        if (root == null) {
            // frames still queued are dropped with the qdisc, as qdisc_reset does
            if (qdisc != null) {
                count(DropReason.QDISC_LIMIT, qdisc.qlen());
            }
            qdisc = null;
            return this;
        }
        if (qdisc == null || !qdisc.config().kind().equals(root.config().kind())
                || (qdisc.handle() != root.handle() && qdisc.handle() != LAB_HANDLE)) {
            if (qdisc != null) {
                count(DropReason.QDISC_LIMIT, qdisc.qlen());
            }
            qdisc = Qdisc.create(root, seed);
        } else {
            reconcile(qdisc, root, seed);
        }
        if (adminUp) {
            runQdisc(clock.nanos()); // a new rate or a removed child may let frames go now
        }
        return this;
    }

    /** {@code q} (of {@code spec}'s kind) takes {@code spec}'s parameters and children; replaced children drop their frames. */
    private void reconcile(Qdisc q, QdiscSpec spec, long s) {
        if (!q.config().equals(spec.config())) {
            q.change(spec.config());
        }
        QdiscSpec cs = spec.child();
        Qdisc c = q.child();
        long childSeed = s * 31 + (cs == null ? 0 : cs.handle());
        if (cs == null) {
            if (c != null) {
                count(DropReason.QDISC_LIMIT, q.graft(null));
            }
        } else if (c != null && c.config().kind().equals(cs.config().kind()) && c.handle() == cs.handle()) {
            reconcile(c, cs, childSeed);
        } else {
            count(DropReason.QDISC_LIMIT, q.graft(Qdisc.create(cs, childSeed)));
        }
    }

    /** dev_change_net_namespace: closed, its qdisc destroyed, then listed in the new namespace under a new ifindex. */
    private Behavior<NetDevice.Command> onRehome(NetDevice.Rehome m) {
        onSetAdminUp(false);
        onSetQdisc(null); // dev_shutdown: the qdisc does not move with the device

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
        EnumMap<DropReason, Long> all = new EnumMap<>(drops);
        QdiscStats q = qdisc == null ? QdiscStats.ZERO : qdisc.stats();
        if (q.treeLossDrops() > 0) {
            all.merge(DropReason.QDISC_LOSS, q.treeLossDrops(), Long::sum);
        }
        if (q.treeLimitDrops() > 0) {
            all.merge(DropReason.QDISC_LIMIT, q.treeLimitDrops(), Long::sum);
        }
        long rxDropped = drops.getOrDefault(DropReason.PKT_TOO_BIG, 0L) + drops.getOrDefault(DropReason.DEV_DOWN, 0L)
                + xdpRedirectDrops;
        long rxMissed = drops.getOrDefault(DropReason.RING_FULL, 0L);
        List<QueueCounters> perQueue = new ArrayList<>(queues.length);
        long napiPolls = 0;
        for (RxQueue rq : queues) {
            XdpCounters x = xdp == null ? XdpCounters.ZERO : xdp.counters(rq.index);
            if (rq.index == 0 && (xdpXmit | xdpXmitErrors) != 0) {
                x = new XdpCounters(x.packets(), x.bytes(), x.redirect(), x.drops(), x.tx(), x.txErrors(),
                        xdpXmit, xdpXmitErrors);
            }
            perQueue.add(rq.counters(txQueuePackets[rq.index], txQueueBytes[rq.index], x));
            napiPolls += rq.polls;
        }
        long txDropped = drops.getOrDefault(DropReason.NO_CARRIER, 0L);
        replyTo.tell(new DeviceEvent.Counters(ifindex, new DeviceCounters(rxPackets, rxBytes, rxDropped, rxMissed,
                txPackets, txBytes, txDropped, java.util.Map.copyOf(all), q, napiPolls, rxRing, carrier,
                List.copyOf(perQueue))));
        return this;
    }

    private void count(DropReason r, long n) {
        if (n > 0) {
            drops.merge(r, n, Long::sum);
        }
    }
}
