package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.IprouteArgs.duparg;
import static io.netemu.node.cmd.IprouteArgs.duparg2;
import static io.netemu.node.cmd.IprouteArgs.invarg;
import static io.netemu.node.cmd.IprouteArgs.matchesOrEmpty;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.stack.NetException;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.neigh.NeighEntry;
import io.netemu.stack.neigh.NeighTable;
import io.netemu.stack.neigh.NudState;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code ip neigh}: iproute2 6.1's ip/ipneigh.c over the namespace's {@link NeighTable}
 * (the kernel side of neigh_add, neigh_delete, neigh_get and the dump). Output, errors and
 * exit statuses are iproute2's. Accepted and ignored: {@code router}, {@code extern_learn},
 * {@code managed}, {@code use}, {@code protocol}; {@code proxy} entries are not supported.
 */
public final class IpNeigh implements IpObject {
    static final String USAGE = """
            Usage: ip neigh { add | del | change | replace }
                            { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }
                            [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]
                            [ protocol PROTO ]

            \tip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]
            \t\t\t\t  [ vrf NAME ] [ nomaster ]
            \tip neigh get { ADDR | proxy ADDR } dev DEV

            STATE := { delay | failed | incomplete | noarp | none |
                       permanent | probe | reachable | stale }
            """;

    private enum Op { ADD, CHANGE, REPLACE, DELETE }

    private final LongSupplier now;

    /** With no clock: every entry looks just made ({@code ip -s neigh} shows 0 s). */
    public IpNeigh() {
        this(() -> 0L);
    }

    /** @param nowNanos the clock the namespace drives its {@link NeighTable} with, in nanoseconds */
    public IpNeigh(LongSupplier nowNanos) {
        this.now = nowNanos;
    }

    @Override
    public CommandResult run(IpOptions opts, List<String> args, NetNs ns) {
        try {
            if (args.isEmpty()) {
                return new IpNeighShow(opts, ns, now.getAsLong()).run(args, false);
            }
            String w = args.get(0);
            List<String> rest = args.subList(1, args.size());
            if (matchesOrEmpty(w, "add")) {
                return modify(Op.ADD, opts, rest, ns);
            } else if (matchesOrEmpty(w, "change") || w.equals("chg")) {
                return modify(Op.CHANGE, opts, rest, ns);
            } else if (matchesOrEmpty(w, "replace")) {
                return modify(Op.REPLACE, opts, rest, ns);
            } else if (matchesOrEmpty(w, "delete")) {
                return modify(Op.DELETE, opts, rest, ns);
            } else if (matchesOrEmpty(w, "get")) {
                return get(opts, rest, ns);
            } else if (matchesOrEmpty(w, "show") || matchesOrEmpty(w, "lst") || matchesOrEmpty(w, "list")) {
                return new IpNeighShow(opts, ns, now.getAsLong()).run(rest, false);
            } else if (matchesOrEmpty(w, "flush")) {
                return new IpNeighShow(opts, ns, now.getAsLong()).run(rest, true);
            } else if (matchesOrEmpty(w, "help")) {
                return CommandResult.fail(255, USAGE);
            }
            return CommandResult.fail(255, "Command \"" + w + "\" is unknown, try \"ip neigh help\".");
        } catch (CommandExit e) {
            return e.result("");
        }
    }

