package io.netemu.node.cmd.iptables;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code iptables-restore [-c] [-n] [-T table] [-v] FILE} (xtables-restore.c, 1.8.9 nf_tables):
 * reads what iptables-save wrote. Each {@code *table} ... {@code COMMIT} section is applied as
 * one commit: the table is flushed first (unless {@code --noflush}) and a failing line leaves it
 * as it was. FILE is read from the host's filesystem (relative paths from the folder the
 * lab file is in); without FILE there is no input, as a lab command has no stdin.
 */
public final class IptablesRestore implements Command {
    static final String PROG = "iptables-restore";
    static final String PREFIX = PROG + " v1.8.9 (nf_tables): ";
    static final String TRY = "Try `iptables-restore -h' or 'iptables-restore --help' for more information.\n";

    private final LongSupplier now;
    /** Where relative file names point: the lab file's folder (topology-format.md "Files"). */
    private final Path cwd;

    public IptablesRestore(LongSupplier now) {
        this(now, Path.of(""));
    }

    public IptablesRestore(LongSupplier now, Path cwd) {
        this.now = now;
        this.cwd = cwd;
    }

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        boolean counters = false;
        boolean noflush = false;
        boolean verbose = false;
        boolean test = false;
        String only = null;
        String file = null;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "-c", "--counters" -> counters = true;
                case "-n", "--noflush" -> noflush = true;
                case "-v", "--verbose" -> verbose = true;
                case "-t", "--test" -> test = true;
                case "-w", "--wait", "-W", "--wait-interval", "-b", "--binary" -> { }
                case "-T", "--table", "-M", "--modprobe" -> {
                    if (i + 1 >= argv.size()) {
                        return bad("option requires an argument -- '" + a.charAt(a.startsWith("--") ? 2 : 1) + "'");
                    }
                    String v = argv.get(++i);
                    if (a.equals("-T") || a.equals("--table")) {
                        only = v;
                    }
                }
                case "-V", "--version" -> { return CommandResult.ok(PROG + " v1.8.9 (nf_tables)\n"); }
                case "-h", "--help" -> {
                    return CommandResult.ok("Usage: iptables-restore [-c] [-v] [-V] [-t] [-h] [-n] [-T table] [-M command] [-4] [-6] [file]\n");
                }
                default -> {
                    if (a.startsWith("--")) {
                        return bad("unrecognized option '" + a + "'");
                    }
                    if (a.startsWith("-") && a.length() > 1) {
                        return bad("invalid option -- '" + a.charAt(1) + "'");
                    }
                    file = a;
                }
            }
        }
        List<String> lines = List.of();
        if (file != null) {
            try {
                lines = Files.readAllLines(cwd.resolve(file));
            } catch (NoSuchFileException e) {
                return new CommandResult(1, "", "Can't open " + file + ": No such file or directory\n");
            } catch (IOException e) {
                return new CommandResult(1, "", "Can't open " + file + ": " + e.getMessage() + "\n");
            }
        }
        StringBuilder out = new StringBuilder();
        try {
            new RestoreSession(ns, now, counters, noflush, verbose, test, only, out).restore(lines);
        } catch (CommandExit e) {
            return e.result(out.toString());
        }
        return CommandResult.ok(out.toString());
    }

    private static CommandResult bad(String msg) {
        return new CommandResult(1, "", PROG + ": " + msg + "\nTry `iptables-restore -h' for more information.\n");
    }

    /** add_param_to_argv: words split on blanks, "double quotes" grouping, backslash escapes inside quotes. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quote = false;
        boolean escaped = false;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (quote) {
                if (escaped) {
                    w.append(c);
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    quote = false;
                } else {
                    w.append(c);
                }
                continue;
            }
            if (c == '"') {
                quote = true;
                any = true;
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (w.length() > 0 || any) {
                    out.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0 || any) {
            out.add(w.toString());
        }
        return out;
    }
}
