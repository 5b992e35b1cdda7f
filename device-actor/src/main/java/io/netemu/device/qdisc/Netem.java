package io.netemu.device.qdisc;

import io.netemu.packet.SkBuff;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The netem qdisc (net/sched/sch_netem.c) as plain logic. netem_enqueue decides per frame:
 * duplicate (the copy goes through netem again with duplication off), loss, corrupt (one random
 * bit of the frame flipped, so checksums catch it downstream), then either a delay from
 * {@code tabledist} (uniform or a distribution table, correlated) plus the serialisation time at
 * {@code rate} after the frame queued last, or, for reordering, the head of the queue at once
 * (counted as a requeue, as the kernel does). Frames wait in the tfifo ordered by time to send,
 * so jitter reorders too. Due frames leave, or go into the child qdisc grafted on class 1 (e.g.
 * tbf for delay + rate), which then decides when they leave.
 */
public final class Netem implements Qdisc {
    private record Slot(long timeToSend, long seq, SkBuff skb) {}

    private final int handle;
    private NetemConfig cfg;
    private final SplittableRandom prng;
    private CorrelatedRandom delayCor;
    private CorrelatedRandom lossCor;
    private CorrelatedRandom dupCor;
    private CorrelatedRandom reorderCor;
    private CorrelatedRandom corruptCor;
    private final PriorityQueue<Slot> tfifo = new PriorityQueue<>(
            (a, b) -> a.timeToSend != b.timeToSend ? Long.compare(a.timeToSend, b.timeToSend) : Long.compare(a.seq, b.seq));
    /** Reordered frames: sent before anything in the tfifo (the kernel's t_head list). */
    private final ArrayDeque<SkBuff> head = new ArrayDeque<>();
    private Qdisc child;
    private long seq;
    /** The time to send of the frame queued last (rate: the next starts after it). */
    private long lastTimeToSend = Long.MIN_VALUE;
    /** Reorder's packet counter (q->counter): frames delayed since the last one sent at once. */
    private int counter;
    private long backlogBytes;
    private long sentBytes;
    private long sentPackets;
    private long lossDrops;
    private long limitDrops;
    private long childDrops;
    private long requeues;
    private long duplicated;
    private long corrupted;

    public Netem(NetemConfig cfg, long seed) {
        this(0, cfg, seed);
    }

    public Netem(int handle, NetemConfig cfg, long seed) {
        this.handle = handle;
        this.prng = new SplittableRandom(cfg.seeded() ? cfg.seed() : seed);
        apply(cfg);
    }

    private void apply(NetemConfig c) {
        this.cfg = c;
        delayCor = new CorrelatedRandom(c.delayCorr(), prng);
        lossCor = new CorrelatedRandom(c.lossCorr(), prng);
        dupCor = new CorrelatedRandom(c.duplicateCorr(), prng);
        reorderCor = new CorrelatedRandom(c.reorderCorr(), prng);
        corruptCor = new CorrelatedRandom(c.corruptCorr(), prng);
    }

    @Override public int handle() { return handle; }

    @Override public NetemConfig config() { return cfg; }

    @Override
    public void change(QdiscConfig c) {
        apply((NetemConfig) c);
    }

    @Override public Qdisc child() { return child; }

    @Override
    public int graft(Qdisc c) {
        int lost = child == null ? 0 : child.qlen();
        child = c;
        return lost;
    }

    /** A probability test as netem makes it: {@code p >= crandom} with p scaled to 32 bits. */
    private boolean chance(double pct, CorrelatedRandom cor) {
        return pct > 0 && NetemConfig.scaled(pct) >= cor.next(prng);
    }

    @Override
    public boolean enqueue(SkBuff skb, long now) {
        return enqueue(skb, now, true);
    }

