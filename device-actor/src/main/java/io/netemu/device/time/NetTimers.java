package io.netemu.device.time;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * The run's one timer service: delivers a message to an actor after a delay measured on the
 * run's {@link NetClock}. Pekko's scheduler ticks (1 ms at best, 10 ms by default) are too coarse
 * for link delays of a few milliseconds; this fires within tens of microseconds on real time,
 * and exactly on virtual time.
 */
public interface NetTimers {
    /** A scheduled delivery that may still be withdrawn. */
    interface Timer {
        /** Withdraws the delivery if it has not happened yet. */
        void cancel();
    }

    <T> Timer schedule(ActorRef<T> target, T message, long delayNanos);
}
