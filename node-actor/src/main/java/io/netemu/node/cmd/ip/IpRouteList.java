package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.IprouteArgs.matches;
import static io.netemu.node.cmd.ip.IpRouteArgs.AF_INET;
import static io.netemu.node.cmd.ip.IpRouteArgs.AF_UNSPEC;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.json.JsonWriter;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.Scope;
import io.netemu.stack.route.CNum;
import io.netemu.stack.route.Route;
import io.netemu.stack.route.RouteProtocol;
import io.netemu.stack.route.RouteTable;
import io.netemu.stack.route.RouteType;
import java.util.ArrayList;
import java.util.List;

/** {@code ip route show|list|flush SELECTOR}: iproute.c's iproute_list_flush_or_save and iproute_flush. */
final class IpRouteList {
    private final NetNs ns;
    private final IpOptions opts;
    private final IpRouteFilter f = new IpRouteFilter();

    IpRouteList(NetNs ns, IpOptions opts) {
        this.ns = ns;
        this.opts = opts;
    }

    CommandResult run(List<String> argv, boolean flush) {
        if (flush && argv.isEmpty()) {
            throw CommandExit.fail("\"ip route flush\" requires arguments.\n");
        }
        parse(argv);
        if (flush) {
            return flush();
        }
        List<IpRouteMsg> routes = dump("Dump").stream().map(r -> IpRouteMsg.of(r, ns)).toList();
        IpRoutePrint p = new IpRoutePrint(ns, opts, f);
        StringBuilder out = new StringBuilder();
        if (opts.json()) {
            JsonWriter j = new JsonWriter(out, opts.pretty());
            j.startArray();
            routes.forEach(m -> p.json(j, m));
            j.endArray();
            j.finish();
        } else {
            routes.forEach(m -> p.text(out, m));
        }
        return CommandResult.ok(out.toString());
    }

    private void parse(List<String> argv) {
        int family = opts.inet4Only() ? AF_INET : AF_UNSPEC;
        String od = null;
        String id = null;
        IprouteArgs a = new IprouteArgs(argv);
        for (; a.has(); a.skip()) {
            String w = a.cur();
            if (matches(w, "table")) {
                String t = a.next();
                long tid = RouteTable.parseUnsigned(t);
                if (tid >= 0) {
                    f.tb = (int) tid;
                } else if (t.equals("all")) {
                    f.tb = 0;
                } else if (t.equals("cache")) {
                    f.cloned = 1;
                } else if (t.equals("help")) {
                    throw IpRoute.usage();
                } else {
                    throw IprouteArgs.invarg("table id value is invalid\n", t);
                }
            } else if (matches(w, "vrf") || matches(w, "realms")) {
                throw IpRoute.unsupported("show \"" + w + "\"");
            } else if (matches(w, "cached") || matches(w, "cloned")) {
                f.cloned = 1;
            } else if (w.equals("tos") || matches(w, "dsfield")) {
                f.tos = IpRouteArgs.dsfield(a.next());
                if (f.tos < 0) {
                    throw IprouteArgs.invarg("TOS value is invalid\n", a.cur());
                }
                f.tosmask = -1;
            } else if (matches(w, "protocol")) {
                String v = a.next();
                f.protocolmask = -1;
                f.protocol = RouteProtocol.parse(v);
                if (f.protocol < 0) {
                    if (!v.equals("all")) {
                        throw IprouteArgs.invarg("invalid \"protocol\"\n", v);
                    }
                    f.protocol = 0;
                    f.protocolmask = 0;
                }
            } else if (matches(w, "scope")) {
                String v = a.next();
                f.scopemask = -1;
                f.scope = IpRouteArgs.scope(v);
                if (f.scope < 0) {
                    if (!v.equals("all")) {
                        throw IprouteArgs.invarg("invalid \"scope\"\n", v);
                    }
                    f.scope = Scope.NOWHERE;
                    f.scopemask = 0;
                }
            } else if (matches(w, "type")) {
                int t = RouteType.parse(a.next());
                if (t < 0) {
                    throw IprouteArgs.invarg("node type value is invalid\n", a.cur());
                }
                f.typemask = 1L << t;
            } else if (w.equals("dev") || w.equals("oif")) {
                od = a.next();
            } else if (w.equals("iif")) {
                id = a.next();
            } else if (w.equals("mark")) {
                long m = CNum.strtoul(a.next());
                if (m < 0) {
                    throw IprouteArgs.invarg("invalid mark value", a.cur());
                }
                f.mark = (int) m;
                f.markmask = -1;
            } else if (matches(w, "metric") || matches(w, "priority") || w.equals("preference")) {
                long m = CNum.strtoul(a.next());
                if (m < 0) {
                    throw IprouteArgs.invarg("\"metric\" value is invalid\n", a.cur());
                }
                f.metric = (int) m;
                f.metricmask = -1;
            } else if (w.equals("via")) {
                String v = a.next();
                int fam = IpRouteArgs.readFamily(v);
                if (fam == AF_UNSPEC) {
                    fam = family;
                } else {
                    v = a.next();
                }
                f.rvia = IpRouteArgs.prefix(v, fam);
            } else if (w.equals("src")) {
                f.rprefsrc = IpRouteArgs.prefix(a.next(), family);
            } else if (matches(w, "from")) {
                String v = a.next();
                if (matches(v, "root")) {
                    f.rsrc = IpRouteArgs.prefix(a.next(), family);
                } else if (matches(v, "match")) {
                    f.msrc = IpRouteArgs.prefix(a.next(), family);
                } else {
                    if (matches(v, "exact")) {
                        v = a.next();
                    }
                    f.msrc = IpRouteArgs.prefix(v, family);
                    f.rsrc = f.msrc;
                }
            } else {
                String v = w;
                if (matches(v, "to")) {
                    v = a.next();
                }
                if (matches(v, "root")) {
                    f.rdst = IpRouteArgs.prefix(a.next(), family);
                } else if (matches(v, "match")) {
                    f.mdst = IpRouteArgs.prefix(a.next(), family);
                } else {
                    if (matches(v, "exact")) {
                        v = a.next();
                    }
                    f.mdst = IpRouteArgs.prefix(v, family);
                    f.rdst = f.mdst;
                }
            }
        }
        if (id != null) {
            f.iif = IpRouteArgs.dev(ns, id).ifindex();
            f.iifmask = -1;
        }
        if (od != null) {
            f.oif = IpRouteArgs.dev(ns, od).ifindex();
            f.oifmask = -1;
        }
    }

