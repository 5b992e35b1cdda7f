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

    /** The deadline of the earliest timer still to fire ({@code Long.MAX_VALUE}: none). */
    public synchronized long nextDeadline() {
        while (!queue.isEmpty() && queue.peek().cancelled[0]) {
            queue.poll();
        }
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().deadline;
    }

    /**
     * Runs a discrete-event simulation until {@code done} holds: wait until every actor of
     * {@code systemName} is idle (its default dispatcher must be {@link QuiescentExecutor}), then
     * jump to the next timer's deadline. Fails if nothing is pending while not done, or after
     * {@code limitNanos} of virtual time.
     */
    public void runUntil(String systemName, java.util.function.BooleanSupplier done, long limitNanos) {
        long start = nanos();
        long idleSince = -1;
        while (true) {
            if (!QuiescentExecutor.awaitQuiescence(systemName, 10_000)) {
                throw new IllegalStateException("actors of " + systemName + " did not settle (is the executor QuiescentExecutor?)");
            }
            if (done.getAsBoolean()) {
                return;
            }
            long next = nextDeadline();
            boolean beyond = next != Long.MAX_VALUE && next - start > limitNanos;
            if (next == Long.MAX_VALUE || beyond) {
                // The pool can look quiescent while a message is still on its way (handed over by
                // a thread outside the pool, e.g. an ask's temporary actor or the scheduler): give
                // it a moment of wall time before calling the run stuck or jumping past the limit.
                long now = System.nanoTime();
                if (idleSince < 0) {
                    idleSince = now;
                } else if (now - idleSince > IDLE_GIVE_UP_NANOS) {
                    throw new IllegalStateException(beyond
                            ? "not done, and the next timer is beyond the limit at t=" + (nanos() - start) + " ns"
                            : "not done, and no timer is pending at t=" + (nanos() - start) + " ns");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                continue;
            }
            idleSince = -1;
            advance(next - nanos());
        }
    }

    /** How long (wall time) a quiescent run with no timer may wait for a message in flight. */
    private static final long IDLE_GIVE_UP_NANOS = 2_000_000_000L;

    /** Timers not yet fired (cancelled ones included until their deadline passes). */
    public synchronized int pending() { return queue.size(); }
}
