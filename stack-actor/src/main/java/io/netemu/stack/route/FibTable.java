package io.netemu.stack.route;

import io.netemu.stack.NetException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One routing table (fib_trie.c's struct trie): leaves keyed by network address in unsigned
 * order, as the trie walks them; a leaf's aliases sorted longest prefix first, then TOS
 * descending, then metric ascending, then as inserted (fib_insert_alias / fib_find_alias).
 */
final class FibTable {
    /** A lookup hit: the alias and the index of its first usable nexthop (-1 for reject routes). */
    record Hit(FibAlias alias, int nh) {}

    final int id;
    final int seq;
    private final TreeMap<Integer, ArrayList<FibAlias>> leaves = new TreeMap<>(Integer::compareUnsigned);
    private final int[] lenCount = new int[33];

    FibTable(int id, int seq) {
        this.id = id;
        this.seq = seq;
    }

    /** A deep copy (each alias with its own nexthop state). */
    FibTable copy() {
        FibTable c = new FibTable(id, seq);
        leaves.forEach((dst, leaf) -> {
            ArrayList<FibAlias> l = new ArrayList<>(leaf.size());
            leaf.forEach(fa -> l.add(fa.copy()));
            c.leaves.put(dst, l);
        });
        System.arraycopy(lenCount, 0, c.lenCount, 0, lenCount.length);
        return c;
    }

    /** fib_table_insert with netlink flags NLM_F_CREATE/EXCL/REPLACE/APPEND (the route is already valid). */
    void insert(Route r, int flags, Fib.LinkState links) throws NetException {
        ArrayList<FibAlias> leaf = leaves.get(r.dst());
        int idx = leaf == null ? -1 : findAlias(leaf, r.prefixLen(), r.tos(), r.metric());
        int at;
        if (idx >= 0 && leaf.get(idx).route.tos() == r.tos() && leaf.get(idx).route.metric() == r.metric()) {
            if ((flags & Fib.NLM_F_EXCL) != 0) {
                throw NetException.exists();
            }
            int match = -1;
            int j = idx;
            for (; j < leaf.size(); j++) {
                Route o = leaf.get(j).route;
                if (o.prefixLen() != r.prefixLen() || o.tos() != r.tos() || o.metric() != r.metric()) {
                    break;
                }
                if (o.equals(r)) {
                    match = j;
                    break;
                }
            }
            if ((flags & Fib.NLM_F_REPLACE) != 0) {
                if (match == idx) {
                    return;
                } else if (match >= 0) {
                    throw NetException.exists();
                }
                leaf.set(idx, new FibAlias(r, links));
                return;
            }
            if (match >= 0) {
                throw NetException.exists();
            }
            at = (flags & Fib.NLM_F_APPEND) != 0 ? j : idx;
        } else {
            at = idx >= 0 ? idx : sectionEnd(leaf, r.prefixLen());
        }
        if ((flags & Fib.NLM_F_CREATE) == 0) {
            throw new NetException(NetException.ENOENT, "RTNETLINK answers: No such file or directory");
        }
        if (leaf == null) {
            leaf = new ArrayList<>(2);
            leaves.put(r.dst(), leaf);
        }
        leaf.add(at, new FibAlias(r, links));
        lenCount[r.prefixLen()]++;
    }

    /** fib_table_delete: the first alias of exactly this prefix and TOS that the selector matches. */
    Route delete(Route sel) throws NetException {
        ArrayList<FibAlias> leaf = leaves.get(sel.dst());
        int idx = leaf == null ? -1 : findAlias(leaf, sel.prefixLen(), sel.tos(), 0);
        if (idx < 0) {
            throw NetException.noSuchProcess();
        }
        for (int j = idx; j < leaf.size(); j++) {
            Route o = leaf.get(j).route;
            if (o.prefixLen() != sel.prefixLen() || o.tos() != sel.tos()) {
                break;
            }
            if (Fib.selects(sel, o)) {
                removeAt(leaf, j);
                return o;
            }
        }
        throw NetException.noSuchProcess();
    }

    /** Removes exactly this route; false if it is not in the table. */
    boolean remove(Route r) {
        ArrayList<FibAlias> leaf = leaves.get(r.dst());
        if (leaf != null) {
            for (int j = 0; j < leaf.size(); j++) {
                if (leaf.get(j).route.equals(r)) {
                    removeAt(leaf, j);
                    return true;
                }
            }
        }
        return false;
    }

    /** Removes every alias the predicate accepts (fib_table_flush); the count removed. */
    int removeIf(Predicate<FibAlias> p) {
        int n = 0;
        for (Iterator<ArrayList<FibAlias>> it = leaves.values().iterator(); it.hasNext(); ) {
            ArrayList<FibAlias> leaf = it.next();
            for (Iterator<FibAlias> ai = leaf.iterator(); ai.hasNext(); ) {
                FibAlias fa = ai.next();
                if (p.test(fa)) {
                    ai.remove();
                    lenCount[fa.route.prefixLen()]--;
                    n++;
                }
            }
            if (leaf.isEmpty()) {
                it.remove();
            }
        }
        return n;
    }

    /**
     * fib_table_lookup: longest prefix first; within a prefix the first alias that fits TOS, scope,
     * oif and has a usable nexthop (fib_lookup_good_nhc: not dead, and not LINKDOWN on a device
     * that ignores routes with linkdown; {@code links} null is FIB_LOOKUP_IGNORE_LINKSTATE).
     */
    Hit lookup(int dst, int tos, int oif, int scope, Fib.LinkState links) {
        for (int plen = 32; plen >= 0; plen--) {
            if (lenCount[plen] == 0) {
                continue;
            }
            ArrayList<FibAlias> leaf = leaves.get(plen == 0 ? 0 : dst & (-1 << (32 - plen)));
            if (leaf == null) {
                continue;
            }
            for (FibAlias fa : leaf) {
                Route r = fa.route;
                if (r.prefixLen() > plen) {
                    continue;
                } else if (r.prefixLen() < plen) {
                    break;
                }
                if ((r.tos() != 0 && r.tos() != tos) || r.scope() < scope) {
                    continue;
                }
                if (RouteType.isReject(r.type())) {
                    return new Hit(fa, -1);
                }
                for (int i = 0; i < fa.dead.length; i++) {
                    if (!fa.dead[i] && !fa.linkIgnored(i, links) && (oif == 0 || r.nexthops().get(i).ifindex() == oif)) {
                        return new Hit(fa, i);
                    }
                }
            }
        }
        return null;
    }

    /** Every alias in dump order. */
    List<FibAlias> aliases() {
        List<FibAlias> out = new ArrayList<>();
        for (ArrayList<FibAlias> leaf : leaves.values()) {
            out.addAll(leaf);
        }
        return out;
    }

    FibAlias find(Route r) {
        ArrayList<FibAlias> leaf = leaves.get(r.dst());
        if (leaf != null) {
            for (FibAlias fa : leaf) {
                if (fa.route.equals(r)) {
                    return fa;
                }
            }
        }
        return null;
    }

    private void removeAt(ArrayList<FibAlias> leaf, int j) {
        FibAlias fa = leaf.remove(j);
        lenCount[fa.route.prefixLen()]--;
        if (leaf.isEmpty()) {
            leaves.remove(fa.route.dst());
        }
    }

    /** fib_find_alias: the first alias of this length with TOS at most {@code tos} and (lower TOS or metric at least {@code prio}). */
    private static int findAlias(List<FibAlias> leaf, int plen, int tos, int prio) {
        for (int i = 0; i < leaf.size(); i++) {
            Route r = leaf.get(i).route;
            if (r.prefixLen() > plen) {
                continue;
            }
            if (r.prefixLen() != plen) {
                break;
            }
            if (r.tos() > tos) {
                continue;
            }
            if (Integer.compareUnsigned(r.metric(), prio) >= 0 || r.tos() < tos) {
                return i;
            }
        }
        return -1;
    }

    /** Where a new alias of this length goes when no alias of its length sorts after it: before the shorter prefixes. */
    private static int sectionEnd(List<FibAlias> leaf, int plen) {
        if (leaf == null) {
            return 0;
        }
        int i = 0;
        while (i < leaf.size() && leaf.get(i).route.prefixLen() >= plen) {
            i++;
        }
        return i;
    }
}
