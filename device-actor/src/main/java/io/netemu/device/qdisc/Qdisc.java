package io.netemu.device.qdisc;

import io.netemu.packet.SkBuff;

/**
 * A running qdisc (struct Qdisc with its Qdisc_ops): frames go in by {@link #enqueue} and come
 * out by {@link #dequeue} when the qdisc lets them; a qdisc that holds frames back says when to
 * try again ({@link #nextDeadline}, the qdisc_watchdog), so its owner arms one timer, never one
 * per frame. Time is passed in (the device's clock, real or virtual).
 */
public interface Qdisc {
    int handle();

    QdiscConfig config();

    /** false when the frame was dropped (counted by this qdisc). */
    boolean enqueue(SkBuff skb, long now);

    /** The next frame allowed out now, or null. */
    SkBuff dequeue(long now);

    /** When a dequeue may next succeed while frames wait; {@link Long#MAX_VALUE} when nothing waits. */
    long nextDeadline();

    /** Frames held (sch->q.qlen, children included). */
    int qlen();

    /** Applies new parameters of the same kind in place, keeping queued frames (tc qdisc change). */
    void change(QdiscConfig cfg);

    /** The qdisc on class major:1, or null for the built-in queue. */
    Qdisc child();

    /** Grafts {@code c} on class major:1 (null: the built-in queue again); frames of the old child are dropped and returned as a count. */
    int graft(Qdisc c);

    QdiscStats stats();

    /** A running qdisc for {@code spec}, children included; {@code seed} feeds the random choices. */
    static Qdisc create(QdiscSpec spec, long seed) {
        Qdisc q = switch (spec.config()) {
            case NetemConfig n -> new Netem(spec.handle(), n, seed);
            case TbfConfig t -> new Tbf(spec.handle(), t);
        };
        if (spec.child() != null) {
            q.graft(create(spec.child(), seed * 31 + spec.child().handle()));
        }
        return q;
    }
}
