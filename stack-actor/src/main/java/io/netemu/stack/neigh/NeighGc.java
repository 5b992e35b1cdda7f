package io.netemu.stack.neigh;

import java.util.Iterator;
import java.util.Map;

/** Garbage collection of the neighbour table: neigh_forced_gc and the sweep of neigh_periodic_work. */
final class NeighGc {
    static final long FORCED_GC_AGE = 5_000_000_000L;

    private NeighGc() {}

    /** Entries counted against gc_thresh2/3 (tbl->gc_entries): all but permanent ones. */
    static int gcEntries(Map<Long, Neighbour> table) {
        int n = 0;
        for (Neighbour x : table.values()) {
            if (x.state != NudState.PERMANENT) {
                n++;
            }
        }
        return n;
    }

    /**
     * neigh_forced_gc: in creation order, removes unreferenced entries (no timer pending) that are
     * FAILED, NOARP, multicast or not updated for 5 s, until gc_entries is down to gc_thresh2.
     */
    static int forced(Map<Long, Neighbour> table, NeighParms p, long now) {
        int maxClean = gcEntries(table) - p.gcThresh2();
        int shrunk = 0;
        for (Iterator<Neighbour> it = table.values().iterator(); it.hasNext() && shrunk < maxClean; ) {
            Neighbour n = it.next();
            if (n.state == NudState.PERMANENT || n.state.inTimer()) {
                continue;
            }
            boolean fresh = n.updated >= now - FORCED_GC_AGE && n.updated <= now;
            if (n.state == NudState.FAILED || n.state == NudState.NOARP || isMulticast(n.ip) || !fresh) {
                it.remove();
                shrunk++;
            }
        }
        return shrunk;
    }

    /**
     * The sweep of neigh_periodic_work, which Linux only does once the table holds gc_thresh1
     * entries: unreferenced FAILED entries, and those not used for gc_stale_time, go.
     */
    static void periodic(Map<Long, Neighbour> table, NeighParms p, long now) {
        for (Iterator<Neighbour> it = table.values().iterator(); it.hasNext(); ) {
            Neighbour n = it.next();
            if (n.state == NudState.PERMANENT || n.state.inTimer()) {
                continue;
            }
            if (n.used < n.confirmed && n.confirmed <= now) {
                n.used = n.confirmed;
            }
            if (n.state == NudState.FAILED || now >= n.used + p.gcStale() || now < n.used) {
                it.remove();
            }
        }
    }

    /** When {@link #periodic} would next remove something; Long.MAX_VALUE if never. */
    static long nextSweep(Map<Long, Neighbour> table, NeighParms p) {
        long d = Long.MAX_VALUE;
        for (Neighbour n : table.values()) {
            if (n.state == NudState.PERMANENT || n.state.inTimer()) {
                continue;
            }
            d = Math.min(d, n.state == NudState.FAILED ? n.updated : Math.max(n.used, n.confirmed) + p.gcStale());
        }
        return d;
    }

    static boolean isMulticast(int ip) {
        return (ip & 0xf000_0000) == 0xe000_0000;
    }
}
