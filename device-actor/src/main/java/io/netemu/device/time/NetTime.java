package io.netemu.device.time;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The clock and timer service of one run, as a Pekko extension: one per actor system.
 * {@code netemu.time.mode = real} reads a monotonic clock; {@code manual} is a
 * {@link ManualNetClock} that tests advance along with Pekko's ManualTime (whose scheduler
 * fires the actors' timers), so timers and timestamps agree.
 */
public final class NetTime implements Extension {
    private static final ExtensionId<NetTime> ID = new ExtensionId<>() {
        @Override
        public NetTime createExtension(ActorSystem<?> system) {
            String mode = system.settings().config().getString("netemu.time.mode");
            return new NetTime(switch (mode) {
                case "manual" -> new ManualNetClock();
                case "real" -> new RealClock();
                default -> throw new IllegalArgumentException("netemu.time.mode: expected real or manual, got " + mode);
            });
        }
    };

    private final NetClock clock;

    private NetTime(NetClock clock) { this.clock = clock; }

    public static NetTime get(ActorSystem<?> system) { return system.registerExtension(ID); }

    public NetClock clock() { return clock; }

    /** The manual clock, for tests; fails when the run is on real time. */
    public ManualNetClock manual() {
        if (clock instanceof ManualNetClock m) {
            return m;
        }
        throw new IllegalStateException("netemu.time.mode is not manual");
    }

    private static final class RealClock implements NetClock {
        private final long origin = System.nanoTime();

        @Override
        public long nanos() { return System.nanoTime() - origin; }
    }
}
