package io.netemu.stack.route;

import io.netemu.stack.NetException;
import io.netemu.stack.dev.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPv4 forwarding information base of a namespace: its routing tables and fib_lookup over
 * the three default rules (local, main, default), as net/ipv4/fib_trie.c and fib_rules.c.
 * Plain state owned by the namespace actor.
 *
 * <p>Delete selectors ({@link #delete}) match as {@code ip route del} does (fib_table_delete,
 * fib_nh_match): {@code dst}, {@code prefixLen} and {@code tos} exactly; table 0 means main;
 * these are wildcards: type 0, scope -1 or 255 (RT_SCOPE_NOWHERE), protocol 0 or -1, prefSrc 0,
 * metric 0 or -1, an empty nexthop list, and in a nexthop gateway 0 or ifindex 0.
 *
 * <p>Carrier and {@code net.ipv4.conf.*.ignore_routes_with_linkdown}, as fib_semantics.c: a
 * nexthop is RTNH_F_LINKDOWN when its device had no carrier as the route went in (fib_check_nh)
 * or lost it since ({@link #syncDownCarrier}, NETDEV_CHANGE; admin down sets it with dead), and
 * clears when carrier is back on a device that is up ({@link #syncUp}). Host-scope routes are
 * never flagged. LINKDOWN alone changes nothing unless the sysctl is on for the nexthop's
 * device (IN_DEV_IGNORE_ROUTES_WITH_LINKDOWN: {@code conf.all} OR {@code conf.DEV}, asked of
 * {@link LinkState}): then lookups skip the nexthop (a route with no other usable nexthop is
 * skipped, and the next alias or a shorter prefix matches), except the gateway check of route
 * configuration (FIB_LOOKUP_IGNORE_LINKSTATE), and {@code ip route} shows it {@code dead
 * linkdown}. Unlike dead, LINKDOWN never removes a route.
 *
 * <p>Pitfall (as Linux): multipath hash bounds are computed when a route goes in and at each
 * carrier or admin change of a device it uses (fib_rebalance), with the sysctl as it is then. A
 * sysctl turned on after a cable was cut leaves the bounds as they were, so flows hashed to the
 * cut nexthop still go there until the next rebalance, although single-path lookups skip it.
 * Not modelled: Linux shares one fib_info (and its nexthop state) between routes with identical
 * nexthops; here each route keeps its own, which differs only after such a stale sysctl change.
 */
public final class Fib {
    /** The default rules' tables in priority order (rules 0, 32766, 32767): local, main, default. */
    private static final int[] RULE_TABLES = {RouteTable.LOCAL, RouteTable.MAIN, RouteTable.DEFAULT};

    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;

    /** A lookup flag (fib_lookup's FIB_LOOKUP_IGNORE_LINKSTATE): LINKDOWN nexthops count as usable. */
    public static final int FIB_LOOKUP_IGNORE_LINKSTATE = 2;

    /** What the FIB reads of the namespace's devices, by ifindex. */
    public interface LinkState {
        /** netif_carrier_ok (a device the namespace does not know counts as having carrier). */
        boolean carrier(int ifindex);

        /** IN_DEV_IGNORE_ROUTES_WITH_LINKDOWN: {@code net.ipv4.conf.all} or {@code conf.DEV}'s {@code ignore_routes_with_linkdown}. */
        boolean ignoreRoutesWithLinkdown(int ifindex);

        /** Every device has carrier and no device ignores routes with linkdown. */
        LinkState ALWAYS_UP = new LinkState() {
            @Override
            public boolean carrier(int ifindex) { return true; }

            @Override
            public boolean ignoreRoutesWithLinkdown(int ifindex) { return false; }
        };
    }

    private final Map<Integer, FibTable> tables = new HashMap<>(4);
    private int seq;
    private LinkState links = LinkState.ALWAYS_UP;

    public Fib() {
        newTable(RouteTable.MAIN);
        newTable(RouteTable.LOCAL);
    }

    /** Where carrier and ignore_routes_with_linkdown are read from (the namespace's devices and sysctls). */
    public void setLinkState(LinkState links) {
        this.links = links;
    }

    /** {@code ip route add}: EEXIST ("RTNETLINK answers: File exists") on the same table, prefix, TOS and metric. */
    public void add(Route r) throws NetException {
        insert(r, NLM_F_CREATE | NLM_F_EXCL);
    }

    /** {@code ip route replace}: replaces the first route of the same table, prefix, TOS and metric, or adds. */
    public void replace(Route r) {
        try {
            insert(r, NLM_F_CREATE | NLM_F_REPLACE);
        } catch (NetException e) {
            if (e.errno() != NetException.EEXIST) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
    }

    /**
     * fib_table_insert with rtnetlink's flags: add is CREATE|EXCL, replace CREATE|REPLACE, change
     * REPLACE, prepend CREATE, append CREATE|APPEND, test EXCL. The route must be valid already
     * (see {@link FibConfig}); host bits set under the prefix are refused as the kernel does.
     */
    public void insert(Route r, int nlflags) throws NetException {
        checkKey(r);
        newTable(r.table() == 0 ? RouteTable.MAIN : r.table()).insert(r.table() == 0 ? r.withTable(RouteTable.MAIN) : r,
                nlflags, links);
    }

    /** {@code ip route del}: removes and returns the first route the selector matches (wildcards: see the class doc). */
    public Route delete(Route selector) throws NetException {
        checkKey(selector);
        FibTable t = tables.get(selector.table() == 0 ? RouteTable.MAIN : selector.table());
        if (t == null) {
            throw new NetException(NetException.ESRCH, "Error: FIB table does not exist.");
        }
        return t.delete(selector);
    }

    /** Removes exactly this route (as {@code ip route flush} does with each route it dumped); false if absent. */
    public boolean remove(Route r) {
        FibTable t = tables.get(r.table());
        return t != null && t.remove(r);
    }

    /** fib_lookup for a packet of flow hash {@code flowHash}: TOS 0, any output device, scope universe. Null if no route. */
    public FibResult lookup(int dst, int flowHash) {
        return lookup(dst, 0, 0, Scope.UNIVERSE, flowHash);
    }

    /**
     * fib_lookup then fib_select_path: the longest match in local, then main, then default
     * (a {@code throw} route passes on to the next table); among a multipath route's live
     * nexthops the one owning {@code flowHash} (31 bits used), unless {@code oif} pins the device.
     * Reject routes come back with a null nexthop. Null when nothing matches (ENETUNREACH).
     */
    public FibResult lookup(int dst, int tos, int oif, int scope, int flowHash) {
        return rules(dst, tos, oif, scope, flowHash, true, links);
    }

    /** fib_lookup alone: as {@link #lookup(int, int, int, int, int)} but a multipath route gives its first live nexthop. */
    public FibResult fibLookup(int dst, int tos, int oif, int scope) {
        return rules(dst, tos, oif, scope, 0, false, links);
    }

    /** fib_lookup alone with {@code flags} 0 or {@link #FIB_LOOKUP_IGNORE_LINKSTATE} (fib_check_nh's gateway check). */
    public FibResult fibLookup(int dst, int tos, int oif, int scope, int flags) {
        return rules(dst, tos, oif, scope, 0, false, linkState(flags));
    }

    private LinkState linkState(int flags) {
        return (flags & FIB_LOOKUP_IGNORE_LINKSTATE) != 0 ? null : links;
    }

    private FibResult rules(int dst, int tos, int oif, int scope, int flowHash, boolean selectPath, LinkState ls) {
        for (int id : RULE_TABLES) {
            FibTable t = tables.get(id);
            FibTable.Hit h = t == null ? null : t.lookup(dst, tos, oif, scope, ls);
            if (h != null && h.alias().route.type() != RouteType.THROW) {
                int nh = h.nh();
                if (selectPath && nh >= 0 && oif == 0 && h.alias().route.multipath()) {
                    nh = h.alias().select(flowHash, nh);
                }
                return result(h.alias(), nh);
            }
        }
        return null;
    }

    /**
     * fib_table_lookup in one table, then fib_select_path's choice among a multipath route's live
     * nexthops by {@code flowHash} unless {@code oif} pins the device (bpf_fib_lookup's DIRECT
     * lookups select the path too); null if nothing matches or a throw route does.
     */
    public FibResult lookupTable(int table, int dst, int tos, int oif, int scope, int flowHash) {
        FibTable t = tables.get(table);
        FibTable.Hit h = t == null ? null : t.lookup(dst, tos, oif, scope, links);
        if (h == null || h.alias().route.type() == RouteType.THROW) {
            return null;
        }
        int nh = h.nh();
        if (nh >= 0 && oif == 0 && h.alias().route.multipath()) {
            nh = h.alias().select(flowHash, nh);
        }
        return result(h.alias(), nh);
    }

    /**
     * A deep copy, dead and LINKDOWN nexthops and hash bounds included: what the namespace
     * publishes for readers on other threads (bpf_fib_lookup in the device actors), so nobody
     * ever changes it. It reads ignore_routes_with_linkdown as it is now, frozen.
     */
    public Fib copy() {
        Fib c = new Fib();
        c.tables.clear();
        tables.forEach((id, t) -> c.tables.put(id, t.copy()));
        c.seq = seq;
        java.util.Set<Integer> ignoring = new java.util.HashSet<>();
        for (FibTable t : tables.values()) {
            for (FibAlias fa : t.aliases()) {
                for (int i = 0; i < fa.linkdown.length; i++) {
                    int ifindex = fa.route.nexthops().get(i).ifindex();
                    if (fa.linkdown[i] && links.ignoreRoutesWithLinkdown(ifindex)) {
                        ignoring.add(ifindex);
                    }
                }
            }
        }
        c.links = ignoring.isEmpty() ? LinkState.ALWAYS_UP : new LinkState() {
            @Override
            public boolean carrier(int ifindex) { return true; }

            @Override
            public boolean ignoreRoutesWithLinkdown(int ifindex) { return ignoring.contains(ifindex); }
        };
        return c;
    }

    /** fib_table_lookup in one table without path selection (the first live nexthop); null if none or a throw route. */
    public FibResult lookupTable(int table, int dst, int tos, int oif, int scope) {
        return lookupTable(table, dst, tos, oif, scope, false);
    }

    /**
     * As {@link #lookupTable(int, int, int, int, int)}; {@code ignoreLinkstate} is
     * FIB_LOOKUP_IGNORE_LINKSTATE (LINKDOWN nexthops usable whatever the sysctl says).
     */
    public FibResult lookupTable(int table, int dst, int tos, int oif, int scope, boolean ignoreLinkstate) {
        FibTable t = tables.get(table);
        FibTable.Hit h = t == null ? null : t.lookup(dst, tos, oif, scope, ignoreLinkstate ? null : links);
        return h == null || h.alias().route.type() == RouteType.THROW ? null : result(h.alias(), h.nh());
    }

    /** The routes of a table in the order {@code ip route show} prints them (the trie walk); empty if no such table. */
    public List<Route> table(int id) {
        FibTable t = tables.get(id);
        List<Route> out = new ArrayList<>();
        if (t != null) {
            for (FibAlias fa : t.aliases()) {
                out.add(fa.route);
            }
        }
        return out;
    }

    /** True when the table exists (local and main always do; others once a route went in). */
    public boolean hasTable(int id) { return tables.containsKey(id); }

    /** The existing tables in dump order (fib_table_hash buckets: id mod 256, newest first within a bucket). */
    public List<Integer> tableIds() {
        List<FibTable> ts = new ArrayList<>(tables.values());
        ts.sort(Comparator.comparingInt((FibTable t) -> t.id & 0xFF).thenComparing(t -> -t.seq));
        List<Integer> out = new ArrayList<>(ts.size());
        for (FibTable t : ts) {
            out.add(t.id);
        }
        return out;
    }

    /** True when nexthop {@code i} of this route is RTNH_F_DEAD (its device went down, the route lives on by its other paths). */
    public boolean nexthopDead(Route r, int i) {
        FibTable t = tables.get(r.table());
        FibAlias fa = t == null ? null : t.find(r);
        return fa != null && i < fa.dead.length && fa.dead[i];
    }

    /**
     * True when nexthop {@code i} of this route is RTNH_F_LINKDOWN: its device had no carrier when
     * the route went in or lost it since (a dead nexthop is LINKDOWN too), and has not had it back.
     */
    public boolean nexthopLinkdown(Route r, int i) {
        FibTable t = tables.get(r.table());
        FibAlias fa = t == null ? null : t.find(r);
        return fa != null && i < fa.linkdown.length && fa.linkdown[i];
    }

    /** IN_DEV_IGNORE_ROUTES_WITH_LINKDOWN of the device, as the FIB reads it ({@code ip route} shows such LINKDOWN nexthops dead). */
    public boolean ignoresLinkdown(int ifindex) {
        return links.ignoreRoutesWithLinkdown(ifindex);
    }

    /** The device is being deleted (NETDEV_UNREGISTER): every route with a nexthop through it goes. */
    public void flushDev(int ifindex) {
        for (FibTable t : tables.values()) {
            t.removeIf(fa -> fa.route.usesDev(ifindex));
        }
    }

    /**
     * fib_sync_down_dev + fib_flush: nexthops via the device die, dead and LINKDOWN (with {@code
     * force}, all of them; without, all but those of host-scope routes, as on admin down); routes
     * with no live nexthop go. Every route using the device is rebalanced.
     */
    void syncDownDev(int ifindex, boolean force) {
        for (FibTable t : tables.values()) {
            for (FibAlias fa : t.aliases()) {
                if (!fa.usesDev(ifindex)) {
                    continue;
                }
                if (force || fa.route.scope() != Scope.HOST) {
                    for (int i = 0; i < fa.dead.length; i++) {
                        if (!fa.dead[i] && fa.route.nexthops().get(i).ifindex() == ifindex) {
                            fa.dead[i] = true;
                            fa.linkdown[i] = true;
                        }
                    }
                }
                fa.rebalance(links);
            }
            t.removeIf(FibAlias::allDead);
        }
    }

    /**
     * fib_sync_down_dev(NETDEV_CHANGE): the device lost carrier; its live nexthops (not those of
     * host-scope routes) become LINKDOWN, no route goes, every route using the device is rebalanced.
     */
    public void syncDownCarrier(int ifindex) {
        for (FibTable t : tables.values()) {
            for (FibAlias fa : t.aliases()) {
                if (!fa.usesDev(ifindex)) {
                    continue;
                }
                if (fa.route.scope() != Scope.HOST) {
                    for (int i = 0; i < fa.dead.length; i++) {
                        if (!fa.dead[i] && fa.route.nexthops().get(i).ifindex() == ifindex) {
                            fa.linkdown[i] = true;
                        }
                    }
                }
                fa.rebalance(links);
            }
        }
    }

    /**
     * fib_sync_up: the device (admin up) is up again ({@code dead}: NETDEV_UP, RTNH_F_DEAD) or has
     * carrier again ({@code linkdown}: NETDEV_CHANGE, RTNH_F_LINKDOWN; NETDEV_UP passes it too when
     * the device has carrier). Its nexthops carrying either flag lose both that are passed; every
     * route using the device is rebalanced.
     */
    void syncUp(int ifindex, boolean dead, boolean linkdown) {
        for (FibTable t : tables.values()) {
            for (FibAlias fa : t.aliases()) {
                if (!fa.usesDev(ifindex)) {
                    continue;
                }
                for (int i = 0; i < fa.dead.length; i++) {
                    if (fa.route.nexthops().get(i).ifindex() == ifindex
                            && ((dead && fa.dead[i]) || (linkdown && fa.linkdown[i]))) {
                        if (dead) {
                            fa.dead[i] = false;
                        }
                        if (linkdown) {
                            fa.linkdown[i] = false;
                        }
                    }
                }
                fa.rebalance(links);
            }
        }
    }

    /** NETDEV_CHANGE with carrier back (fib_sync_up(dev, RTNH_F_LINKDOWN)), for a device that is admin up. */
    public void syncUpCarrier(int ifindex) {
        syncUp(ifindex, false, true);
    }

    /** fib_sync_down_addr + fib_flush: an address is gone for good; main-table routes using it as preferred source go. */
    void syncDownAddr(int local) {
        FibTable t = tables.get(RouteTable.MAIN);
        if (t != null && local != 0) {
            t.removeIf(fa -> fa.route.prefSrc() == local);
        }
    }

    /** fib_nh_match and the rest of fib_table_delete's test: does selector {@code s} pick route {@code r}? */
    static boolean selects(Route s, Route r) {
        if ((s.type() != 0 && s.type() != r.type())
                || (s.scope() != -1 && s.scope() != Scope.NOWHERE && s.scope() != r.scope())
                || (s.prefSrc() != 0 && s.prefSrc() != r.prefSrc())
                || (s.protocol() > 0 && s.protocol() != r.protocol())
                || (s.metric() != 0 && s.metric() != -1 && s.metric() != r.metric())) {
            return false;
        }
        List<Nexthop> sn = s.nexthops();
        List<Nexthop> rn = r.nexthops();
        if (sn.size() == 1) {
            Nexthop a = sn.get(0);
            Nexthop b = rn.isEmpty() ? new Nexthop(0, 0, 1, false) : rn.get(0);
            return (a.ifindex() == 0 || a.ifindex() == b.ifindex()) && (a.gateway() == 0 || a.gateway() == b.gateway());
        }
        if (sn.size() > 1) {
            if (sn.size() < rn.size()) {
                return false;
            }
            for (int i = 0; i < rn.size(); i++) {
                Nexthop a = sn.get(i);
                Nexthop b = rn.get(i);
                if ((a.ifindex() != 0 && a.ifindex() != b.ifindex()) || (a.gateway() != 0 && a.gateway() != b.gateway())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static FibResult result(FibAlias fa, int nh) {
        return new FibResult(fa.route, nh < 0 ? null : fa.route.nexthops().get(nh));
    }

    /** fib_new_table: the table, created if missing (id 0 is main). */
    private FibTable newTable(int id) {
        return tables.computeIfAbsent(id, k -> new FibTable(k, seq++));
    }

    /** fib_valid_key_len. */
    private static void checkKey(Route r) throws NetException {
        if (r.prefixLen() < 32 && (r.dst() << r.prefixLen()) != 0) {
            throw new NetException(NetException.EINVAL, "Error: Invalid prefix for given prefix length.");
        }
    }
}
