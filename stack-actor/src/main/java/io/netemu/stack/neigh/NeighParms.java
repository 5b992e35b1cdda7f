package io.netemu.stack.neigh;

import io.netemu.stack.sys.Sysctls;

/** The neigh_parms of the ARP table, read from {@code net.ipv4.neigh.default.*} (NEIGH_VAR). Times in nanoseconds. */
record NeighParms(long retrans, long baseReachable, long delayProbe, long gcStale, long locktime, int ucast, int mcast,
                  int app, int mcastReprobes, long queueLenBytes, int gcThresh1, int gcThresh2, int gcThresh3) {
    private static final String P = "net.ipv4.neigh.default.";
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    static NeighParms of(Sysctls s) {
        return new NeighParms(
                get(s, "retrans_time_ms", 1000) * MS,
                get(s, "base_reachable_time_ms", 30000) * MS,
                get(s, "delay_first_probe_time", 5) * S,
                get(s, "gc_stale_time", 60) * S,
                get(s, "locktime", 100) * 10 * MS, // USER_HZ ticks
                (int) get(s, "ucast_solicit", 3),
                (int) get(s, "mcast_solicit", 3),
                (int) get(s, "app_solicit", 0),
                (int) get(s, "mcast_resolicit", 0),
                get(s, "unres_qlen_bytes", 212992),
                (int) get(s, "gc_thresh1", 128),
                (int) get(s, "gc_thresh2", 512),
                (int) get(s, "gc_thresh3", 1024));
    }

    private static long get(Sysctls s, String key, long dflt) {
        return s.exists(P + key) ? s.getInt(P + key) : dflt;
    }

    /**
     * The reachable time. Linux draws it from [base/2, 3*base/2) (neigh_rand_reach_time) and
     * redraws it every 300 s; here it is exactly base_reachable_time, so runs are deterministic.
     */
    long reachable() { return baseReachable; }
}