    /** The routes the kernel dumps and the filter keeps, in dump order (tables in hash order, each as the trie walks). */
    private List<Route> dump(String what) {
        List<Route> out = new ArrayList<>();
        if (f.cloned == 1) {
            return out;                        // IPv4 keeps no route cache to show
        }
        if (f.tb != 0 && !ns.fib().hasTable(f.tb)) {
            throw CommandExit.kernel("Error: ipv4: FIB table does not exist.\n" + what + " terminated\n");
        }
        for (int t : f.tb == 0 ? ns.fib().tableIds() : List.of(f.tb)) {
            for (Route r : ns.fib().table(t)) {
                if (f.accepts(IpRouteMsg.of(r, ns))) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** iproute_flush: delete what matches, round after round until nothing does; with -s, say so. */
    private CommandResult flush() {
        StringBuilder out = new StringBuilder();
        if (f.cloned == 1) {
            if (opts.stats() > 0) {
                out.append("*** IPv4 routing cache is flushed.\n");
            }
            return CommandResult.ok(out.toString());
        }
        IpRoutePrint p = new IpRoutePrint(ns, opts, f);
        int round = 0;
        while (true) {
            List<Route> victims = dump("Flush");
            if (victims.isEmpty()) {
                if (opts.stats() > 0) {
                    out.append(round == 0 ? "Nothing to flush.\n"
                            : "*** Flush is complete after " + round + " round" + (round > 1 ? "s" : "") + " ***\n");
                }
                return CommandResult.ok(out.toString());
            }
            int removed = 0;
            for (Route r : victims) {
                if (opts.stats() >= 2) {
                    p.text(out, IpRouteMsg.of(r, ns));
                }
                removed += ns.fib().remove(r) ? 1 : 0;
            }
            if (removed == 0) {
                return CommandResult.ok(out.toString());
            }
            round++;
            if (opts.stats() > 0) {
                out.append("\n*** Round ").append(round).append(", deleting ").append(victims.size()).append(" entries ***\n");
            }
        }
    }
}
