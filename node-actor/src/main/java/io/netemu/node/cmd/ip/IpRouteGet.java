package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.IprouteArgs.matches;
import static io.netemu.node.cmd.ip.IpRouteArgs.AF_INET;
import static io.netemu.node.cmd.ip.IpRouteArgs.AF_INET6;
import static io.netemu.node.cmd.ip.IpRouteArgs.AF_UNSPEC;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.json.JsonWriter;
import io.netemu.node.cmd.ip.IpRouteArgs.Prefix;
import io.netemu.stack.NetException;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;
import io.netemu.stack.route.CNum;
import io.netemu.stack.route.FibResult;
import io.netemu.stack.route.MultipathHash;
import io.netemu.stack.route.RouteOutput;
import io.netemu.stack.route.RouteTable;
import io.netemu.stack.route.RouteType;
import java.util.List;

/**
 * {@code ip route get [fibmatch] ADDR [from A] [iif D] [oif D] [tos T] [uid N] [ipproto P] [sport N] [dport N]}:
 * iproute.c's iproute_get against route.c's inet_rtm_getroute. With {@code iif} the input path is
 * simplified: forwarding on the device, local and broadcast destinations, martian sources as local addresses.
 */
final class IpRouteGet {
    private final NetNs ns;
    private final IpOptions opts;

    IpRouteGet(NetNs ns, IpOptions opts) {
        this.ns = ns;
        this.opts = opts;
    }

    CommandResult run(List<String> argv) {
        int family = opts.inet4Only() ? AF_INET : AF_UNSPEC;
        int tos = 0;
        Prefix from = null;
        String idev = null;
        String odev = null;
        long uid = 0;
        boolean fibMatch = false;
        int proto = 0;
        int sport = 0;
        int dport = 0;
        Prefix to = null;
        StringBuilder err = new StringBuilder();
        IprouteArgs a = new IprouteArgs(argv);
        for (; a.has(); a.skip()) {
            String w = a.cur();
            if (w.equals("tos") || matches(w, "dsfield")) {
                tos = IpRouteArgs.dsfield(a.next());
                if (tos < 0) {
                    throw IprouteArgs.invarg("TOS value is invalid\n", a.cur());
                }
            } else if (matches(w, "from")) {
                String v = a.next();
                if (matches(v, "help")) {
                    throw IpRoute.usage();
                }
                from = IpRouteArgs.prefix(v, family);
                family = family == AF_UNSPEC ? from.family() : family;
            } else if (matches(w, "iif")) {
                idev = a.next();
            } else if (matches(w, "mark")) {
                if (CNum.strtoul(a.next()) < 0) {
                    throw IprouteArgs.invarg("invalid mark value", a.cur());
                }
            } else if (matches(w, "oif") || w.equals("dev")) {
                odev = a.next();
            } else if (matches(w, "notify")) {
                continue;
            } else if (matches(w, "connected") || matches(w, "vrf") || w.equals("as")) {
                throw IpRoute.unsupported("get \"" + w + "\"");
            } else if (matches(w, "uid")) {
                uid = CNum.strtoul(a.next());
                if (uid < 0) {
                    throw IprouteArgs.invarg("invalid UID\n", a.cur());
                }
            } else if (matches(w, "fibmatch")) {
                fibMatch = true;
            } else if (matches(w, "sport") || matches(w, "dport")) {
                long p = CNum.strtoul(a.next());
                if (p < 0 || p > 0xFFFF) {
                    throw IprouteArgs.invarg(w.startsWith("s") ? "invalid sport\n" : "invalid dport\n", a.cur());
                }
                if (w.startsWith("s")) {
                    sport = (int) p;
                } else {
                    dport = (int) p;
                }
            } else if (matches(w, "ipproto")) {
                String v = a.next();
                proto = switch (v) {
                    case "icmp" -> 1;
                    case "tcp" -> 6;
                    case "udp" -> 17;
                    default -> (int) CNum.strtoul(v);
                };
                if (proto < 0 || proto > 255) {
                    throw IprouteArgs.invarg("Invalid \"ipproto\" value\n", v);
                }
            } else {
                String v = w.equals("to") ? a.next() : w;
                if (matches(v, "help")) {
                    throw IpRoute.usage();
                }
                to = IpRouteArgs.prefix(v, family);
                family = family == AF_UNSPEC ? to.family() : family;
                if (to.family() != AF_INET6 && to.bitlen() != 32) {
                    err.append("Warning: /").append(to.bitlen()).append(" as prefix is invalid, only /32 (or none) is supported.\n");
                }
            }
        }
        if (to == null) {
            throw CommandExit.fail("need at least a destination address\n");
        }
        NetDev in = idev == null ? null : IpRouteArgs.dev(ns, idev);
        NetDev out = odev == null ? null : IpRouteArgs.dev(ns, odev);
        if (family == AF_INET6) {
            throw CommandExit.kernel(err + "RTNETLINK answers: Address family not supported by protocol\n");
        }
        int src = from == null ? 0 : from.addr();
        int hash = MultipathHash.of(ns.sysctl().getInt("net.ipv4.fib_multipath_hash_policy"), src, to.addr(), proto,
                sport, dport);
        IpRouteMsg m;
        try {
            m = in != null ? input(to.addr(), src, tos, in, hash, uid)
                    : output(to.addr(), src, from != null, out == null ? 0 : out.ifindex(), tos, hash, uid, fibMatch);
        } catch (NetException e) {
            throw CommandExit.kernel(err + e.getMessage() + "\n");
        }
        IpRouteFilter f = IpRouteFilter.reset();
        IpRoutePrint p = new IpRoutePrint(ns, opts, f);
        StringBuilder o = new StringBuilder();
        if (opts.json()) {
            JsonWriter j = new JsonWriter(o, opts.pretty());
            j.startArray();
            p.json(j, m);
            j.endArray();
            j.finish();
        } else {
            p.text(o, m);
        }
        return new CommandResult(0, o.toString(), err.toString());
    }