    private boolean enqueue(SkBuff skb, long now, boolean mayDuplicate) {
        int count = 1;
        if (mayDuplicate && chance(cfg.duplicatePct(), dupCor)) {
            count++;
        }
        if (chance(cfg.lossPct(), lossCor)) {
            count--;
        }
        if (count == 0) {
            lossDrops++;
            return false;
        }
        if (count > 1) {
            // rootq->enqueue of a clone with duplication turned off: the copy has its own fate
            // skb_clone marks both as sharing the bytes, so whoever writes first copies (skb_unshare)
            duplicated++;
            SkBuff twin = skb.clone();
            skb = skb.clone();
            enqueue(twin, now, false);
        }
        if (chance(cfg.corruptPct(), corruptCor) && skb.len() > 0) {
            skb = corrupt(skb);
        }
        if (qlen() >= cfg.limit()) {
            limitDrops++;
            return false;
        }
        backlogBytes += skb.len();
        if (cfg.gap() == 0 || counter < cfg.gap() - 1 || !chance(cfg.reorderPct(), reorderCor)) {
            long delay = tabledist();
            long t;
            if (cfg.rateBitsPerSec() > 0) {
                // serialised after the frame queued last, if it is still waiting
                long start = now;
                if (!tfifo.isEmpty() && lastTimeToSend > now) {
                    delay = Math.max(0, delay - (lastTimeToSend - now));
                    start = lastTimeToSend;
                }
                t = start + delay + packetTime(skb.len());
            } else {
                t = now + delay;
            }
            lastTimeToSend = t;
            counter++;
            tfifo.add(new Slot(t, seq++, skb));
        } else {
            // one frame out of every gap at the head of the queue, at once
            counter = 0;
            head.addLast(skb);
            requeues++;
        }
        return true;
    }

    /** tabledist: delay ± jitter, uniform or from the distribution table, correlated. */
    private long tabledist() {
        long mu = cfg.delayNanos();
        long sigma = Math.min(cfg.jitterNanos(), Integer.MAX_VALUE);
        if (sigma == 0) {
            return mu;
        }
        long rnd = delayCor.next(prng);
        NetemDist dist = cfg.distribution();
        if (dist == null) {
            return rnd % (2 * sigma) + mu - sigma;
        }
        short[] table = dist.table();
        long t = table[(int) (rnd % table.length)];
        long x = (sigma % NetemDist.SCALE) * t;
        x += x >= 0 ? NetemDist.SCALE / 2 : -NetemDist.SCALE / 2;
        return x / NetemDist.SCALE + (sigma / NetemDist.SCALE) * t + mu;
    }

    /** packet_time_ns: the frame's time on a wire of {@code rate}, with packet and cell overheads. */
    private long packetTime(int len) {
        long l = len + cfg.packetOverhead();
        if (cfg.cellSize() > 0) {
            long cells = (l + cfg.cellSize() - 1) / cfg.cellSize();
            l = cells * (cfg.cellSize() + cfg.cellOverhead());
        }
        return Math.max(0, l) * 8L * 1_000_000_000L / cfg.rateBitsPerSec();
    }

    /** One random bit flipped in one random byte (netem corrupt); the bytes are unshared first. */
    private SkBuff corrupt(SkBuff skb) {
        corrupted++;
        SkBuff w = skb.copy();
        int i = w.dataOffset() + prng.nextInt(w.len());
        w.array()[i] ^= (byte) (1 << prng.nextInt(8));
        return w;
    }

    @Override
    public SkBuff dequeue(long now) {
        while (true) {
            SkBuff skb = head.pollFirst();
            if (skb == null && !tfifo.isEmpty() && tfifo.peek().timeToSend <= now) {
                skb = tfifo.poll().skb;
            }
            if (skb == null) {
                break;
            }
            backlogBytes -= skb.len();
            if (child == null) {
                return sent(skb);
            }
            if (!child.enqueue(skb, now)) {
                childDrops++;
            }
        }
        if (child != null) {
            SkBuff skb = child.dequeue(now);
            if (skb != null) {
                return sent(skb);
            }
        }
        return null;
    }

    private SkBuff sent(SkBuff skb) {
        sentBytes += skb.len();
        sentPackets++;
        return skb;
    }

    @Override
    public long nextDeadline() {
        long t = head.isEmpty() ? (tfifo.isEmpty() ? Long.MAX_VALUE : tfifo.peek().timeToSend) : Long.MIN_VALUE;
        return child == null ? t : Math.min(t, child.nextDeadline());
    }

    @Override
    public int qlen() {
        return tfifo.size() + head.size() + (child == null ? 0 : child.qlen());
    }

    public int backlogPackets() { return qlen(); }

    @Override
    public QdiscStats stats() {
        QdiscStats c = child == null ? null : child.stats();
        long backlog = backlogBytes + (c == null ? 0 : c.backlogBytes());
        return new QdiscStats(sentBytes, sentPackets, lossDrops + limitDrops + childDrops, 0, requeues, backlog, qlen(),
                lossDrops, limitDrops, duplicated, corrupted, handle, c);
    }
}
