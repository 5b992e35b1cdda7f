package io.netemu.device.qdisc;

import io.netemu.packet.SkBuff;
import java.util.ArrayDeque;

/**
 * The token bucket filter (net/sched/sch_tbf.c). Tokens are time: the bucket holds up to
 * {@code buffer} ns of transmission at {@code rate} and fills as the clock runs; a frame leaves
 * when the bucket holds its length's worth (psched_l2t_ns of the frame's bytes, the Ethernet
 * header included as qdisc_pkt_len counts it on a veth), and with a peak rate also the small
 * {@code mtu} bucket at {@code peakrate}. Otherwise the dequeue counts an overlimit and says when
 * the tokens will be there (the watchdog). Frames wait in a byte-limited FIFO (the bfifo of
 * {@code limit} bytes tc derives from the latency) or in a child qdisc grafted on class 1;
 * frames too big for the bucket, and frames the FIFO has no room for, are dropped.
 */
public final class Tbf implements Qdisc {
    private final int handle;
    private TbfConfig cfg;
    private long maxSize;
    private PschedRate rate;
    private PschedRate peak;
    private final ArrayDeque<SkBuff> fifo = new ArrayDeque<>();
    private long fifoBytes;
    private Qdisc child;
    private long tokens;
    private long ptokens;
    /** The time of the last dequeue (q->t_c). */
    private long tc = Long.MIN_VALUE;
    private long watchdog = Long.MAX_VALUE;
    private long sentBytes;
    private long sentPackets;
    private long drops;
    private long childDrops;
    private long overlimits;

    public Tbf(int handle, TbfConfig cfg) {
        this.handle = handle;
        apply(cfg);
    }

    private void apply(TbfConfig c) {
        this.cfg = c;
        this.maxSize = c.maxSize();
        this.rate = new PschedRate(c.rateBytes());
        this.peak = c.peakBytes() == 0 ? null : new PschedRate(c.peakBytes());
        this.tokens = c.bufferNanos();
        this.ptokens = c.mtuNanos();
        this.tc = Long.MIN_VALUE;
    }

    @Override public int handle() { return handle; }

    @Override public TbfConfig config() { return cfg; }

    /** tbf_change: new rates and buckets, full buckets; the FIFO's limit changes, its frames stay. */
    @Override
    public void change(QdiscConfig c) {
        apply((TbfConfig) c);
    }

    @Override public Qdisc child() { return child; }

    @Override
    public int graft(Qdisc c) {
        int lost = child == null ? fifo.size() : child.qlen();
        if (child == null) {
            fifo.clear();
            fifoBytes = 0;
        }
        child = c;
        return lost;
    }

    @Override
    public boolean enqueue(SkBuff skb, long now) {
        if (skb.len() > maxSize) {
            drops++;
            return false;
        }
        if (child != null) {
            if (!child.enqueue(skb, now)) {
                childDrops++;
                return false;
            }
            return true;
        }
        if (fifoBytes + skb.len() > cfg.limitBytes()) {
            drops++;
            return false;
        }
        fifo.addLast(skb);
        fifoBytes += skb.len();
        return true;
    }

    private SkBuff peek(long now) {
        return child == null ? fifo.peekFirst() : peekChild(now);
    }

    /** A child's next frame: taken out now and held until it may go (the kernel's qdisc_peek_dequeued). */
    private SkBuff held;

    private SkBuff peekChild(long now) {
        if (held == null) {
            held = child.dequeue(now);
        }
        return held;
    }

    @Override
    public SkBuff dequeue(long now) {
        SkBuff skb = peek(now);
        if (skb == null) {
            watchdog = Long.MAX_VALUE;
            return null;
        }
        int len = skb.len();
        long since = tc == Long.MIN_VALUE ? cfg.bufferNanos() : now - tc;
        long toks = Math.min(since, cfg.bufferNanos());
        long ptoks = 0;
        if (peak != null) {
            ptoks = Math.min(toks + ptokens, cfg.mtuNanos()) - peak.l2t(len, cfg.overhead(), cfg.mpu());
        }
        toks = Math.min(toks + tokens, cfg.bufferNanos()) - rate.l2t(len, cfg.overhead(), cfg.mpu());
        if ((toks | ptoks) >= 0) {
            if (child == null) {
                fifo.pollFirst();
                fifoBytes -= len;
            } else {
                held = null;
            }
            tc = now;
            tokens = toks;
            ptokens = ptoks;
            watchdog = Long.MAX_VALUE;
            sentBytes += len;
            sentPackets++;
            return skb;
        }
        watchdog = now + Math.max(-toks, -ptoks);
        overlimits++;
        return null;
    }

    @Override
    public long nextDeadline() {
        if (qlen() == 0) {
            return Long.MAX_VALUE;
        }
        long c = child == null ? Long.MAX_VALUE : child.nextDeadline();
        return Math.min(watchdog, c);
    }

    @Override
    public int qlen() {
        return child == null ? fifo.size() : child.qlen() + (held == null ? 0 : 1);
    }

    @Override
    public QdiscStats stats() {
        QdiscStats c = child == null ? null : child.stats();
        long backlog = child == null ? fifoBytes : c.backlogBytes() + (held == null ? 0 : held.len());
        return new QdiscStats(sentBytes, sentPackets, drops + childDrops, overlimits, 0, backlog, qlen(),
                0, drops, 0, 0, handle, c);
    }
}
