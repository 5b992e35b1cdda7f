package io.netemu.device.qdisc;

import io.netemu.packet.SkBuff;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The netem qdisc (net/sched/sch_netem.c) as plain logic: frames wait in a queue ordered by
 * their time to send (the tfifo), so jitter reorders as netem does; rate makes each frame
 * occupy the wire for len*8/rate after the previous one. Time is passed in; the owner arms one
 * timer for {@link #nextDeadline()}, never one per frame.
 */
public final class Netem {
    private record Slot(long timeToSend, long seq, SkBuff skb) {}

    private final NetemConfig cfg;
    private final SplittableRandom random;
    private final PriorityQueue<Slot> tfifo = new PriorityQueue<>(
            (a, b) -> a.timeToSend != b.timeToSend ? Long.compare(a.timeToSend, b.timeToSend) : Long.compare(a.seq, b.seq));
    private long seq;
    private long lastDeparture;
    private long backlogBytes;
    private long sentBytes;
    private long sentPackets;
    private long lossDrops;
    private long limitDrops;
    private long duplicated;
    private long corrupted;

    public Netem(NetemConfig cfg, long seed) {
        this.cfg = cfg;
        this.random = new SplittableRandom(seed);
    }

    public NetemConfig config() { return cfg; }

    /** netem_enqueue: false when the frame was dropped (loss or queue limit), counted by reason. */
    public boolean enqueue(SkBuff skb, long now) {
        if (cfg.lossPct() > 0 && random.nextDouble() * 100 < cfg.lossPct()) {
            lossDrops++;
            return false;
        }
        boolean dup = cfg.duplicatePct() > 0 && random.nextDouble() * 100 < cfg.duplicatePct();
        if (cfg.corruptPct() > 0 && random.nextDouble() * 100 < cfg.corruptPct() && skb.len() > 0) {
            skb = corrupt(skb);
        }
        if (!admit(skb, now)) {
            return false;
        }
        if (dup) {
            duplicated++;
            admit(skb.clone(), now);
        }
        return true;
    }

    private boolean admit(SkBuff skb, long now) {
        if (tfifo.size() >= cfg.limit()) {
            limitDrops++;
            return false;
        }
        long delay = cfg.delayNanos();
        if (cfg.jitterNanos() > 0) {
            // uniform in [delay - jitter, delay + jitter], as netem without a distribution table
            delay += (long) ((random.nextDouble() * 2 - 1) * cfg.jitterNanos());
            delay = Math.max(0, delay);
        }
        long t = now + delay;
        if (cfg.rateBitsPerSec() > 0) {
            t = Math.max(t, lastDeparture) + skb.len() * 8L * 1_000_000_000L / cfg.rateBitsPerSec();
            lastDeparture = t;
        }
        tfifo.add(new Slot(t, seq++, skb));
        backlogBytes += skb.len();
        return true;
    }

    /** One random bit flipped in one random byte (netem corrupt); the bytes are unshared first. */
    private SkBuff corrupt(SkBuff skb) {
        corrupted++;
        SkBuff w = skb.copy();
        int i = w.dataOffset() + random.nextInt(w.len());
        w.array()[i] ^= (byte) (1 << random.nextInt(8));
        return w;
    }

    /** netem_dequeue: every frame whose time to send has come, in order. */
    public List<SkBuff> dequeue(long now) {
        List<SkBuff> out = null;
        while (!tfifo.isEmpty() && tfifo.peek().timeToSend <= now) {
            Slot s = tfifo.poll();
            if (out == null) {
                out = new ArrayList<>(Math.min(64, tfifo.size() + 1));
            }
            out.add(s.skb);
            backlogBytes -= s.skb.len();
            sentBytes += s.skb.len();
            sentPackets++;
        }
        return out == null ? List.of() : out;
    }

    /** When the head frame is due; {@link Long#MAX_VALUE} when empty. */
    public long nextDeadline() {
        Slot head = tfifo.peek();
        return head == null ? Long.MAX_VALUE : head.timeToSend;
    }

    public int backlogPackets() { return tfifo.size(); }

    public QdiscStats stats() {
        long dropped = lossDrops + limitDrops;
        return new QdiscStats(sentBytes, sentPackets, dropped, 0, 0, backlogBytes, tfifo.size(),
                lossDrops, limitDrops, duplicated, corrupted);
    }
}
