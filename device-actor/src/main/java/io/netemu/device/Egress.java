package io.netemu.device;

import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.qdisc.Qdisc;
import io.netemu.device.qdisc.QdiscSpec;
import io.netemu.device.qdisc.QdiscStats;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTimers;
import io.netemu.packet.SkBuff;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The egress side of one {@link NetDevice}: dev_queue_xmit through the root qdisc chain (none:
 * straight out), qdisc_run, the one timer armed for the next head-of-queue deadline, and tc's
 * changes to the chain. What leaves goes to {@code transmit} (veth_xmit, the behaviour's: it
 * needs the link). Plain state of the device actor; the timer fires as {@link NetDevice.QdiscTimer}.
 */
final class Egress {
    /** The handle of a qdisc a lab link gave the device at birth: the namespace numbers it, so any root handle matches it. */
    private static final int LAB_HANDLE = 0xFFFF;

    private final NetTimers timers;
    private final NetClock clock;
    private final ActorRef<NetDevice.Command> self;
    private final long seed;
    private final DeviceStats stats;
    private final Consumer<List<SkBuff>> transmit;
    private Qdisc qdisc;
    private long armedDeadline = Long.MAX_VALUE;
    private NetTimers.Timer armed;

    Egress(NetTimers timers, NetClock clock, ActorRef<NetDevice.Command> self, long seed, NetemConfig netem,
            DeviceStats stats, Consumer<List<SkBuff>> transmit) {
        this.timers = timers;
        this.clock = clock;
        this.self = self;
        this.seed = seed;
        this.stats = stats;
        this.transmit = transmit;
        this.qdisc = netem.isNone() ? null : Qdisc.create(new QdiscSpec(LAB_HANDLE, netem, null), seed);
    }

    /** Whether a qdisc is attached (frames then go through it one by one). */
    boolean hasQdisc() {
        return qdisc != null;
    }

    /** The root qdisc's counters (zero without one). */
    QdiscStats qdiscStats() {
        return qdisc == null ? QdiscStats.ZERO : qdisc.stats();
    }

    /** dev_queue_xmit of frames from the stack (the device is up). */
    void xmit(List<SkBuff> frames) {
        if (qdisc == null) {
            transmit.accept(frames);
            return;
        }
        long now = clock.nanos();
        List<SkBuff> out = new ArrayList<>();
        for (SkBuff skb : frames) {
            // dev_queue_xmit: enqueue (drops are counted by the qdisc, by reason), then qdisc_run
            qdisc.enqueue(skb, now);
            drain(now, out);
        }
        sendAndArm(now, out);
    }

    /** The armed deadline came. */
    void timer() {
        armedDeadline = Long.MAX_VALUE;
        armed = null;
        if (qdisc != null) {
            run(clock.nanos());
        }
    }

    /** Sends what is due and arms one timer for the next head-of-queue deadline. */
    private void run(long now) {
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
            transmit.accept(out);
        }
        long next = qdisc.nextDeadline();
        if (next != Long.MAX_VALUE && next < armedDeadline) {
            if (armed != null) {
                armed.cancel();
            }
            armedDeadline = next;
            armed = timers.schedule(self, NetDevice.QdiscTimer.INSTANCE, Math.max(0, next - now));
        }
    }

    /**
     * tc qdisc replace/change/del on the root ({@code root} null: back to none). A chain of the
     * same kinds and handles is changed in place; otherwise the old one goes with its frames.
     * {@code adminUp}: whether to run the qdisc at once.
     */
    void set(QdiscSpec root, boolean adminUp) {
        if (root == null) {
            // frames still queued are dropped with the qdisc, as qdisc_reset does
            if (qdisc != null) {
                stats.count(DropReason.QDISC_LIMIT, qdisc.qlen());
            }
            qdisc = null;
            return;
        }
        if (qdisc == null || !qdisc.config().kind().equals(root.config().kind())
                || (qdisc.handle() != root.handle() && qdisc.handle() != LAB_HANDLE)) {
            if (qdisc != null) {
                stats.count(DropReason.QDISC_LIMIT, qdisc.qlen());
            }
            qdisc = Qdisc.create(root, seed);
        } else {
            reconcile(qdisc, root, seed);
        }
        if (adminUp) {
            run(clock.nanos()); // a new rate or a removed child may let frames go now
        }
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
                stats.count(DropReason.QDISC_LIMIT, q.graft(null));
            }
        } else if (c != null && c.config().kind().equals(cs.config().kind()) && c.handle() == cs.handle()) {
            reconcile(c, cs, childSeed);
        } else {
            stats.count(DropReason.QDISC_LIMIT, q.graft(Qdisc.create(cs, childSeed)));
        }
    }
}
