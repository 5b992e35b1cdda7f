package io.netemu.device.capture;

import io.netemu.device.time.NetTime;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Turns the run's clock (an arbitrary origin, real or virtual) into the time of day a capture
 * records: the wall clock once, when the run's first capture starts, plus the run clock's
 * progress since. Every capture of a run shares the offset, so their timestamps agree and a
 * virtual-time run gets the spacing of its virtual time.
 */
public final class WallClock implements Extension {
    private static final ExtensionId<WallClock> ID = new ExtensionId<>() {
        @Override
        public WallClock createExtension(ActorSystem<?> system) {
            return new WallClock(NetTime.get(system));
        }
    };

    private final long offset;

    private WallClock(NetTime time) {
        java.time.Instant now = java.time.Instant.now();
        long wall = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        this.offset = wall - time.clock().nanos();
    }

    public static WallClock get(ActorSystem<?> system) { return system.registerExtension(ID); }

    /** Nanoseconds since the epoch for a reading of the run's clock. */
    public long epochNanos(long clockNanos) { return offset + clockNanos; }
}
