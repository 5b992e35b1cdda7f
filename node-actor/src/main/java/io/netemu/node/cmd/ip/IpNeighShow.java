package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.IprouteArgs.duparg;
import static io.netemu.node.cmd.IprouteArgs.invarg;
import static io.netemu.node.cmd.IprouteArgs.matchesOrEmpty;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.neigh.NeighEntry;
import io.netemu.stack.neigh.NudState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code ip neigh show|flush}: do_show_or_flush of iproute2 6.1's ip/ipneigh.c. */
final class IpNeighShow {
    private static final int NUD_NONE_FILTER = 0x100;
    private static final int MAX_ROUNDS = 10;
    private static final Set<String> PROTOCOLS = Set.of("redirect", "kernel", "boot", "static", "gated", "ra", "mrt",
            "zebra", "bird", "dnrouted", "xorp", "ntk", "dhcp", "keepalived", "babel", "openr", "bgp", "isis", "ospf",
            "rip", "eigrp");

    private final IpOptions opts;
    private final NetNs ns;
    private final long now;
    private int state;
    private int index;
    private int master;
    private boolean noMaster;
    private boolean unusedOnly;
    private boolean proxy;
    private boolean protocol;
    private IpNeighArgs.Prefix prefix;

    IpNeighShow(IpOptions opts, NetNs ns, long now) {
        this.opts = opts;
        this.ns = ns;
        this.now = now;
    }

    CommandResult run(List<String> argv, boolean flush) {
        if (flush && argv.isEmpty()) {
            throw new CommandExit(1, "Flush requires arguments.\n");
        }
        state = flush ? ~(NudState.PERMANENT.bits() | NudState.NOARP.bits()) : 0xff & ~NudState.NOARP.bits();
        String dev = null;
        boolean stateGiven = false;
        for (IprouteArgs a = new IprouteArgs(argv); a.has(); a.skip()) {
            String w = a.cur();
            if (w.equals("dev")) {
                String d = a.next();
                if (dev != null) {
                    throw duparg("dev", d);
                }
                dev = d;
            } else if (w.equals("master") || w.equals("vrf")) {
                String m = a.next();
                NetDev md = ns.devs().byName(m);
                if (md == null || w.equals("vrf")) {
                    throw invarg(w.equals("vrf") ? "Not a valid VRF name\n" : "Device does not exist\n", m);
                }
                master = md.ifindex();
            } else if (w.equals("nomaster")) {
                noMaster = true;
            } else if (w.equals("unused")) {
                unusedOnly = true;
            } else if (w.equals("nud")) {
                String s = a.next();
                if (!stateGiven) {
                    stateGiven = true;
                    state = 0;
                }
                int bits = IpNeighArgs.nud(s);
                if (bits < 0) {
                    if (!s.equals("all")) {
                        throw invarg("nud state is bad", s);
                    }
                    bits = flush ? ~NudState.NOARP.bits() : ~0;
                }
                state |= bits == 0 ? NUD_NONE_FILTER : bits;
            } else if (w.equals("proxy")) {
                proxy = true;
            } else if (matchesOrEmpty(w, "protocol")) {
                String p = a.next();
                if (!p.equals("all") && !PROTOCOLS.contains(p) && IpNeighArgs.unsigned(p) < 0) {
                    throw invarg("invalid \"protocol\"\n", p);
                }
                protocol = !p.equals("all") && IpNeighArgs.unsigned(p) != 0;
            } else {
                if (w.equals("to")) {
                    w = a.next();
                }
                if (matchesOrEmpty(w, "help")) {
                    throw new CommandExit(255, IpNeigh.USAGE);
                }
                prefix = IpNeighArgs.prefix(w, opts.inet4Only());
            }
        }
        if (dev != null) {
            NetDev d = ns.devs().byName(dev);
            if (d == null) {
                throw IprouteArgs.nodev(dev);
            }
            index = d.ifindex();
        }
        return flush ? flush() : show();
    }

    private CommandResult show() {
        StringBuilder out = new StringBuilder();
        IpNeighPrinter p = new IpNeighPrinter(opts, ns, now, index != 0, out, opts.json());
        for (NeighEntry e : selected()) {
            p.print(e);
        }
        p.finish();
        return CommandResult.ok(out.toString());
    }

    /** Rounds of dump-and-delete until a round finds nothing; FAILED entries only in the first. */
    private CommandResult flush() {
        StringBuilder out = new StringBuilder();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<NeighEntry> doomed = selected();
            if (doomed.isEmpty()) {
                if (opts.stats() > 0) {
                    out.append(round == 0 ? "Nothing to flush.\n"
                            : "*** Flush is complete after " + round + " round" + (round > 1 ? "s" : "") + " ***\n");
                }
                return CommandResult.ok(out.toString());
            }
            if (opts.stats() > 1) {
                IpNeighPrinter p = new IpNeighPrinter(opts, ns, now, index != 0, out, false);
                doomed.forEach(p::print);
            }
            Set<Long> keys = new HashSet<>();
            doomed.forEach(e -> keys.add(((long) e.ifindex() << 32) | (e.ip() & 0xffff_ffffL)));
            ns.neigh().deleteIf(e -> keys.contains(((long) e.ifindex() << 32) | (e.ip() & 0xffff_ffffL)), now);
            if (opts.stats() > 0) {
                out.append("\n*** Round ").append(round + 1).append(", deleting ").append(doomed.size())
                        .append(" entries ***\n");
            }
            state &= ~NudState.FAILED.bits();
        }
        out.append("*** Flush not complete bailing out after ").append(MAX_ROUNDS).append(" rounds\n");
        return new CommandResult(1, out.toString(), "");
    }

    /** The entries print_neigh would print with this filter. */
    private List<NeighEntry> selected() {
        List<NeighEntry> out = new ArrayList<>();
        if (proxy || protocol) {
            return out; // no proxy entries, and kernel-made entries carry no protocol
        }
        for (NeighEntry e : ns.neigh().entries()) {
            int bits = e.state().bits();
            if ((state & bits) == 0 && (bits != 0 || (state & NUD_NONE_FILTER) == 0)) {
                continue;
            }
            if ((index != 0 && e.ifindex() != index) || (prefix != null && !prefix.matches(e.ip()))) {
                continue;
            }
            NetDev d = ns.devs().get(e.ifindex());
            int m = d == null ? 0 : d.master();
            if ((master != 0 && m != master) || (noMaster && m != 0) || (unusedOnly && e.refcnt() != 0)) {
                continue;
            }
            out.add(e);
        }
        return out;
    }
}
