package io.netemu.topologies.report;

import io.netemu.device.DeviceCounters;
import io.netemu.device.DeviceEvent;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.device.time.NetTimers;
import io.netemu.topologies.lab.Lab;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Samples every link end's counters on the lab clock while the scenario runs. Each tick asks the
 * lab for the devices that exist now, sends each one {@code GetCounters} (one message per device
 * per tick, all at once) and writes a row when all have answered. A tick that comes while the
 * previous one still waits is skipped and counted, so a loaded lab gets fewer samples rather
 * than a growing queue of reads; a tick that waits longer than {@link #giveUpNanos} (a device
 * that crashed after being asked never answers) is written with the missing devices absent.
 *
 * <p>Replies from a device come to a small forwarder child per link end, which adds the end's
 * slot and a sequence number: a {@code DeviceEvent.Counters} names only the ifindex, which is not
 * unique across namespaces and changes when a device moves.
 */
public final class Sampler extends AbstractBehavior<Sampler.Command> {
    public sealed interface Command {}

    /** The lab's answer: the device of each slot that exists now ({@code 2 * link + side}). */
    public record Devices(List<Slot> devices) implements Command {
        public Devices {
            devices = List.copyOf(devices);
        }
    }

    public record Slot(int slot, ActorRef<NetDevice.Command> device) {}

    /** Stop sampling: the scenario ended; the telemetry goes to {@code replyTo}. */
    public record Finish(ActorRef<Telemetry> replyTo) implements Command {}

    enum Tick implements Command { INSTANCE }

    record Answer(int slot, long forwarder, long seq, DeviceCounters counters) implements Command {}

    private final ActorRef<Devices> self;
    /** Sends the lab the question "which devices exist now?", answered to the given ref. */
    private final Consumer<ActorRef<Devices>> askLab;
    private final NetClock clock;
    private final NetTimers timers;
    private final long origin;
    private final long intervalNanos;
    private final long giveUpNanos;
    private final SeriesRecorder rec;
    private final ActorRef<NetDevice.Command>[] device;
    private final ActorRef<NsInbound>[] forwarder;
    private final long[] forwarderId;
    private final long[] sent;
    private final long[] sentRow;
    private long nextForwarder;
    private long ticks;
    private int skipped;
    /** The row being collected: its answers (null: not in), when its tick fired, how many are still out. */
    private DeviceCounters[] pending;
    private long pendingAt;
    private int waiting;

    @SuppressWarnings("unchecked")
    private Sampler(ActorContext<Command> ctx, Lab lab, long intervalNanos, long origin, Consumer<ActorRef<Devices>> askLab) {
        super(ctx);
        NetTime time = NetTime.get(ctx.getSystem());
        this.clock = time.clock();
        this.timers = time.timers();
        this.origin = origin;
        this.intervalNanos = intervalNanos;
        this.giveUpNanos = Math.max(3 * intervalNanos, 500_000_000L);
        this.self = ctx.getSelf().narrow();
        this.askLab = askLab;
        long lastStep = lab.steps().stream().mapToLong(s -> s.atNanos()).max().orElse(0);
        this.rec = new SeriesRecorder(lab, intervalNanos / 1_000_000, (int) ((lastStep + 10_000_000_000L) / intervalNanos));
        int slots = rec.slots();
        this.device = new ActorRef[slots];
        this.forwarder = new ActorRef[slots];
        this.forwarderId = new long[slots];
        this.sent = new long[slots];
        this.sentRow = new long[slots];
    }

    /**
     * A sampler of {@code lab}'s link ends every {@code intervalNanos}, from {@code origin} on the
     * lab clock; {@code request} makes the message that asks {@code labActor} for the devices.
     */
    public static <T> Behavior<Command> create(Lab lab, long intervalNanos, long origin, ActorRef<T> labActor,
                                               Function<ActorRef<Devices>, T> request) {
        if (intervalNanos < 1_000_000) {
            throw new IllegalArgumentException("sampling interval below 1 ms: " + intervalNanos + " ns");
        }
        return Behaviors.setup(ctx -> {
            Sampler s = new Sampler(ctx, lab, intervalNanos, origin, r -> labActor.tell(request.apply(r)));
            ctx.getSelf().tell(Tick.INSTANCE); // the first sample: the counters at the end of boot
            return s;
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(Devices.class, this::onDevices)
                .onMessage(Answer.class, this::onAnswer)
                .onMessage(Finish.class, this::onFinish)
                .build();
    }

    private Behavior<Command> onTick() {
        long now = clock.nanos();
        // the next tick at the next multiple of the interval: no drift however late this one ran
        long next = origin + (++ticks) * intervalNanos;
        while (next <= now) {
            next = origin + (++ticks) * intervalNanos;
            skipped++; // the tick that should have fired meanwhile
        }
        timers.schedule(getContext().getSelf(), Tick.INSTANCE, next - now);
        if (pending != null) {
            if (now - pendingAt < giveUpNanos) {
                skipped++;
                return this;
            }
            writeRow();
        }
        pending = new DeviceCounters[rec.slots()];
        pendingAt = now;
        waiting = -1; // until the lab says which devices exist
        askLab.accept(self);
        return this;
    }

    private Behavior<Command> onDevices(Devices d) {
        if (pending == null || waiting != -1) {
            return this; // a late answer for a row already written
        }
        waiting = 0;
        long row = rec.rows();
        for (Slot s : d.devices()) {
            int i = s.slot();
            if (!s.device().equals(device[i])) {
                newForwarder(i, s.device());
            }
            sent[i]++;
            sentRow[i] = row;
            waiting++;
            s.device().tell(new NetDevice.GetCounters(forwarder[i]));
        }
        if (waiting == 0) {
            writeRow();
        }
        return this;
    }

    /** A device of this slot appeared (boot, restart): its own forwarder, so an old device's late answers are told apart. */
    private void newForwarder(int slot, ActorRef<NetDevice.Command> dev) {
        if (forwarder[slot] != null) {
            getContext().stop(forwarder[slot]);
        }
        device[slot] = dev;
        long id = ++nextForwarder;
        forwarderId[slot] = id;
        sent[slot] = 0;
        ActorRef<Command> parent = getContext().getSelf();
        forwarder[slot] = getContext().spawnAnonymous(Behaviors.setup(c -> {
            long[] seq = {0};
            return Behaviors.receiveMessage((NsInbound m) -> {
                if (m instanceof DeviceEvent.Counters counters) {
                    parent.tell(new Answer(slot, id, ++seq[0], counters.counters()));
                }
                return Behaviors.same();
            });
        }));
    }

    private Behavior<Command> onAnswer(Answer a) {
        int i = a.slot();
        if (pending == null || waiting <= 0 || a.forwarder() != forwarderId[i] || a.seq() != sent[i]
                || sentRow[i] != rec.rows() || pending[i] != null) {
            return this; // an answer to a request of a row written without it
        }
        pending[i] = a.counters();
        if (--waiting == 0) {
            writeRow();
        }
        return this;
    }

    private void writeRow() {
        rec.row((pendingAt - origin) / 1_000_000, pending);
        pending = null;
        waiting = 0;
    }

    private Behavior<Command> onFinish(Finish f) {
        if (pending != null) {
            skipped++; // its answers are not all in: no half row at the end
        }
        f.replyTo().tell(rec.build(skipped));
        return Behaviors.stopped();
    }
}
