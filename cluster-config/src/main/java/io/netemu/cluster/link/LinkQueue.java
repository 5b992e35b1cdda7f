package io.netemu.cluster.link;

import io.netemu.device.NetDevice;
import io.netemu.packet.SkBuff;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What waits on this member for one destination member: entries in the order the links sent
 * them, and the batches sent but not yet acknowledged. A plain class that {@link MemberLinks}
 * drives, so the batching rules are testable without actors.
 *
 * <p>Window: at most {@code window} batches in flight; while it is full, entries wait and the
 * next batch takes all of them (up to the caps), so batches grow with the load and shrink to
 * one entry when the link is idle (no added delay then).
 */
final class LinkQueue {
    /** Bytes a link's first entry adds for its target (an actor path, about 100 characters). */
    static final int TARGET_BYTES = 128;
    /** Bytes a control message is counted for (carrier and the like: a few dozen bytes of Kryo). */
    static final int CONTROL_BYTES = 256;
    /** An entry's own fields: link number, tags and lengths. */
    static final int ENTRY_BYTES = 16;

    record Pending(MemberLinks.Entry entry, int bytes) {}

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long bytes;
    private long sentSeq;
    private long ackedSeq;
    /** A Flush message is on its way to the actor for this destination. */
    boolean flushScheduled;

    boolean isEmpty() {
        return queue.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    int inFlight() {
        return (int) (sentSeq - ackedSeq);
    }

    void add(Pending p) {
        queue.addLast(p);
        bytes += p.bytes();
    }

    /** The next batch, with its number: entries in order while they fit {@code maxEntries} and {@code maxBytes} (one at least). */
    List<MemberLinks.Entry> take(int maxEntries, long maxBytes) {
        List<MemberLinks.Entry> batch = new ArrayList<>(Math.min(queue.size(), maxEntries));
        long taken = 0;
        while (!queue.isEmpty() && batch.size() < maxEntries
                && (batch.isEmpty() || taken + queue.peekFirst().bytes() <= maxBytes)) {
            Pending p = queue.pollFirst();
            taken += p.bytes();
            batch.add(p.entry());
        }
        bytes -= taken;
        sentSeq++;
        return batch;
    }

    long sentSeq() {
        return sentSeq;
    }

    /** Batch {@code seq} arrived (and so did every batch before it: Artery keeps a pair's order). */
    void ack(long seq) {
        if (seq > ackedSeq && seq <= sentSeq) {
            ackedSeq = seq;
        }
    }

    /** No ack came in time (the batch or its ack was lost): count the window as empty again. */
    void reopen() {
        ackedSeq = sentSeq;
    }

    /** The bytes {@code cmd} takes in a batch, as {@link LinkWire} writes frames; estimated for the rest. */
    static int bytes(MemberLinks.Entry e) {
        int n = ENTRY_BYTES + (e.target() != null ? TARGET_BYTES : 0);
        List<SkBuff> frames = frames(e.cmd());
        if (frames == null) {
            return e.cmd() == null ? n : n + CONTROL_BYTES;
        }
        for (int i = 0, size = frames.size(); i < size; i++) {
            n += LinkWire.frameBytes(frames.get(i));
        }
        return n;
    }

    static List<SkBuff> frames(NetDevice.Command c) {
        return switch (c) {
            case NetDevice.Receive r -> r.frames();
            case NetDevice.XdpReceive r -> r.frames();
            case null, default -> null;
        };
    }

    /**
     * {@code e} as entries of at most {@code maxBytes} each (frames split in order, the target on
     * the first), so that no batch outgrows Artery's maximum frame size; most entries stay whole.
     */
    static List<Pending> split(MemberLinks.Entry e, long maxBytes) {
        int whole = bytes(e);
        List<SkBuff> frames = frames(e.cmd());
        if (whole <= maxBytes || frames == null || frames.size() < 2) {
            return List.of(new Pending(e, whole));
        }
        boolean xdp = e.cmd() instanceof NetDevice.XdpReceive;
        List<Pending> out = new ArrayList<>();
        List<SkBuff> part = new ArrayList<>();
        int partBytes = ENTRY_BYTES + (e.target() != null ? TARGET_BYTES : 0);
        for (SkBuff f : frames) {
            int fb = LinkWire.frameBytes(f);
            if (!part.isEmpty() && partBytes + fb > maxBytes) {
                out.add(piece(e, out.isEmpty(), part, xdp, partBytes));
                part = new ArrayList<>();
                partBytes = ENTRY_BYTES;
            }
            part.add(f);
            partBytes += fb;
        }
        out.add(piece(e, out.isEmpty(), part, xdp, partBytes));
        return out;
    }

    private static Pending piece(MemberLinks.Entry e, boolean first, List<SkBuff> frames, boolean xdp, int bytes) {
        List<SkBuff> fs = List.copyOf(frames);
        NetDevice.Command cmd = xdp ? new NetDevice.XdpReceive(fs) : new NetDevice.Receive(fs);
        return new Pending(new MemberLinks.Entry(e.link(), first ? e.target() : null, cmd), bytes);
    }
}
