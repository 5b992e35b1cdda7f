package io.netemu.node.cmd.ip;

import io.netemu.node.bpf.BpfKernel;
import io.netemu.node.cmd.Command;
import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.NetnsOps;
import io.netemu.stack.NetNs;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code ip}: the global options and the object table of ip/ip.c (iproute2 6.1). Objects are
 * chosen as iproute2 chooses them, the first in its table that the word abbreviates
 * ({@code ip a} is address, {@code ip r} route, {@code ip n} neighbor, {@code ip l} link).
 * Exit statuses are iproute2's: 255 for usage errors ({@code exit(-1)}), 1 and 2 from the objects.
 */
public final class IpCommand implements Command {
    /** ip.c's cmds[], in order; the abbreviation rule depends on it. */
    private static final List<String> OBJECTS = List.of(
            "address", "addrlabel", "maddress", "route", "rule", "neighbor", "neighbour", "ntable", "ntbl", "link",
            "l2tp", "fou", "ila", "macsec", "tunnel", "tunl", "tuntap", "tap", "token", "tcpmetrics", "tcp_metrics",
            "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr", "nexthop", "mptcp", "ioam",
            "help");
    private static final String VERSION = "ip utility, iproute2-6.1.0\n";

    private final LongSupplier now;
    private final NetnsOps ops;
    private final BpfKernel bpf;
    private final java.nio.file.Path cwd;

    /** A run whose work outside the namespace is dropped (tests of what stays inside it). */
    public IpCommand(LongSupplier now) {
        this(now, new NetnsOps());
    }

    /**
     * @param now the run's clock, handed to {@code ip neigh} (its entries age) and to the kernel log
     * @param ops where {@code -n}, {@code ip netns} and {@code ip link} record work in other namespaces
     */
    public IpCommand(LongSupplier now, NetnsOps ops) {
        this(now, ops, BpfKernel.standalone(), java.nio.file.Path.of(""));
    }

    /**
     * @param bpf the lab's BPF tables ({@code ip link set DEV xdp obj F} loads there)
     * @param cwd where object files named on the command line are found (the lab's folder)
     */
    public IpCommand(LongSupplier now, NetnsOps ops, BpfKernel bpf, java.nio.file.Path cwd) {
        this.now = now;
        this.ops = ops;
        this.bpf = bpf;
        this.cwd = cwd;
    }

    @Override
    public CommandResult run(List<String> argv, NetNs ns) {
        IpOptionsParser.Parsed g;
        try {
            g = IpOptionsParser.parse(argv);
        } catch (CommandExit e) {
            return e.result("");
        }
        if (g.version()) {
            return CommandResult.ok(VERSION);
        }
        if (g.switchTo() != null) {
            ops.add(g.switchTo()); // the rest of the command line runs in the named namespace
            return CommandResult.ok("");
        }
        if (g.rest().isEmpty()) {
            return new CommandResult(255, "", IpUsage.IP);
        }
        String word = g.rest().get(0);
        List<String> args = g.rest().subList(1, g.rest().size());
        String object = null;
        for (String o : OBJECTS) {
            if (IprouteArgs.matches(word, o)) {
                object = o;
                break;
            }
        }
        if (object == null) {
            return new CommandResult(1, "", "Object \"" + word + "\" is unknown, try \"ip help\".\n");
        }
        IpCtx ctx = g.ctx();
        return switch (object) {
            case "address" -> new IpAddr().run(ctx, args, ns);
            case "link" -> new IpLink(ops, now, bpf.sys(), cwd, g.force()).run(ctx, args, ns);
            case "netns" -> new IpNetns(ops, g.all()).run(ctx.opts(), args, ns);
            case "route" -> delegate(new IpRoute(), ctx, args, ns);
            case "neighbor", "neighbour" -> delegate(new IpNeigh(now), ctx, args, ns);
            case "help" -> new CommandResult(255, "", IpUsage.IP);
            default -> new CommandResult(2, "", "Error: netemu: \"ip " + object + "\" is not supported yet.\n");
        };
    }

    private static CommandResult delegate(IpObject o, IpCtx ctx, List<String> args, NetNs ns) {
        boolean show = args.isEmpty() || IprouteArgs.matches(args.get(0), "show") || IprouteArgs.matches(args.get(0), "list");
        if (ctx.family() == IpCtx.INET6 && show) {
            return CommandResult.ok(ctx.opts().json() ? "[]\n" : ""); // IPv6 is not emulated: nothing to list
        }
        return o.run(ctx.opts(), args, ns);
    }

    /** Something iproute2 does that netemu does not (yet): exit 2, said plainly. */
    static CommandExit unsupported(String what) {
        return CommandExit.kernel("Error: netemu: " + what + " is not supported yet.");
    }
}
