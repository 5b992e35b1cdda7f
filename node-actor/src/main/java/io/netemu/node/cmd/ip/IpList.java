package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.stack.NetException;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.List;

/**
 * ipaddr_list_flush_or_save (ip/ipaddress.c): the listing behind {@code ip link show} and
 * {@code ip addr show}, and {@code ip addr flush}.
 *
 * <p><b>Pitfalls</b> kept from iproute2: under {@code -j}, a link that {@code up}
 * filters out still leaves an empty {@code {}} (its object is opened before the check);
 * links filtered by {@code master} or {@code type} (which the kernel filters) leave nothing.
 */
final class IpList {
    private static final int MAX_FLUSH_LOOPS = 10;

    private IpList() {}

    /** The listing; {@code doLink} for {@code ip link} (family forced to link). */
    static void list(Printer p, NetNs ns, IpCtx given, IpFilter f, boolean doLink) {
        IpCtx ctx = given.withFamily(f.family);
        IpOptions o = ctx.opts();
        int family = ctx.family();
        boolean noLink = false;
        List<LinkView> views = new ArrayList<>();
        for (LinkView v : LinkView.all(ns)) {
            if (f.ifindex != 0 && v.ifindex() != f.ifindex) {
                continue;
            }
            if (f.ifindex == 0 && !kernelKeeps(f, v)) {
                continue;
            }
            views.add(v);
        }
        if (family != IpCtx.PACKET) {
            noLink = o.oneline();
            views.removeIf(v -> !hasSelectedAddr(ns, v, f, family));
        }
        p.begin();
        for (LinkView v : views) {
            p.openObject(null);
            int res = 0;
            if (o.brief() || !noLink) {
                res = printLink(p, v, ctx, f, doLink);
            }
            if (res >= 0 && family != IpCtx.PACKET) {
                printAddrs(p, ns, v, ctx, f);
            }
            if (res > 0 && !doLink && o.stats() > 0) {
                StatsFormatter.print(p, ns.stats(v.ifindex()), o.stats(), ctx.human(), ctx.iec());
                p.nl();
            }
            p.closeObject();
        }
        p.end();
    }

    /** The kernel-side dump filters (IFLA_MASTER, IFLA_LINKINFO kind in iplink_filter_req). */
    private static boolean kernelKeeps(IpFilter f, LinkView v) {
        if (f.master > 0 && v.d.master() != f.master || f.master == -1 && v.d.master() != 0) {
            return false;
        }
        return f.kind == null || f.kind.equals(v.kind());
    }

    /** ipaddr_filter: keep a link with a matching address, or one with no address at all. */
    private static boolean hasSelectedAddr(NetNs ns, LinkView v, IpFilter f, int family) {
        List<InetAddr> addrs = ns.addrs().onDev(v.ifindex());
        if (addrs.isEmpty()) {
            return family == IpCtx.UNSPEC;
        }
        if (family == IpCtx.INET6) {
            return false;
        }
        for (InetAddr a : addrs) {
            if (f.addrMatches(v.d, a)) {
                return true;
            }
        }
        return false;
    }

    /** print_linkinfo's filtering and printing: -1 filtered out, 0 not printed (label), 1 printed. */
    private static int printLink(Printer p, LinkView v, IpCtx ctx, IpFilter f, boolean doLink) {
        if (!f.linkMatches(v)) {
            return -1;
        }
        if (f.label != null) {
            return 0;
        }
        LinkFormatter.print(p, v, ctx, doLink);
        return ctx.opts().brief() ? 0 : 1;
    }

    /** print_selected_addrinfo. */
    private static void printAddrs(Printer p, NetNs ns, LinkView v, IpCtx ctx, IpFilter f) {
        p.openJsonArray("addr_info");
        if (ctx.family() != IpCtx.INET6 && !(f.up && !v.up())) {
            for (InetAddr a : AddrFormatter.kernelOrder(ns, v.ifindex())) {
                if (f.addrMatches(v.d, a)) {
                    p.openObject(null);
                    AddrFormatter.print(p, v.d, a, ctx.opts(), ctx.opts().oneline());
                    p.closeObject();
                }
            }
        }
        p.closeJsonArray();
        if (ctx.opts().brief()) {
            p.fp("\n");
        }
    }

    /** ipaddr_flush: rounds of deleting what matches until nothing does. */
    static void flush(Printer out, NetNs ns, IpCtx ctx, IpFilter f) {
        int stats = ctx.opts().stats();
        for (int round = 0; round < MAX_FLUSH_LOOPS; round++) {
            List<InetAddr> doomed = new ArrayList<>();
            for (NetDev d : ns.devs().all()) {
                for (InetAddr a : AddrFormatter.kernelOrder(ns, d.ifindex())) {
                    if (f.addrMatches(d, a)) {
                        doomed.add(a);
                        if (stats >= 2) {
                            AddrFormatter.print(out, d, a, ctx.opts(), true);
                        }
                    }
                }
            }
            if (doomed.isEmpty()) {
                if (stats > 0) {
                    out.fp(round == 0 ? "Nothing to flush.\n"
                            : "*** Flush is complete after " + round + " round" + (round > 1 ? "s" : "") + " ***\n");
                }
                return;
            }
            for (InetAddr a : doomed) {
                try {
                    ns.addrDel(a);
                } catch (NetException e) {
                    // already gone with its primary (EADDRNOTAVAIL is ignored by flush_update)
                }
            }
            if (stats > 0) {
                out.fp("\n*** Round " + (round + 1) + ", deleting " + doomed.size() + " addresses ***\n");
            }
            if ((f.flags & AddrFormatter.F_SECONDARY) == 0 && (f.flagmask & AddrFormatter.F_SECONDARY) != 0) {
                if (stats > 0) {
                    out.fp("*** Flush is complete after " + (round + 1) + " round" + (round > 0 ? "s" : "") + " ***\n");
                }
                return;
            }
        }
        throw CommandExit.fail("*** Flush remains incomplete after " + MAX_FLUSH_LOOPS + " rounds. ***");
    }
}
