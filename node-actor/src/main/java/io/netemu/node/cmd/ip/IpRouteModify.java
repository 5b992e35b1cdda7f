package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.IprouteArgs.matches;
import static io.netemu.node.cmd.ip.IpRouteArgs.AF_INET;
import static io.netemu.node.cmd.ip.IpRouteArgs.AF_INET6;
import static io.netemu.node.cmd.ip.IpRouteArgs.AF_UNSPEC;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.ip.IpRouteArgs.Prefix;
import io.netemu.stack.NetException;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.Scope;
import io.netemu.stack.route.CNum;
import io.netemu.stack.route.FibConfig;
import io.netemu.stack.route.Nexthop;
import io.netemu.stack.route.Route;
import io.netemu.stack.route.RouteProtocol;
import io.netemu.stack.route.RouteTable;
import io.netemu.stack.route.RouteType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code ip route add|change|replace|prepend|append|test|delete ROUTE}: iproute.c's iproute_modify and parse_nexthops. */
final class IpRouteModify {
    /** Keywords iproute2 takes here that netemu does not model (route metrics, encapsulation, VRFs...). */
    private static final Set<String> UNSUPPORTED = Set.of("as", "from", "expires", "mtu", "hoplimit", "advmss",
            "reordering", "rtt", "rto_min", "window", "cwnd", "initcwnd", "initrwnd", "features", "quickack", "congctl",
            "rttvar", "ssthresh", "realms", "nhid", "vrf", "pref", "encap", "ttl-propagate", "fastopen_no_cookie");
    private static final List<String> PREFIXED = List.of("reordering", "window", "cwnd", "initcwnd", "initrwnd",
            "features", "quickack", "congctl", "rttvar", "ssthresh", "realms");

    private final NetNs ns;
    private final boolean delete;
    private int family;
    private int table = RouteTable.MAIN;
    private int type;
    private int protocol;
    private int scope = Scope.NOWHERE;
    private int tos;
    private int metric;
    private int prefsrc;
    private int gateway;
    private boolean onlink;
    private Prefix dst;
    private final List<Nexthop> nexthops = new ArrayList<>();

    IpRouteModify(NetNs ns, IpOptions opts, boolean delete) {
        this.ns = ns;
        this.delete = delete;
        this.family = opts.inet4Only() ? AF_INET : AF_UNSPEC;
    }

    /** Parses and applies; the kernel's refusal exits 2. */
    void run(List<String> argv, int nlflags) {
        if (!delete) {
            protocol = RouteProtocol.BOOT;
            scope = Scope.UNIVERSE;
            type = RouteType.UNICAST;
        }
        boolean gwOk = false;
        boolean nhsOk = false;
        boolean scopeOk = false;
        boolean tableOk = false;
        boolean typeOk = false;
        String dev = null;
        IprouteArgs a = new IprouteArgs(argv);
        for (; a.has(); a.skip()) {
            String w = a.cur();
            if (w.equals("src")) {
                Prefix p = inet(IpRouteArgs.addr(a.next(), family));
                family = family == AF_UNSPEC ? p.family() : family;
                prefsrc = p.addr();
            } else if (w.equals("via")) {
                if (gwOk) {
                    throw IprouteArgs.invarg("use nexthop syntax to specify multiple via\n", w);
                }
                gwOk = true;
                gateway = via(a);
            } else if (w.equals("tos") || matches(w, "dsfield")) {
                tos = IpRouteArgs.dsfield(a.next());
                if (tos < 0) {
                    throw IprouteArgs.invarg("\"tos\" value is invalid\n", a.cur());
                }
            } else if (matches(w, "metric") || matches(w, "priority") || w.equals("preference")) {
                long m = CNum.strtoul(a.next());
                if (m < 0) {
                    throw IprouteArgs.invarg("\"metric\" value is invalid\n", a.cur());
                }
                metric = (int) m;
            } else if (w.equals("scope")) {
                scope = IpRouteArgs.scope(a.next());
                if (scope < 0) {
                    throw IprouteArgs.invarg("invalid \"scope\" value\n", a.cur());
                }
                scopeOk = true;
            } else if (UNSUPPORTED.contains(w) || PREFIXED.stream().anyMatch(k -> matches(w, k))) {
                throw IpRoute.unsupported("\"" + w + "\"");
            } else if (w.equals("onlink")) {
                onlink = true;
            } else if (w.equals("nexthop")) {
                nhsOk = true;
                break;
            } else if (matches(w, "protocol")) {
                protocol = RouteProtocol.parse(a.next());
                if (protocol < 0) {
                    throw IprouteArgs.invarg("\"protocol\" value is invalid\n", a.cur());
                }
            } else if (matches(w, "table")) {
                long t = RouteTable.parseUnsigned(a.next());
                if (t < 0) {
                    throw IprouteArgs.invarg("\"table\" value is invalid\n", a.cur());
                }
                table = (int) t;
                tableOk = true;
            } else if (w.equals("dev") || w.equals("oif")) {
                dev = a.next();
            } else {
                String d = w;
                if (d.equals("to")) {
                    d = a.next();
                }
                int t = d.isEmpty() || (d.charAt(0) >= '0' && d.charAt(0) <= '9') ? -1 : RouteType.parse(d);
                if (t >= 0) {
                    d = a.next();
                    type = t;
                    typeOk = true;
                }
                if (matches(d, "help")) {
                    throw IpRoute.usage();
                }
                if (dst != null) {
                    throw CommandExit.usage("Error: either \"to\" is duplicate, or \"" + d + "\" is a garbage.\n");
                }
                dst = IpRouteArgs.prefix(d, family);
                if (family == AF_UNSPEC) {
                    family = dst.family();
                }
            }
        }
        if (dst == null) {
            throw IpRoute.usage();
        }
        int oif = dev == null ? 0 : IpRouteArgs.dev(ns, dev).ifindex();
        if (nhsOk) {
            parseNexthops(a);
        }
        if (family == AF_INET6) {
            throw CommandExit.kernel("RTNETLINK answers: Address family not supported by protocol\n");
        }
        if (!tableOk && (type == RouteType.LOCAL || type == RouteType.BROADCAST || type == RouteType.NAT
                || type == RouteType.ANYCAST)) {
            table = RouteTable.LOCAL;
        }
        if (!scopeOk) {
            if (type == RouteType.LOCAL || type == RouteType.NAT) {
                scope = Scope.HOST;
            } else if (type == RouteType.BROADCAST || type == RouteType.MULTICAST || type == RouteType.ANYCAST) {
                scope = Scope.LINK;
            } else if (type == RouteType.UNICAST || type == 0) {
                if (delete) {
                    scope = Scope.NOWHERE;
                } else if (!gwOk && !nhsOk) {
                    scope = Scope.LINK;
                }
            }
        }
        apply(oif, nlflags);
    }

