package io.netemu.stack.route;

/** A route as stored in a table, with the state the kernel keeps per nexthop: RTNH_F_DEAD and the hash bounds (fib_rebalance). */
final class FibAlias {
    final Route route;
    final boolean[] dead;
    final int[] upperBound;

    FibAlias(Route route) {
        this.route = route;
        this.dead = new boolean[route.nexthops().size()];
        this.upperBound = new int[dead.length];
        rebalance();
    }

    FibAlias copy() {
        FibAlias c = new FibAlias(route);
        System.arraycopy(dead, 0, c.dead, 0, dead.length);
        System.arraycopy(upperBound, 0, c.upperBound, 0, upperBound.length);
        return c;
    }

    boolean allDead() {
        for (boolean d : dead) {
            if (!d) {
                return false;
            }
        }
        return dead.length > 0;
    }

    /** fib_rebalance: each live nexthop owns a share of the 31-bit hash space proportional to its weight. */
    void rebalance() {
        if (dead.length < 2) {
            return;
        }
        long total = 0;
        for (int i = 0; i < dead.length; i++) {
            if (!dead[i]) {
                total += route.nexthops().get(i).weight();
            }
        }
        long w = 0;
        for (int i = 0; i < dead.length; i++) {
            if (dead[i]) {
                upperBound[i] = -1;
            } else {
                w += route.nexthops().get(i).weight();
                upperBound[i] = (int) ((((w << 31) + total / 2) / total) - 1);
            }
        }
    }

    /** fib_select_multipath: the first live nexthop whose bound is at or above the 31-bit hash. */
    int select(int hash, int fallback) {
        int h = hash & 0x7FFF_FFFF;
        for (int i = 0; i < dead.length; i++) {
            if (!dead[i] && h <= upperBound[i]) {
                return i;
            }
        }
        return fallback;
    }
}
