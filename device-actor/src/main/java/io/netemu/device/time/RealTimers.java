package io.netemu.device.time;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;

/** Timers on one daemon thread with nanosecond delays (ScheduledThreadPoolExecutor), stopped with the actor system. */
final class RealTimers implements NetTimers {
    private final ScheduledThreadPoolExecutor exec;

    RealTimers(String systemName) {
        exec = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, systemName + "-netemu-timers");
            t.setDaemon(true);
            return t;
        });
        exec.setRemoveOnCancelPolicy(true);
    }

    @Override
    public <T> Timer schedule(ActorRef<T> target, T message, long delayNanos) {
        ScheduledFuture<?> f = exec.schedule(() -> target.tell(message), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    void shutdown() {
        exec.shutdownNow();
    }
}
