package io.netemu.stack.route;

/**
 * A route as stored in a table, with the state the kernel keeps per nexthop: RTNH_F_DEAD,
 * RTNH_F_LINKDOWN and the hash bounds (fib_rebalance).
 */
final class FibAlias {
    final Route route;
    final boolean[] dead;
    /** RTNH_F_LINKDOWN: the device had no carrier when the route went in or lost it since (set with dead too). */
    final boolean[] linkdown;
    final int[] upperBound;

    /** fib_create_info: fib_check_nh flags LINKDOWN a nexthop whose device has no carrier (not for host-scope routes), then fib_rebalance. */
    FibAlias(Route route, Fib.LinkState links) {
        this.route = route;
        this.dead = new boolean[route.nexthops().size()];
        this.linkdown = new boolean[dead.length];
        this.upperBound = new int[dead.length];
        if (route.scope() != io.netemu.stack.dev.Scope.HOST) {
            for (int i = 0; i < dead.length; i++) {
                int ifindex = route.nexthops().get(i).ifindex();
                linkdown[i] = ifindex != 0 && !links.carrier(ifindex);
            }
        }
        rebalance(links);
    }

    private FibAlias(FibAlias o) {
        this.route = o.route;
        this.dead = o.dead.clone();
        this.linkdown = o.linkdown.clone();
        this.upperBound = o.upperBound.clone();
    }

    FibAlias copy() {
        return new FibAlias(this);
    }

    boolean allDead() {
        for (boolean d : dead) {
            if (!d) {
                return false;
            }
        }
        return dead.length > 0;
    }

    /** True if nexthop {@code i} uses device {@code ifindex}. */
    boolean usesDev(int ifindex) {
        for (int i = 0; i < dead.length; i++) {
            if (route.nexthops().get(i).ifindex() == ifindex) {
                return true;
            }
        }
        return false;
    }

    /**
     * fib_lookup_good_nhc's link test: nexthop {@code i} is skipped when it is LINKDOWN and its
     * device ignores routes with linkdown ({@code links} null: FIB_LOOKUP_IGNORE_LINKSTATE).
     */
    boolean linkIgnored(int i, Fib.LinkState links) {
        return linkdown[i] && links != null && links.ignoreRoutesWithLinkdown(route.nexthops().get(i).ifindex());
    }

    /**
     * fib_rebalance: each live nexthop owns a share of the 31-bit hash space proportional to its
     * weight; dead ones, and LINKDOWN ones whose device ignores routes with linkdown as of now,
     * get -1. The sysctl is read here, not at selection: bounds computed before it changed stay.
     */
    void rebalance(Fib.LinkState links) {
        if (dead.length < 2) {
            return;
        }
        long total = 0;
        for (int i = 0; i < dead.length; i++) {
            if (!dead[i] && !linkIgnored(i, links)) {
                total += route.nexthops().get(i).weight();
            }
        }
        long w = 0;
        for (int i = 0; i < dead.length; i++) {
            if (dead[i] || linkIgnored(i, links)) {
                upperBound[i] = -1;
            } else {
                w += route.nexthops().get(i).weight();
                upperBound[i] = (int) ((((w << 31) + total / 2) / total) - 1);
            }
        }
    }

    /**
     * fib_select_multipath: the first nexthop whose bound is at or above the 31-bit hash (a bound
     * of -1, dead or ignored LINKDOWN at the last rebalance, never is); {@code fallback} if none.
     */
    int select(int hash, int fallback) {
        int h = hash & 0x7FFF_FFFF;
        for (int i = 0; i < dead.length; i++) {
            if (h <= upperBound[i]) {
                return i;
            }
        }
        return fallback;
    }
}
