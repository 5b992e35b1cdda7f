package io.netemu.device.time;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The clock and timer service of one run, as a Pekko extension: one per actor system
 * (DESIGN principle 8). {@code netemu.time.mode = real} reads a monotonic clock and fires
 * timers on a dedicated thread; {@code manual} is a {@link ManualNetClock} (virtual time) that
 * tests advance by hand.
 */
public final class NetTime implements Extension {
    private static final ExtensionId<NetTime> ID = new ExtensionId<>() {
        @Override
        public NetTime createExtension(ActorSystem<?> system) {
            String mode = system.settings().config().getString("netemu.time.mode");
            return switch (mode) {
                case "manual" -> {
                    ManualNetClock m = new ManualNetClock();
                    yield new NetTime(m, m);
                }
                case "real" -> {
                    RealTimers timers = new RealTimers(system.name());
                    system.getWhenTerminated().thenRun(timers::shutdown);
                    yield new NetTime(new RealClock(), timers);
                }
                default -> throw new IllegalArgumentException("netemu.time.mode: expected real or manual, got " + mode);
            };
        }
    };

    private final NetClock clock;
    private final NetTimers timers;

    private NetTime(NetClock clock, NetTimers timers) {
        this.clock = clock;
        this.timers = timers;
    }

    public static NetTime get(ActorSystem<?> system) { return system.registerExtension(ID); }

    public NetClock clock() { return clock; }

    public NetTimers timers() { return timers; }

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
