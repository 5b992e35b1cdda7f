package io.netemu.device.time;

/**
 * The run's one clock (DESIGN principle 8): protocol code and actors read time only from here,
 * never from {@link System#nanoTime()}, so the same code can run on virtual time.
 */
public interface NetClock {
    /** Nanoseconds since an arbitrary origin fixed for the run; never decreases. */
    long nanos();
}
