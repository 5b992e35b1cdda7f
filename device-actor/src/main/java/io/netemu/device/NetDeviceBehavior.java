package io.netemu.device;

import io.netemu.device.qdisc.Netem;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.qdisc.QdiscStats;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.device.time.NetTimers;
import io.netemu.packet.SkBuff;
import java.util.ArrayDeque;
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

    private final NetTimers timers;
    private final NetClock clock;
    private ActorRef<NsInbound> upper;
    private final ActorRef<NapiPoller.Command> napi;
    private int ifindex;
    /** Set when the device leaves on purpose (destroyed): its peer is told so, not that it crashed. */
    private boolean destroyed;
    private final long seed;
    private final int ringSize;
    private final ArrayDeque<SkBuff> ring = new ArrayDeque<>();
    private final EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);

    private ActorRef<NetDevice.Command> peer;
    private boolean adminUp;
    private boolean peerUp;
    private boolean cableUp = true;
    private boolean carrier;
    private int mtu;
    private int weight;
    private Netem qdisc;
    private long armedDeadline = Long.MAX_VALUE;
    private NetTimers.Timer armed;
    private boolean napiScheduled;

    private long rxPackets;
    private long rxBytes;
    private long txPackets;
    private long txBytes;
    private long napiPolls;

    NetDeviceBehavior(ActorContext<NetDevice.Command> ctx, NetDevice.Config config, ActorRef<NsInbound> upper) {
        super(ctx);
        NetTime time = NetTime.get(ctx.getSystem());
        this.timers = time.timers();
        this.clock = time.clock();
        this.upper = upper;
        this.ifindex = config.ifindex();
        this.seed = config.seed();
        this.mtu = config.mtu();
        this.ringSize = config.ringSize();
        this.weight = config.weight();
        this.qdisc = config.netem().isNone() ? null : new Netem(config.netem(), seed);
        this.napi = ctx.spawn(NapiPoller.create(), "napi-rx-0");
    }

    @Override
    public Receive<NetDevice.Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(NetDevice.Xmit.class, m -> onXmit(m.frames()))
                .onMessage(NetDevice.Receive.class, m -> onReceive(m.frames()))
                .onMessage(NetDevice.Poll.class, m -> onPoll(m.budget()))
                .onMessageEquals(NetDevice.QdiscTimer.INSTANCE, this::onQdiscTimer)
                .onMessage(NetDevice.SetPeer.class, m -> onSetPeer(m.peer()))
                .onMessage(NetDevice.PeerState.class, m -> { peerUp = m.up(); return updateCarrier(); })
                .onMessage(NetDevice.SetAdminUp.class, m -> onSetAdminUp(m.up()))
                .onMessageEquals(NetDevice.PeerGone.INSTANCE, () -> { peer = null; peerUp = false; return updateCarrier(); })
                .onMessage(NetDevice.SetMtu.class, m -> { mtu = m.mtu(); return this; })
                .onMessage(NetDevice.SetCable.class, m -> { cableUp = m.up(); return updateCarrier(); })
                .onMessage(NetDevice.SetQdisc.class, m -> onSetQdisc(m.netem()))
                .onMessage(NetDevice.SetWeight.class, m -> { weight = m.weight(); return this; })
                .onMessage(NetDevice.GetCounters.class, m -> onGetCounters(m.replyTo()))
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
        for (SkBuff skb : frames) {
            if (!qdisc.enqueue(skb, now)) {
                continue; // counted by the qdisc, by reason
            }
        }
        runQdisc(now);
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
        List<SkBuff> due = qdisc.dequeue(now);
        if (!due.isEmpty()) {
            transmit(due);
        }
        long next = qdisc.nextDeadline();
        if (next != Long.MAX_VALUE && next < armedDeadline) {
            if (armed != null) {
                armed.cancel();
            }
            armedDeadline = next;
            armed = timers.schedule(getContext().getSelf(), NetDevice.QdiscTimer.INSTANCE, next - now);
        }
    }

    /** veth_xmit: hand frames to the peer, or drop them when there is no carrier. */
    private void transmit(List<SkBuff> frames) {
        if (!carrier || peer == null) {
            count(DropReason.NO_CARRIER, frames.size());
            return;
        }
        for (SkBuff skb : frames) {
            txBytes += skb.len();
        }
        txPackets += frames.size();
        peer.tell(new NetDevice.Receive(frames));
    }

    /** netif_rx into the ring; the first frame of a burst schedules NAPI. */
    private Behavior<NetDevice.Command> onReceive(List<SkBuff> frames) {
        if (!adminUp || !carrier) {
            count(adminUp ? DropReason.NO_CARRIER : DropReason.DEV_DOWN, frames.size());
            return this;
        }
        int maxLen = mtu + ETH_HLEN;
        for (SkBuff skb : frames) {
            if (skb.len() > maxLen) {
                count(DropReason.PKT_TOO_BIG, 1);
            } else if (ring.size() >= ringSize) {
                count(DropReason.RING_FULL, 1);
            } else {
                ring.add(skb);
            }
        }
        scheduleNapi();
        return this;
    }

    private void scheduleNapi() {
        if (!napiScheduled && !ring.isEmpty()) {
            napiScheduled = true;
            napi.tell(new NapiPoller.Schedule(getContext().getSelf(), weight));
        }
    }

    /** napi_poll: at most {@code budget} frames up as one batch; schedule again while work remains. */
    private Behavior<NetDevice.Command> onPoll(int budget) {
        napiScheduled = false;
        napiPolls++;
        int n = Math.min(budget, ring.size());
        if (n > 0) {
            List<SkBuff> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                SkBuff skb = ring.poll();
                rxBytes += skb.len();
                batch.add(skb);
            }
            rxPackets += n;
            upper.tell(new DeviceEvent.RxBatch(ifindex, batch));
        }
        scheduleNapi();
        return this;
    }

    private Behavior<NetDevice.Command> onSetPeer(ActorRef<NetDevice.Command> p) {
        peer = p;
        p.tell(new NetDevice.PeerState(adminUp));
        return updateCarrier();
    }

    private Behavior<NetDevice.Command> onSetAdminUp(boolean up) {
        adminUp = up;
        if (peer != null) {
            peer.tell(new NetDevice.PeerState(up));
        }
        if (!up) {
            count(DropReason.DEV_DOWN, ring.size());
            ring.clear();
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

    private Behavior<NetDevice.Command> onSetQdisc(NetemConfig cfg) {
        // frames still queued in the old qdisc are dropped with it, as qdisc_reset does
        if (qdisc != null) {
            count(DropReason.QDISC_LIMIT, qdisc.backlogPackets());
        }
        qdisc = cfg.isNone() ? null : new Netem(cfg, seed);
        return this;
    }

    /** dev_change_net_namespace: closed, then listed in the new namespace under a new ifindex. */
    private Behavior<NetDevice.Command> onRehome(NetDevice.Rehome m) {
        onSetAdminUp(false);
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
        if (q.lossDrops() > 0) {
            all.merge(DropReason.QDISC_LOSS, q.lossDrops(), Long::sum);
        }
        if (q.limitDrops() > 0) {
            all.merge(DropReason.QDISC_LIMIT, q.limitDrops(), Long::sum);
        }
        long rxDropped = drops.getOrDefault(DropReason.PKT_TOO_BIG, 0L) + drops.getOrDefault(DropReason.DEV_DOWN, 0L);
        long rxMissed = drops.getOrDefault(DropReason.RING_FULL, 0L);
        long txDropped = drops.getOrDefault(DropReason.NO_CARRIER, 0L);
        replyTo.tell(new DeviceEvent.Counters(ifindex, new DeviceCounters(rxPackets, rxBytes, rxDropped, rxMissed,
                txPackets, txBytes, txDropped, java.util.Map.copyOf(all), q, napiPolls, ringSize, carrier)));
        return this;
    }

    private void count(DropReason r, long n) {
        if (n > 0) {
            drops.merge(r, n, Long::sum);
        }
    }
}
