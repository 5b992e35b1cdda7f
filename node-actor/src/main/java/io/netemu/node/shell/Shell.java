package io.netemu.node.shell;

import io.netemu.node.bpf.BpfKernel;
import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.Commands;
import io.netemu.node.cmd.NetnsOp;
import io.netemu.stack.NetNs;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs one command line in a namespace as a shell would (topology-format.md "Commands"): words
 * split as POSIX does, the program looked up among those the emulator has, exit 127 otherwise.
 */
public final class Shell {
    private final NetNs ns;
    private final LongSupplier now;
    private final java.nio.file.Path cwd;
    private final BpfKernel bpf;

    /** A finished run: its result so far and the work outside the namespace it still asks for. */
    public record Outcome(CommandResult result, List<NetnsOp> ops) {}

    /** A shell whose file names resolve against the JVM's working directory. */
    public Shell(NetNs ns, LongSupplier now) {
        this(ns, now, java.nio.file.Path.of(""));
    }

    /** {@code cwd}: the lab file's folder, against which commands resolve the files they name. */
    public Shell(NetNs ns, LongSupplier now, java.nio.file.Path cwd) {
        this(ns, now, cwd, BpfKernel.standalone());
    }

    /** {@code bpf}: the lab's BPF tables, which every namespace's commands share. */
    public Shell(NetNs ns, LongSupplier now, java.nio.file.Path cwd, BpfKernel bpf) {
        this.ns = ns;
        this.now = now;
        this.cwd = cwd;
        this.bpf = bpf;
    }

    public static List<String> words(String line) {
        return ShellWords.split(line);
    }

    /** Runs a command that completes at once, ignoring any work it asks of other namespaces. */
    public CommandResult run(List<String> argv) {
        return execute(argv).result();
    }

    /**
     * Runs a command that completes at once; {@code ping} and other process commands are actors,
     * not this. What it asks of other namespaces comes back in the outcome, not yet done.
     */
    public Outcome execute(List<String> argv) {
        if (argv.isEmpty()) {
            return new Outcome(CommandResult.ok(""), List.of());
        }
        String name = argv.get(0);
        Commands.Env env = new Commands.Env(now, cwd, new io.netemu.node.cmd.NetnsOps(), bpf);
        Command c = Commands.lookup(name, env).orElse(null);
        if (c == null) {
            return new Outcome(Commands.notFound(name), List.of());
        }
        try {
            CommandResult r = c.run(argv, ns);
            return new Outcome(r, r.exit() == 0 ? env.ops().list() : List.of());
        } catch (RuntimeException e) {
            // a command's bug must not take the namespace down: report it as the shell would a crash
            return new Outcome(CommandResult.fail(139, name + ": internal error: " + e), List.of());
        }
    }
}