    /** ipneigh_modify: parse as iproute2 does, then neigh_add / neigh_delete. */
    private CommandResult modify(Op op, IpOptions opts, List<String> argv, NetNs ns) {
        int nud = NudState.PERMANENT.bits();
        String lla = null;
        String dev = null;
        long dst = IpNeighArgs.UNSPEC;
        boolean dstOk = false;
        boolean proxy = false;
        for (IprouteArgs a = new IprouteArgs(argv); a.has(); a.skip()) {
            String w = a.cur();
            if (matchesOrEmpty(w, "lladdr")) {
                String v = a.next();
                if (lla != null) {
                    throw duparg("lladdr", v);
                }
                lla = v;
            } else if (w.equals("nud")) {
                String v = a.next();
                nud = IpNeighArgs.nud(v);
                if (nud < 0) {
                    throw invarg("nud state is bad", v);
                }
            } else if (matchesOrEmpty(w, "proxy")) {
                String v = a.next();
                if (dstOk) {
                    throw duparg("address", v);
                }
                dst = IpNeighArgs.addr(v, opts.inet4Only());
                dstOk = true;
                proxy = true;
            } else if (w.equals("router") || matchesOrEmpty(w, "extern_learn") || matchesOrEmpty(w, "use")
                    || matchesOrEmpty(w, "managed")) {
                continue;
            } else if (w.equals("dev")) {
                dev = a.next();
            } else if (matchesOrEmpty(w, "protocol")) {
                a.next();
            } else {
                if (w.equals("to")) {
                    w = a.next();
                }
                if (matchesOrEmpty(w, "help")) {
                    w = a.next();
                }
                if (dstOk) {
                    throw duparg2("to", w);
                }
                dst = IpNeighArgs.addr(w, opts.inet4Only());
                dstOk = true;
            }
        }
        if ((dev == null && !proxy) || !dstOk || dst == IpNeighArgs.UNSPEC) {
            throw new CommandExit(255, "Device and destination are required arguments.\n");
        }
        byte[] ll = lla == null || lla.equals("null") ? null : IpNeighArgs.lladdr(lla);
        NetDev d = dev == null ? null : ns.devs().byName(dev);
        if (dev != null && d == null) {
            throw IprouteArgs.nodev(dev);
        }
        if (proxy || dst == IpNeighArgs.INET6) {
            throw new CommandExit(2, "RTNETLINK answers: Operation not supported\n");
        }
        int ip = key(d, dst);
        long t = now.getAsLong();
        try {
            if (op == Op.DELETE) {
                ns.neigh().delete(d.ifindex(), ip, t);
                return CommandResult.ok("");
            }
            if (ll != null && ll.length < 6) {
                throw new CommandExit(2, "Error: Invalid link address.\n");
            }
            long mac = ll == null ? -1 : mac(ll);
            NudState s = IpNeighArgs.state(nud);
            switch (op) {
                case ADD -> ns.neigh().add(d.ifindex(), ip, mac, s, t);
                case CHANGE -> ns.neigh().change(d.ifindex(), ip, mac, s, t);
                default -> ns.neigh().replace(d.ifindex(), ip, mac, s, t);
            }
            return CommandResult.ok("");
        } catch (NetException e) {
            return CommandResult.fail(2, e.getMessage());
        }
    }

    /** ipneigh_get: one entry, printed as {@code show} prints it (always as text). */
    private CommandResult get(IpOptions opts, List<String> argv, NetNs ns) {
        String dev = null;
        long dst = IpNeighArgs.UNSPEC;
        boolean dstOk = false;
        for (IprouteArgs a = new IprouteArgs(argv); a.has(); a.skip()) {
            String w = a.cur();
            if (w.equals("dev")) {
                dev = a.next();
            } else if (matchesOrEmpty(w, "proxy")) {
                throw new CommandExit(2, "RTNETLINK answers: Operation not supported\n");
            } else {
                if (w.equals("to")) {
                    w = a.next();
                }
                if (matchesOrEmpty(w, "help")) {
                    throw new CommandExit(255, USAGE);
                }
                if (dstOk) {
                    throw duparg2("to", w);
                }
                dst = IpNeighArgs.addr(w, opts.inet4Only());
                dstOk = true;
            }
        }
        if (dev == null || !dstOk || dst == IpNeighArgs.UNSPEC) {
            throw new CommandExit(1, "Device and address are required arguments.\n");
        }
        NetDev d = ns.devs().byName(dev);
        if (d == null) {
            throw IprouteArgs.nodev(dev);
        }
        NeighEntry e = dst == IpNeighArgs.INET6 ? null : ns.neigh().lookup(d.ifindex(), key(d, dst));
        if (e == null) {
            throw new CommandExit(2, "Error: Neighbour entry not found.\n");
        }
        StringBuilder out = new StringBuilder();
        IpNeighPrinter p = new IpNeighPrinter(opts, ns, now.getAsLong(), false, out, false);
        p.print(e);
        return CommandResult.ok(out.toString());
    }

    /** The table key: loopback devices key every neighbour as 0.0.0.0, as Linux shows them. */
    private static int key(NetDev d, long dst) {
        return d.kind() == DevKind.LOOPBACK ? 0 : (int) dst;
    }

    private static long mac(byte[] ll) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (ll[i] & 0xff);
        }
        return v;
    }
}
