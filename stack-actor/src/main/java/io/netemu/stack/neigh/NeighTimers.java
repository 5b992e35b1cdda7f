package io.netemu.stack.neigh;

import java.util.Comparator;
import java.util.TreeSet;

/** The pending neighbour timers (neigh->timer), earliest first. */
final class NeighTimers {
    private final TreeSet<Neighbour> set =
            new TreeSet<>(Comparator.comparingLong((Neighbour n) -> n.timer).thenComparingLong(n -> n.seq));

    /** (Re)arms the entry's timer to fire at {@code at} (neigh_add_timer / mod_timer). */
    void arm(Neighbour n, long at) {
        disarm(n);
        n.timer = at;
        set.add(n);
    }

    /** neigh_del_timer. */
    void disarm(Neighbour n) {
        if (n.timer != Long.MAX_VALUE) {
            set.remove(n);
            n.timer = Long.MAX_VALUE;
        }
    }

    /** The entry whose timer is due at {@code now}, removed from the set; null if none. */
    Neighbour pollDue(long now) {
        if (set.isEmpty() || set.first().timer > now) {
            return null;
        }
        Neighbour n = set.pollFirst();
        n.timer = Long.MAX_VALUE;
        return n;
    }

    long next() {
        return set.isEmpty() ? Long.MAX_VALUE : set.first().timer;
    }
}
