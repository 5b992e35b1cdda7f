package io.netemu.node.cmd.bridge;

import static io.netemu.node.cmd.IprouteArgs.matches;
import static io.netemu.node.cmd.IprouteArgs.matchesOrEmpty;

import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.OptionCursor;
import io.netemu.node.cmd.json.JsonWriter;
import io.netemu.stack.NetNs;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * {@code bridge}: the options and object table of iproute2 6.1's bridge/bridge.c, with
 * {@code fdb show} and {@code link show} over the namespace's bridges ({@link BridgeFdbShow},
 * {@link BridgeLinkShow}). VLAN filtering, MDB and VNI are not emulated, so their listings are
 * empty; changes ({@code fdb add}, {@code link set}, ...) answer "Operation not supported";
 * {@code -color} is accepted and ignored.
 */
public final class BridgeCommand implements Command {
    private static final List<String> OBJECTS = List.of("link", "fdb", "mdb", "vlan", "vni", "monitor", "help");

    /** The global options that matter here. */
    record Opts(int stats, int details, boolean json, boolean pretty) {}

    private final LongSupplier now;

    /** With no clock: entries look just made ({@code bridge -s fdb} shows 0 s). */
    public BridgeCommand() {
        this(() -> 0L);
    }

    /** @param nowNanos the clock the namespace drives its bridges with, in nanoseconds */
    public BridgeCommand(LongSupplier nowNanos) {
        this.now = nowNanos;
    }

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        try {
            int stats = 0;
            int details = 0;
            boolean json = false;
            boolean pretty = false;
            OptionCursor c = new OptionCursor(argv);
            for (String o; (o = c.next()) != null; ) {
                if (matches(o, "-help")) {
                    throw new CommandExit(255, BridgeUsage.MAIN);
                } else if (matches(o, "-Version")) {
                    return CommandResult.ok("bridge utility, 6.1.0\n");
                } else if (matches(o, "-stats") || matches(o, "-statistics")) {
                    stats++;
                } else if (matches(o, "-details")) {
                    details++;
                } else if (matches(o, "-oneline") || matches(o, "-timestamp") || o.equals("-4") || o.equals("-6")
                        || matches(o, "-compressvlans") || matches(o, "-force") || o.startsWith("-color")
                        || matches(o, "-color")) {
                    continue;
                } else if (matches(o, "-family")) {
                    String f = c.arg();
                    if (f == null || f.equals("help")) {
                        throw new CommandExit(255, BridgeUsage.MAIN);
                    }
                    if (!f.equals("inet") && !f.equals("inet6")) {
                        throw IprouteArgs.invarg("invalid protocol family", f);
                    }
                } else if (matches(o, "-netns")) {
                    String n = Objects.requireNonNullElse(c.peekArg(), "(null)");
                    throw new CommandExit(255, "Cannot open network namespace \"" + n + "\": No such file or directory\n");
                } else if (matches(o, "-json")) {
                    json = true;
                } else if (matches(o, "-pretty")) {
                    pretty = true;
                } else {
                    throw new CommandExit(255, "Option \"" + c.typed() + "\" is unknown, try \"bridge help\".\n");
                }
            }
            List<String> rest = c.rest();
            if (rest.isEmpty()) {
                throw new CommandExit(255, BridgeUsage.MAIN);
            }
            Opts opts = new Opts(stats, details, json, pretty);
            String word = rest.get(0);
            List<String> args = rest.subList(1, rest.size());
            for (String obj : OBJECTS) {
                if (matchesOrEmpty(word, obj)) {
                    return CommandResult.ok(object(obj, opts, args, ns));
                }
            }
            throw new CommandExit(255, "Object \"" + word + "\" is unknown, try \"bridge help\".\n");
        } catch (CommandExit e) {
            return e.result("");
        }
    }

    private String object(String obj, Opts opts, List<String> a, NetNs ns) {
        String sub = a.isEmpty() ? "show" : a.get(0);
        List<String> rest = a.isEmpty() ? a : a.subList(1, a.size());
        boolean show = matchesOrEmpty(sub, "show") || matchesOrEmpty(sub, "lst") || matchesOrEmpty(sub, "list");
        switch (obj) {
            case "fdb" -> {
                if (show) {
                    return new BridgeFdbShow(opts, ns, now.getAsLong()).run(rest);
                }
                for (String op : List.of("add", "append", "replace", "delete", "get", "flush")) {
                    if (matchesOrEmpty(sub, op)) {
                        throw unsupported();
                    }
                }
                return unknown(sub, "fdb", BridgeUsage.FDB);
            }
            case "link" -> {
                if (matchesOrEmpty(sub, "set") || matchesOrEmpty(sub, "change")) {
                    throw unsupported();
                }
                return show ? new BridgeLinkShow(opts, ns).run(rest) : unknown(sub, "link", BridgeUsage.LINK);
            }
            case "vlan" -> {
                return show ? (opts.json() ? emptyJson(opts) : "port              vlan-id  \n")
                        : other(sub, "vlan", BridgeUsage.VLAN, "add", "delete", "set", "tunnelshow", "global");
            }
            case "mdb" -> {
                if (!show) {
                    return other(sub, "mdb", BridgeUsage.MDB, "add", "delete");
                }
                if (!opts.json()) {
                    return "";
                }
                StringBuilder out = new StringBuilder();
                new JsonWriter(out, opts.pretty()).startArray().startObject().name("mdb").startArray().endArray()
                        .name("router").startObject().endObject().endObject().endArray().finish();
                return out.toString();
            }
            case "vni" -> {
                return show ? (opts.json() ? emptyJson(opts) : "dev               vni              group/remote   \n")
                        : other(sub, "vni", BridgeUsage.VNI, "add", "delete");
            }
            case "monitor" -> {
                if (!a.isEmpty() && matchesOrEmpty(sub, "help")) {
                    throw new CommandExit(255, BridgeUsage.MONITOR);
                }
                throw new CommandExit(255, "netemu: bridge monitor is not supported\n");
            }
            default -> throw new CommandExit(255, BridgeUsage.MAIN);
        }
    }

    /** nodev(): bridge returns the object's -1 as is, so it exits 255 (ip exits 1). */
    static CommandExit nodev(String dev) {
        return new CommandExit(255, "Cannot find device \"" + dev + "\"\n");
    }

    /** A change netemu does not implement, answered as a kernel without the feature would. */
    static CommandExit unsupported() {
        return new CommandExit(255, "RTNETLINK answers: Operation not supported\n");
    }

    private static String emptyJson(Opts opts) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out, opts.pretty()).startArray().endArray().finish();
        return out.toString();
    }

    /** {@code help} prints the object's usage; anything else is "unknown". Both exit 255. */
    private static String unknown(String sub, String obj, String usage) {
        if (matchesOrEmpty(sub, "help")) {
            throw new CommandExit(255, usage);
        }
        throw new CommandExit(255, "Command \"" + sub + "\" is unknown, try \"bridge " + obj + " help\".\n");
    }

    /** A subcommand other than show: the changes are not supported, the rest as {@link #unknown}. */
    private static String other(String sub, String obj, String usage, String... changes) {
        for (String c : changes) {
            if (matchesOrEmpty(sub, c)) {
                throw unsupported();
            }
        }
        return unknown(sub, obj, usage);
    }
}
