package io.netemu.node.cmd.iptables;

import io.netemu.node.cmd.CommandExit;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.iptables.XtChain;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtTable;
import io.netemu.stack.netfilter.iptables.Xtables;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One iptables-restore run over its input lines (xtables-restore.c xtables_restore_parse with
 * nft's per-COMMIT batches): the section's table and its snapshot to roll back to, line numbers
 * for messages, the commands of each line run as iptables runs them.
 */
final class RestoreSession {
    private final NetNs ns;
    private final LongSupplier now;
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

    RestoreSession(NetNs ns, LongSupplier now, boolean counters, boolean noflush, boolean verbose, boolean test,
                   String only, StringBuilder out) {
        this.ns = ns;
        this.now = now;
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
                    fail(IptablesRestore.PREFIX + pendingChain + "\n", 2, line);
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
                throw new CommandExit(1, IptablesRestore.PROG + ": line " + line + " failed\n");
            }
        }
        if (inTable) {
            rollback();
            throw new CommandExit(1, IptablesRestore.PROG + ": COMMIT expected at line " + (line + 1) + "\n");
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
            throw new CommandExit(2, IptablesRestore.PREFIX + IptablesRestore.PROG + ": line " + line + " table name '" + name + "' invalid\n"
                    + "Error occurred at line: " + line + "\n" + IptablesRestore.TRY);
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
            fail(IptablesRestore.PROG + ": line " + line + " chain name invalid\n", 2, line);
        }
        if (chain.length() >= 29) {
            fail(IptablesRestore.PREFIX + "Invalid chain name `" + chain + "' (28 chars max)\n", 2, line);
        }
        if (w.length < 2) {
            fail(IptablesRestore.PREFIX + IptablesRestore.PROG + ": line " + line + " policy invalid\n", 2, line);
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
            IptWords.chainName(chain);
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
                fail(IptablesRestore.PREFIX + "Bad line " + line + ": need ]\n\n", 2, line);
            }
            ctr = parseCounters(rest.substring(0, close + 1));
            rest = rest.substring(close + 1);
        }
        List<String> argv = new ArrayList<>();
        argv.add("iptables");
        argv.addAll(IptablesRestore.words(rest));
        try {
            IptCmd cmd = IptParse.parse(argv, table.name(), new StringBuilder());
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
            fail(IptablesRestore.PREFIX + e.getMessage() + "\n", 2, line);
        } catch (IptWords.BadArgument e) {
            fail("Bad argument `" + e.getMessage() + "'\n", 2, line);
        } catch (IptWords.Stop e) {
            rollback();
            throw new CommandExit(0, "");
        } catch (IptFail f) {
            rollback();
            if (f.kernel) {
                throw new CommandExit(4, IptablesRestore.PREFIX + "\nline " + line + ":" + f.getMessage() + "\n");
            }
            throw new CommandExit(1, IptablesRestore.PROG + ": line " + line + " failed: " + f.getMessage() + ".\n");
        }
    }

    private void failLine(int line, String msg) {
        rollback();
        throw new CommandExit(1, IptablesRestore.PROG + ": line " + line + " failed: " + msg + ".\n");
    }

    private void fail(String msg, int status, int line) {
        rollback();
        throw new CommandExit(status, msg + "Error occurred at line: " + line + "\n" + IptablesRestore.TRY);
    }

    private void rollback() {
        if (table != null) {
            table.restore(snapshot);
        }
    }
}