    /** rt_fill_info for an output route; with fibmatch, the FIB route itself (fib_dump_info). */
    private IpRouteMsg output(int dst, int src, boolean hasFrom, int oif, int tos, int hash, long uid, boolean fibMatch)
            throws NetException {
        RouteOutput.Rt rt = RouteOutput.resolve(ns.fib(), ns.devs(), ns.addrs(), dst, src, oif, tos, hash);
        if (fibMatch) {
            if (rt.fib() == null) {
                throw new NetException(113, "RTNETLINK answers: No route to host");
            }
            return IpRouteMsg.of(rt.fib().route(), ns);
        }
        return new IpRouteMsg(rt.type(), dst, 32, hasFrom, src, 32, tos, rt.gateway(), rt.oif(), rt.table(), 0, 0,
                rt.src() != src ? rt.src() : 0, 0, 0, true, rt.flags(), uid, 0, List.of());
    }

    /** ip_route_input_slow, simplified: local and broadcast delivery, else forwarding if the device forwards. */
    private IpRouteMsg input(int dst, int src, int tos, NetDev in, int hash, long uid) throws NetException {
        if (src == 0 || (src >>> 24) == 0 || src == -1 || (src & 0xF000_0000) == 0xE000_0000
                || (ns.addrs().isLocal(src) && ns.sysctl().getInt("net.ipv4.conf.all.accept_local") == 0
                        && ns.sysctl().getInt("net.ipv4.conf." + in.name() + ".accept_local") == 0)) {
            throw NetException.invalid();
        }
        FibResult res = ns.fib().lookup(dst, tos, 0, Scope.UNIVERSE, hash);
        boolean forwarding = ns.sysctl().forwarding(in.name());
        int lo = ns.devs().byName("lo") == null ? 0 : ns.devs().byName("lo").ifindex();
        if (dst == -1 || (res != null && res.type() == RouteType.BROADCAST)) {
            return cached(RouteType.BROADCAST, dst, src, 0, lo, res == null ? 0 : res.table(),
                    RouteOutput.RTCF_BROADCAST | RouteOutput.RTCF_LOCAL, in);
        }
        if (res != null && res.type() == RouteType.LOCAL) {
            return cached(RouteType.LOCAL, dst, src, 0, lo, res.table(), RouteOutput.RTCF_LOCAL, in);
        }
        if (res == null || RouteType.isReject(res.type())) {
            throw !forwarding ? new NetException(113, "RTNETLINK answers: No route to host")
                    : res == null ? NetException.netUnreachable() : RouteOutput.reject(res.type());
        }
        if (!forwarding) {
            throw new NetException(113, "RTNETLINK answers: No route to host");
        }
        int table = res.table() == RouteTable.MAIN ? RouteTable.MAIN : res.table();
        return cached(res.type(), dst, src, res.nexthop().gateway(), res.ifindex(), table, 0, in);
    }

    private IpRouteMsg cached(int type, int dst, int src, int gw, int oif, int table, int flags, NetDev in) {
        return new IpRouteMsg(type, dst, 32, true, src, 32, 0, gw, oif, table, 0, 0, 0, 0, 0, true, flags, -1,
                in.ifindex(), List.of());
    }
}
