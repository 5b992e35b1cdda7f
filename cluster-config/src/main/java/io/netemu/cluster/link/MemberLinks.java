package io.netemu.cluster.link;

import io.netemu.device.NetDevice;
import java.util.ArrayList;
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

/**
 * This JVM's end of the links to other members: everything the veth ends here send to peers on
 * another member passes through it, batched per destination member (one message carries the
 * frames of many links), and everything other members send here is handed to the veth ends.
 * A link's entries leave and arrive in the order its end sent them, so per-link order holds.
 * A partition ({@link SetCut}) drops what would cross it, counted, as a cut cable would.
 */
public final class MemberLinks extends AbstractBehavior<MemberLinks.Command> {
    /** The actor's name under /system on every member, so a member can address another's. */
    public static final String NAME = "netemu-member-links";
    /** Entries sent at once at most; more wait for the next batch. */
    static final int MAX_BATCH = 512;

    public sealed interface Command {}

    /** From a stand-in peer: {@code cmd} for link {@code link} (numbered by this JVM) towards {@code to}. */
    record Out(String to, long link, ActorRef<NetDevice.Command> target, NetDevice.Command cmd) implements Command {}

    /** Send what is pending for member {@code to}. */
    record Flush(String to) implements Command {}

    /** Another member's batch. Target is set on a link's first entry only. */
    public record Batch(long origin, List<Entry> entries) implements Command {}

    public record Entry(long link, ActorRef<NetDevice.Command> target, NetDevice.Command cmd) {}

    /** Drop, from now on, every frame bound for these members (addresses as {@code pekko://netemu@host:port}). */
    public record SetCut(List<String> members, ActorRef<Stats> replyTo) implements Command {}

    public record GetStats(ActorRef<Stats> replyTo) implements Command {}

    /**
     * What crossed this member's links: entries and batches out and in, entries dropped at a
     * partition, entries for links this member does not know (their first entry was lost).
     */
    public record Stats(String member, long entriesOut, long batchesOut, long entriesIn, long batchesIn,
                        long droppedPartition, long droppedUnknown, List<String> cut) {}

    static Behavior<Command> create(long origin) {
        return Behaviors.setup(ctx -> new MemberLinks(ctx, origin));
    }

    private final long origin;
    private final ActorRefResolver resolver;
    private final Map<String, List<Entry>> pending = new HashMap<>();
    private final Map<String, ActorRef<Command>> remotes = new HashMap<>();
    private final Map<Long, Map<Long, ActorRef<NetDevice.Command>>> targets = new HashMap<>();
    private Set<String> cut = Set.of();
    private long entriesOut;
    private long batchesOut;
    private long entriesIn;
    private long batchesIn;
    private long droppedPartition;
    private long droppedUnknown;

    private MemberLinks(ActorContext<Command> ctx, long origin) {
        super(ctx);
        this.origin = origin;
        this.resolver = ActorRefResolver.get(ctx.getSystem());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Out.class, this::onOut)
                .onMessage(Flush.class, f -> { flush(f.to()); return this; })
                .onMessage(Batch.class, this::onBatch)
                .onMessage(SetCut.class, m -> { cut = Set.copyOf(m.members()); m.replyTo().tell(stats()); return this; })
                .onMessage(GetStats.class, m -> { m.replyTo().tell(stats()); return this; })
                .build();
    }

    private Behavior<Command> onOut(Out m) {
        if (cut.contains(m.to()) && frames(m.cmd()) > 0) {
            // frames are lost at a partition; carrier and teardown messages are the emulator's
            // own bookkeeping and still pass, so both ends agree on the link's state after a heal
            droppedPartition += frames(m.cmd());
            if (m.target() == null) {
                return this;
            }
            m = new Out(m.to(), m.link(), m.target(), null); // the first entry still names the target
        }
        List<Entry> q = pending.get(m.to());
        if (q == null) {
            q = new ArrayList<>();
            pending.put(m.to(), q);
            getContext().getSelf().tell(new Flush(m.to()));
        }
        q.add(new Entry(m.link(), m.target(), m.cmd()));
        if (q.size() >= MAX_BATCH) {
            flush(m.to());
        }
        return this;
    }

    private static long frames(NetDevice.Command c) {
        return switch (c) {
            case NetDevice.Receive r -> r.frames().size();
            case NetDevice.XdpReceive r -> r.frames().size();
            case null, default -> 0;
        };
    }

    private void flush(String to) {
        List<Entry> q = pending.remove(to);
        if (q == null || q.isEmpty()) {
            return;
        }
        entriesOut += q.size();
        batchesOut++;
        remotes.computeIfAbsent(to, a -> resolver.resolveActorRef(a + "/system/" + NAME)).tell(new Batch(origin, List.copyOf(q)));
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
                droppedUnknown += Math.max(1, frames(e.cmd()));
                continue;
            }
            t.tell(e.cmd());
        }
        return this;
    }

    private Stats stats() {
        return new Stats(getContext().getSystem().address().toString(), entriesOut, batchesOut, entriesIn, batchesIn,
                droppedPartition, droppedUnknown, List.copyOf(new java.util.TreeSet<>(cut)));
    }
}
