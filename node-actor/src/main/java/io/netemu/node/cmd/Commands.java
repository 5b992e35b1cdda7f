package io.netemu.node.cmd;

import io.netemu.node.cmd.bridge.BridgeCommand;
import io.netemu.node.cmd.conntrack.ConntrackCommand;
import io.netemu.node.cmd.ip.IpCommand;
import io.netemu.node.cmd.sysctl.Sysctl;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The commands a namespace runs at once, by program name ({@code argv[0]}). A name with no
 * command answers as a shell does ({@link #notFound}: exit 127). Other modules add theirs with
 * {@link #register} (bridge, ping, ...).
 */
public final class Commands {
    private static final Map<String, Function<LongSupplier, Command>> REGISTRY = new ConcurrentHashMap<>();

    static {
        register("ip", IpCommand::new);
        register("sysctl", now -> new Sysctl());
        register("bridge", BridgeCommand::new);
        register("conntrack", ConntrackCommand::new);
    }

    private Commands() {}

    /** Adds or replaces a command; {@code factory} gets the run's clock. */
    public static void register(String name, Function<LongSupplier, Command> factory) {
        REGISTRY.put(name, factory);
    }

    /** The command called {@code name}, on the JVM's monotonic clock (nanoseconds) where it needs time. */
    public static Optional<Command> lookup(String name) {
        return lookup(name, System::nanoTime);
    }

    /** The command called {@code name}, reading time from {@code now} (the run's one clock, in nanoseconds). */
    public static Optional<Command> lookup(String name, LongSupplier now) {
        Function<LongSupplier, Command> f = REGISTRY.get(name);
        return f == null ? Optional.empty() : Optional.of(f.apply(now));
    }

    /** What a shell says for a missing command: {@code NAME: command not found}, exit 127. */
    public static CommandResult notFound(String name) {
        return new CommandResult(127, "", name + ": command not found\n");
    }
}