    private void apply(int oif, int nlflags) {
        try {
            if (delete) {
                List<Nexthop> sel = !nexthops.isEmpty() ? nexthops
                        : gateway != 0 || oif != 0 ? List.of(new Nexthop(gateway, oif, 1, false)) : List.of();
                ns.fib().delete(new Route(table, type, dst.addr(), dst.bitlen(), tos, protocol, scope, prefsrc, metric, sel));
            } else {
                FibConfig cfg = new FibConfig(table, type, dst.addr(), dst.bitlen(), tos, protocol, scope, prefsrc, metric,
                        oif, gateway, onlink, nexthops);
                ns.fib().insert(cfg.toRoute(ns.fib(), ns.devs()), nlflags);
            }
        } catch (NetException e) {
            throw CommandExit.kernel(e.getMessage() + "\n");
        }
    }

    /** {@code via [FAMILY] ADDRESS}. */
    private int via(IprouteArgs a) {
        String w = a.next();
        int fam = IpRouteArgs.readFamily(w);
        if (fam == AF_UNSPEC) {
            fam = family;
        } else {
            w = a.next();
        }
        Prefix p = IpRouteArgs.addr(w, fam);
        if (family == AF_UNSPEC) {
            family = p.family();
        }
        return inet(p).addr();
    }

    private static Prefix inet(Prefix p) {
        if (p.family() == AF_INET6) {
            throw CommandExit.kernel("RTNETLINK answers: Address family not supported by protocol\n");
        }
        return p;
    }

    /** parse_nexthops / parse_one_nh: {@code nexthop [via A] [dev D] [weight W] [onlink]}... */
    private void parseNexthops(IprouteArgs a) {
        while (a.has()) {
            if (!a.cur().equals("nexthop")) {
                throw CommandExit.usage("Error: \"nexthop\" or end of line is expected instead of \"" + a.cur() + "\"\n");
            }
            a.skip();
            if (!a.has()) {
                throw CommandExit.usage("Error: unexpected end of line after \"nexthop\"\n");
            }
            int gw = 0;
            int ifindex = 0;
            int weight = 1;
            boolean nhOnlink = false;
            for (; a.has(); a.skip()) {
                String w = a.cur();
                if (w.equals("via")) {
                    gw = via(a);
                } else if (w.equals("dev")) {
                    String name = a.next();
                    if (ns.devs().byName(name) == null) {
                        throw CommandExit.usage("Cannot find device \"" + name + "\"\nError: cannot parse nexthop\n");
                    }
                    ifindex = ns.devs().byName(name).ifindex();
                } else if (w.equals("weight")) {
                    long v = CNum.strtoul(a.next());
                    if (v <= 0 || v > 256) {
                        throw IprouteArgs.invarg("\"weight\" is invalid\n", a.cur());
                    }
                    weight = (int) v;
                } else if (w.equals("onlink")) {
                    nhOnlink = true;
                } else if (matches(w, "realms") || w.equals("encap") || w.equals("as")) {
                    throw IpRoute.unsupported("nexthop \"" + w + "\"");
                } else {
                    break;
                }
            }
            nexthops.add(new Nexthop(gw, ifindex, weight, nhOnlink));
        }
    }
}
