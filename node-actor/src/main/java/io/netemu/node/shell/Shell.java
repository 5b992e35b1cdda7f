package io.netemu.node.shell;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.Commands;
import io.netemu.stack.NetNs;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs one command line in a namespace as a shell would (topology-format.md "Commands"): words
 * split as POSIX does, the program looked up among those the emulator has, exit 127 otherwise.
 */
public final class Shell {
    private final NetNs ns;
    private final Commands.Env env;

    /** A shell whose file names resolve against the JVM's working directory. */
    public Shell(NetNs ns, LongSupplier now) {
        this(ns, now, java.nio.file.Path.of(""));
    }

    /** {@code cwd}: the lab file's folder, against which commands resolve the files they name. */
    public Shell(NetNs ns, LongSupplier now, java.nio.file.Path cwd) {
        this.ns = ns;
        this.env = new Commands.Env(now, cwd);
    }

    public static List<String> words(String line) {
        return ShellWords.split(line);
    }

    /** Runs a command that completes at once; {@code ping} and other process commands are actors, not this. */
    public CommandResult run(List<String> argv) {
        if (argv.isEmpty()) {
            return CommandResult.ok("");
        }
        String name = argv.get(0);
        Command c = Commands.lookup(name, env).orElse(null);
        if (c == null) {
            return Commands.notFound(name);
        }
        try {
            return c.run(argv, ns);
        } catch (RuntimeException e) {
            // a command's bug must not take the namespace down: report it as the shell would a crash
            return CommandResult.fail(139, name + ": internal error: " + e);
        }
    }
}
