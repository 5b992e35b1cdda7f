package io.netemu.node.cmd.iptables;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.iptables.XtChain;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtTable;
import io.netemu.stack.netfilter.iptables.Xtables;
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
 * as it was. FILE is read from the host's filesystem (relative paths from the working directory
 * netemu runs in); without FILE there is no input, as a lab command has no stdin.
 */
public final class IptablesRestore implements Command {
    private static final String PROG = "iptables-restore";
    private static final String PREFIX = PROG + " v1.8.9 (nf_tables): ";
    private static final String TRY = "Try `iptables-restore -h' or 'iptables-restore --help' for more information.\n";

    private final LongSupplier now;

    public IptablesRestore(LongSupplier now) {
        this.now = now;
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
                lines = Files.readAllLines(Path.of(file));
            } catch (NoSuchFileException e) {
                return new CommandResult(1, "", "Can't open " + file + ": No such file or directory\n");
            } catch (IOException e) {
                return new CommandResult(1, "", "Can't open " + file + ": " + e.getMessage() + "\n");
            }
        }
        StringBuilder out = new StringBuilder();
        try {
            new Session(ns, counters, noflush, verbose, test, only, out).restore(lines);
        } catch (CommandExit e) {
            return e.result(out.toString());
        }
        return CommandResult.ok(out.toString());
    }

    private static CommandResult bad(String msg) {
        return new CommandResult(1, "", PROG + ": " + msg + "\nTry `iptables-restore -h' for more information.\n");
    }

    /** One restore: the current section's table, its snapshot, line numbers for messages. */
    private final class Session {
        private final NetNs ns;
        private final boolean counters;
        private final boolean noflush;
        private final boolean verbose;
        private final boolean test;
        private final String only;
        private final StringBuilder out;
        private XtTable table;
        private Object snapshot;
        private boolean skip;
        /** A jump to a chain that did not exist: nft finds out when the section commits. */
        private String pendingChain;

        Session(NetNs ns, boolean counters, boolean noflush, boolean verbose, boolean test, String only, StringBuilder out) {
            this.ns = ns;
            this.counters = counters;
            this.noflush = noflush;
            this.verbose = verbose;
            this.test = test;
            this.only = only;
            this.out = out;
        }

        void restore(List<String> lines) {
            int line = 0;
            boolean inTable = false;
            for (String raw : lines) {
                line++;
                String l = raw;
                if (l.isEmpty()) {
                    continue;
                }
                if (l.startsWith("#")) {
                    if (verbose) {
                        out.append(l).append('\n');
                    }
                } else if (inTable && l.startsWith("COMMIT")) {
                    if (pendingChain != null) {
                        fail(PREFIX + pendingChain + "\n", 2, line);
                    }
                    if (test && table != null) {
                        table.restore(snapshot);
                    }
                    inTable = false;
                    table = null;
                } else if (l.startsWith("*") && !inTable) {
                    inTable = true;
                    startTable(l.substring(1).trim().split("[ \t]+")[0], line);
                } else if (l.startsWith(":") && inTable) {
                    if (!skip) {
                        chainLine(l.substring(1), line);
                    }
                } else if (inTable) {
                    if (!skip) {
                        ruleLine(l, line);
                    }
                } else {
                    throw new CommandExit(1, PROG + ": line " + line + " failed\n");
                }
            }
            if (inTable) {
                rollback();
                throw new CommandExit(1, PROG + ": COMMIT expected at line " + (line + 1) + "\n");
            }
        }

        private void startTable(String name, int line) {
            skip = only != null && !only.equals(name);
            if (skip) {
                table = null;
                return;
            }
            table = Xtables.of(ns).table(name);
            if (table == null) {
                throw new CommandExit(2, PREFIX + PROG + ": line " + line + " table name '" + name + "' invalid\n"
                        + "Error occurred at line: " + line + "\n" + TRY);
            }
            snapshot = table.snapshot();
            if (!noflush) {
                for (XtChain c : table.chains()) {
                    table.flush(c);
                }
                for (XtChain u : table.userChains()) {
                    table.deleteChain(u);
                }
            }
            table.touch();
        }

        /** {@code :CHAIN POLICY [p:b]}: a built-in chain's policy, or a user chain (flushed if it exists). */
        private void chainLine(String body, int line) {
            String[] w = body.trim().split("[ \t]+");
            String chain = w[0];
            if (chain.isEmpty()) {
                fail(PROG + ": line " + line + " chain name invalid\n", 2, line);
            }
            if (chain.length() >= 29) {
                fail(PREFIX + "Invalid chain name `" + chain + "' (28 chars max)\n", 2, line);
            }
            if (w.length < 2) {
                fail(PREFIX + PROG + ": line " + line + " policy invalid\n", 2, line);
            }
            long[] ctr = w.length > 2 && counters ? parseCounters(w[2]) : new long[] {0, 0};
            XtChain c = table.chain(chain);
            if (!w[1].equals("-")) {
                if (c == null || !c.builtin()) {
                    failLine(line, "Bad built-in chain name");
                }
                if (!w[1].equals("ACCEPT") && !w[1].equals("DROP")) {
                    failLine(line, "Bad policy name");
                }
                table.setPolicy(c, w[1].equals("DROP"));
                c.setPolicyCounters(ctr[0], ctr[1]);
            } else if (c == null) {
                IptParse.chainName(chain);
                table.newChain(chain);
            } else if (!c.builtin()) {
                table.flush(c);
            }
        }

        private long[] parseCounters(String s) {
            if (s.startsWith("[") && s.endsWith("]") && s.indexOf(':') > 0) {
                String[] pb = s.substring(1, s.length() - 1).split(":");
                try {
                    return new long[] {Long.parseUnsignedLong(pb[0]), Long.parseUnsignedLong(pb[1])};
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    return new long[] {0, 0};
                }
            }
            return new long[] {0, 0};
        }

        private void ruleLine(String l, int line) {
            String rest = l;
            long[] ctr = null;
            if (rest.startsWith("[")) {
                int close = rest.indexOf(']');
                if (close < 0) {
                    fail(PREFIX + "Bad line " + line + ": need ]\n\n", 2, line);
                }
                ctr = parseCounters(rest.substring(0, close + 1));
                rest = rest.substring(close + 1);
            }
            List<String> argv = new ArrayList<>();
            argv.add("iptables");
            argv.addAll(words(rest));
            try {
                IptCmd cmd = IptParse.parse(argv, table.name());
                if (ctr != null && counters) {
                    cmd.pcnt = ctr[0];
                    cmd.bcnt = ctr[1];
                }
                new IptExec(ns, table, now, out).run(cmd);
            } catch (XtError e) {
                if (e.getMessage().startsWith("Chain '") && e.getMessage().endsWith("' does not exist")) {
                    if (pendingChain == null) {
                        pendingChain = e.getMessage();
                    }
                    return;
                }
                fail(PREFIX + e.getMessage() + "\n", 2, line);
            } catch (IptParse.BadArgument e) {
                fail("Bad argument `" + e.getMessage() + "'\n", 2, line);
            } catch (IptParse.Stop e) {
                rollback();
                throw new CommandExit(0, "");
            } catch (IptFail f) {
                rollback();
                if (f.kernel) {
                    throw new CommandExit(4, PREFIX + "\nline " + line + ":" + f.getMessage() + "\n");
                }
                throw new CommandExit(1, PROG + ": line " + line + " failed: " + f.getMessage() + ".\n");
            }
        }

        private void failLine(int line, String msg) {
            rollback();
            throw new CommandExit(1, PROG + ": line " + line + " failed: " + msg + ".\n");
        }

        private void fail(String msg, int status, int line) {
            rollback();
            throw new CommandExit(status, msg + "Error occurred at line: " + line + "\n" + TRY);
        }

        private void rollback() {
            if (table != null) {
                table.restore(snapshot);
            }
        }
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
