package io.netemu.node.cmd;

import io.netemu.node.bpf.BpfKernel;
import io.netemu.node.cmd.bpftool.Bpftool;
import io.netemu.node.cmd.bridge.BridgeCommand;
import io.netemu.node.cmd.cat.Cat;
import io.netemu.node.cmd.conntrack.ConntrackCommand;
import io.netemu.node.cmd.dmesg.Dmesg;
import io.netemu.node.cmd.ethtool.EthtoolCommand;
import io.netemu.node.cmd.ip.IpCommand;
import io.netemu.node.cmd.iptables.IptablesCommand;
import io.netemu.node.cmd.iptables.IptablesRestore;
import io.netemu.node.cmd.iptables.IptablesSave;
import io.netemu.node.cmd.nft.NftCommand;
import io.netemu.node.cmd.sysctl.Sysctl;
import io.netemu.node.cmd.tc.TcCommand;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The commands a namespace runs at once, by program name ({@code argv[0]}). A name with no
 * command answers as a shell does ({@link #notFound}: exit 127). The table is fixed: a command
 * is added here, in one place, with the environment it needs.
 */
public final class Commands {
    /**
     * What a command may use besides its namespace: the run's clock (nanoseconds), the lab's
     * folder (for files named in commands), where it records work outside its namespace
     * ({@link NetnsOps}, fresh for each run) and the lab's BPF tables (one per lab, as a
     * kernel's).
     */
    public record Env(LongSupplier now, Path cwd, NetnsOps ops, BpfKernel bpf) {
        public Env(LongSupplier now, Path cwd) {
            this(now, cwd, new NetnsOps(), BpfKernel.standalone());
        }

        public Env(LongSupplier now, Path cwd, NetnsOps ops) {
            this(now, cwd, ops, BpfKernel.standalone());
        }

        /** No clock, the JVM's folder, a fresh op list. */
        public static Env standalone() { return new Env(() -> 0L, Path.of("")); }
    }

    private static final Map<String, Function<Env, Command>> REGISTRY = Map.ofEntries(
            Map.entry("ip", e -> new IpCommand(e.now(), e.ops(), e.bpf(), e.cwd())),
            Map.entry("bpftool", e -> new Bpftool(e.bpf(), e.cwd())),
            Map.entry("sysctl", e -> new Sysctl()),
            Map.entry("bridge", e -> new BridgeCommand(e.now())),
            Map.entry("conntrack", e -> new ConntrackCommand(e.now())),
            Map.entry("iptables", e -> new IptablesCommand(e.now())),
            Map.entry("iptables-nft", e -> new IptablesCommand(e.now())),
            Map.entry("iptables-save", e -> new IptablesSave(e.now())),
            Map.entry("iptables-nft-save", e -> new IptablesSave(e.now())),
            Map.entry("iptables-restore", e -> new IptablesRestore(e.now(), e.cwd())),
            Map.entry("iptables-nft-restore", e -> new IptablesRestore(e.now(), e.cwd())),
            Map.entry("nft", e -> new NftCommand(e.cwd())),
            Map.entry("dmesg", e -> new Dmesg()),
            Map.entry("ethtool", e -> new EthtoolCommand()),
            Map.entry("tc", e -> new TcCommand()),
            Map.entry("cat", e -> new Cat()));

    private Commands() {}

    /** The command called {@code name}, with no clock or folder (tests of commands that need neither). */
    public static Optional<Command> lookup(String name) {
        return lookup(name, Env.standalone());
    }

    /** The command called {@code name}, reading time from {@code now} (nanoseconds). */
    public static Optional<Command> lookup(String name, LongSupplier now) {
        return lookup(name, new Env(now, Path.of("")));
    }

    public static Optional<Command> lookup(String name, Env env) {
        Function<Env, Command> f = REGISTRY.get(name);
        return f == null ? Optional.empty() : Optional.of(f.apply(env));
    }

    /** What a shell says for a missing command: {@code NAME: command not found}, exit 127. */
    public static CommandResult notFound(String name) {
        return new CommandResult(127, "", name + ": command not found\n");
    }
}
