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
 * <p>Pitfall: {@code net.ipv4.conf.*.ignore_routes_with_linkdown} is not modelled: routes via a
 * device without carrier stay usable (the Linux default).
 */
public final class Fib {
    /** The default rules' tables in priority order (rules 0, 32766, 32767): local, main, default. */
    private static final int[] RULE_TABLES = {RouteTable.LOCAL, RouteTable.MAIN, RouteTable.DEFAULT};

    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;

    private final Map<Integer, FibTable> tables = new HashMap<>(4);
    private int seq;

    public Fib() {
        newTable(RouteTable.MAIN);
        newTable(RouteTable.LOCAL);
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
                nlflags);
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
        return rules(dst, tos, oif, scope, flowHash, true);
    }

    /** fib_lookup alone: as {@link #lookup(int, int, int, int, int)} but a multipath route gives its first live nexthop. */
    public FibResult fibLookup(int dst, int tos, int oif, int scope) {
        return rules(dst, tos, oif, scope, 0, false);
    }

    private FibResult rules(int dst, int tos, int oif, int scope, int flowHash, boolean selectPath) {
        for (int id : RULE_TABLES) {
            FibTable t = tables.get(id);
            FibTable.Hit h = t == null ? null : t.lookup(dst, tos, oif, scope);
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
        FibTable.Hit h = t == null ? null : t.lookup(dst, tos, oif, scope);
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
     * A deep copy, dead nexthops and hash bounds included: what the namespace publishes for
     * readers on other threads (bpf_fib_lookup in the device actors), so nobody ever changes it.
     */
    public Fib copy() {
        Fib c = new Fib();
        c.tables.clear();
        tables.forEach((id, t) -> c.tables.put(id, t.copy()));
        c.seq = seq;
        return c;
    }

    /** fib_table_lookup in one table without path selection (the first live nexthop); null if none or a throw route. */
    public FibResult lookupTable(int table, int dst, int tos, int oif, int scope) {
        FibTable t = tables.get(table);
        FibTable.Hit h = t == null ? null : t.lookup(dst, tos, oif, scope);
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

    /** The device is being deleted (NETDEV_UNREGISTER): every route with a nexthop through it goes. */
    public void flushDev(int ifindex) {
        for (FibTable t : tables.values()) {
            t.removeIf(fa -> fa.route.usesDev(ifindex));
        }
    }

    /**
     * fib_sync_down_dev + fib_flush: nexthops via the device die (with {@code force}, all of them;
     * without, all but those of host-scope routes, as on admin down); routes with no live nexthop go.
     */
    void syncDownDev(int ifindex, boolean force) {
        for (FibTable t : tables.values()) {
            for (FibAlias fa : t.aliases()) {
                if (!force && fa.route.scope() == Scope.HOST) {
                    continue;
                }
                boolean changed = false;
                for (int i = 0; i < fa.dead.length; i++) {
                    if (!fa.dead[i] && fa.route.nexthops().get(i).ifindex() == ifindex) {
                        fa.dead[i] = true;
                        changed = true;
                    }
                }
                if (changed) {
                    fa.rebalance();
                }
            }
            t.removeIf(FibAlias::allDead);
        }
    }

    /** fib_sync_up(dev, RTNH_F_DEAD): the device is up again; its dead nexthops in surviving routes come back. */
    void syncUp(int ifindex) {
        for (FibTable t : tables.values()) {
            for (FibAlias fa : t.aliases()) {
                boolean changed = false;
                for (int i = 0; i < fa.dead.length; i++) {
                    if (fa.dead[i] && fa.route.nexthops().get(i).ifindex() == ifindex) {
                        fa.dead[i] = false;
                        changed = true;
                    }
                }
                if (changed) {
                    fa.rebalance();
                }
            }
        }
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
