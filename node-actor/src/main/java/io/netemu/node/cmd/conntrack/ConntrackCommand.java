package io.netemu.node.cmd.conntrack;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.conntrack.Conn;
import io.netemu.stack.netfilter.conntrack.Conntrack;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code conntrack} of conntrack-tools 1.4.7 (src/conntrack.c do_command_ct, print_stats) over
 * the namespace's connection tracker: {@code -L} (with filters, {@code -o extended,id}, {@code -z}),
 * {@code -G}, {@code -D}, {@code -F}, {@code -C}, {@code -S}, {@code -V}, {@code -h}; the
 * expectation, dying and unconfirmed tables are empty here. Events ({@code -E}) and changing
 * entries ({@code -I}, {@code -U}, {@code -A}) are not emulated and fail as an unsupported
 * operation. A namespace without conntrack loaded has an empty table, as Linux's has.
 */
public final class ConntrackCommand implements Command {
    private final LongSupplier now;

    /** @param nowNanos the run's clock, for the seconds left on each entry */
    public ConntrackCommand(LongSupplier nowNanos) {
        this.now = nowNanos;
    }

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        StringBuilder out = new StringBuilder();
        ConntrackArgs a;
        try {
            a = ConntrackArgs.parse(argv);
        } catch (CommandExit e) {
            return e.result("");
        }
        String warn = a.filter.warnings.toString();
        try {
            CommandResult r = execute(a, ns.netfilter().conntrack(), out);
            return new CommandResult(r.exit(), r.stdout(), warn + r.stderr());
        } catch (CommandExit e) {
            return new CommandResult(e.status(), out.toString(), warn + e.stderr());
        }
    }

    private CommandResult execute(ConntrackArgs a, Conntrack ct, StringBuilder out) {
        long t = now.getAsLong();
        boolean ctTable = a.table == ConntrackArgs.T_CONNTRACK;
        switch (a.command) {
            case ConntrackArgs.LIST -> {
                if (a.table == ConntrackArgs.T_EXPECT) {
                    return shown(out, 0, "expectations have been shown.");
                }
                if (a.zero && (a.options & ~((1 << ConntrackArgs.O_ZERO) | (1 << ConntrackArgs.O_OUTPUT)
                        | (1 << ConntrackArgs.O_FAMILY))) != 0) {
                    throw ConntrackArgs.param("Can't use -z with filtering parameters");
                }
                List<Conn> l = ctTable ? select(a, ct, t) : List.of();
                for (Conn c : l) {
                    out.append(CtPrinter.line(c, t, a.extended, a.showId)).append('\n');
                    if (a.zero) {
                        c.zeroCounters();
                    }
                }
                return shown(out, l.size(), "flow entries have been shown.");
            }
            case ConntrackArgs.GET -> {
                if (!ctTable) {
                    throw ConntrackArgs.other("Operation failed: such conntrack doesn't exist");
                }
                List<Conn> l = select(a, ct, t);
                l.removeIf(c -> !a.filter.isTuple(c));
                if (l.isEmpty()) {
                    throw ConntrackArgs.other("Operation failed: such conntrack doesn't exist");
                }
                out.append(CtPrinter.line(l.get(0), t, a.extended, a.showId)).append('\n');
                return shown(out, 1, "flow entries have been shown.");
            }
            case ConntrackArgs.DELETE -> {
                if (!ctTable) {
                    throw ConntrackArgs.other("Operation failed: such conntrack doesn't exist");
                }
                int n = 0;
                for (Conn c : select(a, ct, t)) {
                    if (ct.remove(c)) {
                        out.append(CtPrinter.line(c, t, a.extended, a.showId)).append('\n');
                        n++;
                    }
                }
                CommandResult r = shown(out, n, "flow entries have been deleted.");
                return n == 0 ? new CommandResult(1, r.stdout(), r.stderr()) : r;
            }
            case ConntrackArgs.FLUSH -> {
                if (ctTable && ct != null) {
                    ct.flush();
                }
                return new CommandResult(0, "", ConntrackArgs.HEAD + (ctTable
                        ? "connection tracking table has been emptied.\n" : "expectation table has been emptied.\n"));
            }
            case ConntrackArgs.COUNT -> {
                return CommandResult.ok((ctTable && ct != null ? ct.count(t) : 0) + "\n");
            }
            case ConntrackArgs.STATS -> {
                return CommandResult.ok(ctTable ? CtPrinter.stats(ct)
                        : "cpu=0   \texpect_new=0 expect_create=0 expect_delete=0 \n");
            }
            case ConntrackArgs.VERSION -> {
                return CommandResult.ok("conntrack v1.4.7 (conntrack-tools)\n");
            }
            case ConntrackArgs.EVENT, ConntrackArgs.CREATE, ConntrackArgs.UPDATE, ConntrackArgs.ADD ->
                throw ConntrackArgs.other("Operation failed: Operation not supported");
            default -> {
                return CommandResult.ok(CtPrinter.USAGE);
            }
        }
    }

    private static List<Conn> select(ConntrackArgs a, Conntrack ct, long t) {
        List<Conn> l = new ArrayList<>();
        if (ct == null || a.ipv6) {
            return l;
        }
        for (Conn c : ct.entries(t)) {
            if (a.filter.matches(c)) {
                l.add(c);
            }
        }
        return l;
    }

    private static CommandResult shown(StringBuilder out, int n, String what) {
        return new CommandResult(0, out.toString(), ConntrackArgs.HEAD + n + " " + what + "\n");
    }
}
