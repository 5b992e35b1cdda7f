package io.netemu.cluster.link;

import io.netemu.device.NetDevice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * This JVM's end of the links to other members: everything the veth ends here send to peers on
 * another member passes through it, batched per destination member (one message carries the
 * frames of many links), and everything other members send here is handed to the veth ends.
 * A link's entries leave and arrive in the order its end sent them, so per-link order holds.
 * A partition ({@link SetCut}) drops what would cross it, counted, as a cut cable would.
 *
 * <p>Flow: each destination has a {@link LinkQueue}; at most {@link LinkSettings#window()}
 * batches are in flight, each acknowledged by the receiver ({@link Ack}). While the window is
 * full, entries wait and go out together in the next batch (up to the caps in entries and
 * bytes: a batch must fit Artery's maximum-frame-size), so a busy link sends few large messages
 * and an idle one adds no delay. Frames that find more than max-pending-bytes waiting are
 * dropped and counted (overflow), as a full transmit queue drops; control messages (carrier,
 * teardown) always wait their turn.
 */
public final class MemberLinks extends AbstractBehavior<MemberLinks.Command> {
    /** The actor's name under /system on every member, so a member can address another's. */
    public static final String NAME = "netemu-member-links";

    public sealed interface Command {}

    /** From a stand-in peer: {@code cmd} for link {@code link} (numbered by this JVM) towards {@code to}. */
    record Out(String to, long link, ActorRef<NetDevice.Command> target, NetDevice.Command cmd) implements Command {}

    /** Send what is pending for member {@code to}, as far as the window allows. */
    record Flush(String to) implements Command {}

    /**
     * Another member's batch number {@code seq} (from 1; 0: not acknowledged), to be acknowledged
     * to {@code replyTo}. Target is set on a link's first entry only.
     */
    public record Batch(long origin, long seq, ActorRef<Command> replyTo, List<Entry> entries) implements Command {}

    public record Entry(long link, ActorRef<NetDevice.Command> target, NetDevice.Command cmd) {}

    /** Member {@code from} (its address) received our batches up to {@code seq}. */
    public record Ack(String from, long seq) implements Command {}

    /** No ack from {@code to} within the ack timeout. */
    record AckTimeout(String to) implements Command {}

    /** Drop, from now on, every frame bound for these members (addresses as {@code pekko://netemu@host:port}). */
    public record SetCut(List<String> members, ActorRef<Stats> replyTo) implements Command {}

    public record GetStats(ActorRef<Stats> replyTo) implements Command {}

    /**
     * What crossed this member's links: entries, frames, frame bytes (from the Ethernet header)
     * and batches out, entries and batches in; frames dropped at a partition, entries for links
     * this member does not know (their first entry was lost), frames dropped because too much
     * waited for their destination (overflow); windows reopened after a missing ack.
     */
    public record Stats(String member, long entriesOut, long batchesOut, long framesOut, long bytesOut, long entriesIn,
                        long batchesIn, long droppedPartition, long droppedUnknown, long droppedOverflow, long ackTimeouts,
                        List<String> cut) {}

    static Behavior<Command> create(long origin) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new MemberLinks(ctx, timers, origin,
                LinkSettings.from(ctx.getSystem().settings().config()))));
    }

    private final long origin;
    private final LinkSettings settings;
    private final TimerScheduler<Command> timers;
    private final String self;
    private final ActorRefResolver resolver;
    private final Map<String, LinkQueue> queues = new HashMap<>();
    private final Map<String, ActorRef<Command>> remotes = new HashMap<>();
    private final Map<Long, Map<Long, ActorRef<NetDevice.Command>>> targets = new HashMap<>();
    private Set<String> cut = Set.of();
    private long entriesOut;
    private long batchesOut;
    private long framesOut;
    private long bytesOut;
    private long entriesIn;
    private long batchesIn;
    private long droppedPartition;
    private long droppedUnknown;
    private long droppedOverflow;
    private long ackTimeouts;

    private MemberLinks(ActorContext<Command> ctx, TimerScheduler<Command> timers, long origin, LinkSettings settings) {
        super(ctx);
        this.origin = origin;
        this.settings = settings;
        this.timers = timers;
        this.self = ctx.getSystem().address().toString();
        this.resolver = ActorRefResolver.get(ctx.getSystem());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Out.class, this::onOut)
                .onMessage(Flush.class, f -> { onFlush(f.to()); return this; })
                .onMessage(Batch.class, this::onBatch)
                .onMessage(Ack.class, this::onAck)
                .onMessage(AckTimeout.class, this::onAckTimeout)
                .onMessage(SetCut.class, m -> { cut = Set.copyOf(m.members()); m.replyTo().tell(stats()); return this; })
                .onMessage(GetStats.class, m -> { m.replyTo().tell(stats()); return this; })
                .build();
    }

    private Behavior<Command> onOut(Out m) {
        LinkQueue q = queues.computeIfAbsent(m.to(), k -> new LinkQueue());
        int frames = frameCount(m.cmd());
        NetDevice.Command cmd = m.cmd();
        if (frames > 0 && cut.contains(m.to())) {
            // frames are lost at a partition; carrier and teardown messages are the emulator's
            // own bookkeeping and still pass, so both ends agree on the link's state after a heal
            droppedPartition += frames;
            cmd = null;
        } else if (frames > 0 && q.bytes() >= settings.maxPendingBytes()) {
            droppedOverflow += frames;
            cmd = null;
        }
        if (cmd == null && m.target() == null) {
            return this;
        }
        Entry e = new Entry(m.link(), m.target(), cmd); // a dropped first entry still names the target
        for (LinkQueue.Pending p : LinkQueue.split(e, settings.maxBatchBytes())) {
            q.add(p);
        }
        if (cmd != null) {
            framesOut += frames;
            bytesOut += frameBytes(cmd);
        }
        if (q.inFlight() < settings.window() && !q.flushScheduled) {
            // sent after the messages already in the mailbox: what they add joins this batch
            q.flushScheduled = true;
            getContext().getSelf().tell(new Flush(m.to()));
        }
        return this;
    }

    private void onFlush(String to) {
        LinkQueue q = queues.get(to);
        if (q != null) {
            q.flushScheduled = false;
            send(to, q);
        }
    }

    /** Sends batches while the window has room. */
    private void send(String to, LinkQueue q) {
        while (!q.isEmpty() && q.inFlight() < settings.window()) {
            List<Entry> batch = q.take(settings.maxBatchEntries(), settings.maxBatchBytes());
            entriesOut += batch.size();
            batchesOut++;
            remote(to).tell(new Batch(origin, q.sentSeq(), getContext().getSelf(), batch));
            timers.startSingleTimer(to, new AckTimeout(to), settings.ackTimeout());
        }
    }

    private ActorRef<Command> remote(String to) {
        return remotes.computeIfAbsent(to, a -> resolver.resolveActorRef(a + "/system/" + NAME));
    }

    private Behavior<Command> onAck(Ack a) {
        LinkQueue q = queues.get(a.from());
        if (q == null) {
            return this;
        }
        q.ack(a.seq());
        if (q.inFlight() == 0) {
            timers.cancel(a.from());
        }
        send(a.from(), q);
        return this;
    }

    private Behavior<Command> onAckTimeout(AckTimeout t) {
        LinkQueue q = queues.get(t.to());
        if (q != null && q.inFlight() > 0) {
            ackTimeouts++;
            q.reopen();
            send(t.to(), q);
        }
        return this;
    }

    private static int frameCount(NetDevice.Command c) {
        List<io.netemu.packet.SkBuff> fs = LinkQueue.frames(c);
        return fs == null ? 0 : fs.size();
    }

    private static long frameBytes(NetDevice.Command c) {
        List<io.netemu.packet.SkBuff> fs = LinkQueue.frames(c);
        long n = 0;
        for (int i = 0, size = fs == null ? 0 : fs.size(); i < size; i++) {
            n += fs.get(i).len();
        }
        return n;
    }

    private Behavior<Command> onBatch(Batch b) {
        batchesIn++;
        Map<Long, ActorRef<NetDevice.Command>> links = targets.computeIfAbsent(b.origin(), o -> new HashMap<>());
        for (Entry e : b.entries()) {
            entriesIn++;
            ActorRef<NetDevice.Command> t = e.target() != null ? e.target() : links.get(e.link());
            if (e.target() != null) {
                links.put(e.link(), e.target());
            }
            if (e.cmd() == null) {
                continue;
            }
            if (t == null) {
                droppedUnknown += Math.max(1, frameCount(e.cmd()));
                continue;
            }
            t.tell(e.cmd());
        }
        if (b.seq() > 0 && b.replyTo() != null) {
            b.replyTo().tell(new Ack(self, b.seq()));
        }
        return this;
    }

    private Stats stats() {
        return new Stats(self, entriesOut, batchesOut, framesOut, bytesOut, entriesIn, batchesIn, droppedPartition,
                droppedUnknown, droppedOverflow, ackTimeouts, List.copyOf(new java.util.TreeSet<>(cut)));
    }
}
