package io.netemu.node.cmd.iptables;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtTable;
import io.netemu.stack.netfilter.iptables.Xtables;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code iptables} as iptables 1.8.9 (nf_tables) of Debian 12 behaves (xtables-standalone.c,
 * xtables.c): parse, run one command on a table of the namespace, and answer with its output,
 * messages and exit statuses: 0 done, 1 a command that failed ({@code iptables: ...}), 2 a bad
 * command line (with the help hint), 3 an unknown table, 4 a rule the kernel refused.
 */
public final class IptablesCommand implements Command {
    static final String VERSION = "iptables v1.8.9 (nf_tables)";
    static final String PREFIX = VERSION + ": ";
    static final String TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

    private final LongSupplier now;

    public IptablesCommand(LongSupplier now) {
        this.now = now;
    }

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        StringBuilder out = new StringBuilder();
        StringBuilder notes = new StringBuilder();
        CommandResult r = run(argv, ns, out, notes);
        return notes.isEmpty() ? r : new CommandResult(r.exit(), r.stdout(), notes + r.stderr());
    }

    private CommandResult run(List<String> argv, NetNs ns, StringBuilder out, StringBuilder notes) {
        try {
            IptCmd cmd = IptParse.parse(argv, null, notes);
            XtTable t = table(ns, cmd.table);
            Object snap = cmd.srcs.size() * cmd.dsts.size() > 1 ? t.snapshot() : null;
            try {
                new IptExec(ns, t, now, out).run(cmd);
            } catch (RuntimeException e) {
                if (snap != null) {
                    t.restore(snap);
                }
                throw e;
            }
            return CommandResult.ok(out.toString());
        } catch (IptWords.Stop s) {
            return CommandResult.ok(s.help ? IptHelp.TEXT : VERSION + "\n");
        } catch (XtError e) {
            return new CommandResult(2, out.toString(), PREFIX + e.getMessage() + "\n" + TRY);
        } catch (IptWords.BadArgument e) {
            return new CommandResult(2, out.toString(), "Bad argument `" + e.getMessage() + "'\n" + TRY);
        } catch (IptFail f) {
            return new CommandResult(f.kernel ? 4 : 1, out.toString(), failText(f));
        } catch (CommandExit e) {
            return e.result(out.toString());
        }
    }

    static String failText(IptFail f) {
        if (f.kernel) {
            return PREFIX + f.getMessage() + "\n";
        }
        return "iptables: " + f.getMessage() + (f.einval ? ". Run `dmesg' for more information.\n" : ".\n");
    }

    /** The table called {@code name}, or exit 3 as nft_init's table lookup does. */
    static XtTable table(NetNs ns, String name) {
        XtTable t = Xtables.of(ns).table(name);
        if (t == null) {
            throw new CommandExit(3, PREFIX + "table '" + name + "' does not exist\n"
                    + "Perhaps iptables or your kernel needs to be upgraded.\n");
        }
        return t;
    }
}
