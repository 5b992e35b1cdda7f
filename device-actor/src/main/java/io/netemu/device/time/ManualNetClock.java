package io.netemu.device.time;

import java.util.PriorityQueue;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Virtual time: a clock that moves only when told to, and the timers that fire as it passes
 * their deadlines, in deadline order. A test advances it; what the timers' messages cause
 * happens asynchronously afterwards, so tests advance in steps and await the effects.
 */
public final class ManualNetClock implements NetClock, NetTimers {
    private record Entry(long deadline, long seq, Runnable fire, boolean[] cancelled) {}

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            (a, b) -> a.deadline != b.deadline ? Long.compare(a.deadline, b.deadline) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    @Override
    public synchronized long nanos() { return now; }

    @Override
    public synchronized <T> Timer schedule(ActorRef<T> target, T message, long delayNanos) {
        boolean[] cancelled = new boolean[1];
        queue.add(new Entry(now + Math.max(0, delayNanos), seq++, () -> target.tell(message), cancelled));
        return () -> {
            synchronized (ManualNetClock.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Moves time forward by {@code nanos}, firing every timer due on the way, in order. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time runs forward: " + nanos);
        }
        long until;
        synchronized (this) {
            until = now + nanos;
        }
        while (true) {
            Entry e;
            synchronized (this) {
                e = queue.peek();
                if (e == null || e.deadline > until) {
                    now = until;
                    return;
                }
                queue.poll();
                now = Math.max(now, e.deadline);
                if (e.cancelled[0]) {
                    continue;
                }
            }
            e.fire.run();
        }
    }

    /** Timers not yet fired (cancelled ones included until their deadline passes). */
    public synchronized int pending() { return queue.size(); }
}
