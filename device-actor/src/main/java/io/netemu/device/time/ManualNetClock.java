package io.netemu.device.time;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to: tests advance it together with Pekko's ManualTime scheduler. */
public final class ManualNetClock implements NetClock {
    private final AtomicLong now = new AtomicLong();

    @Override
    public long nanos() { return now.get(); }

    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time runs forward: " + nanos);
        }
        now.addAndGet(nanos);
    }
}
