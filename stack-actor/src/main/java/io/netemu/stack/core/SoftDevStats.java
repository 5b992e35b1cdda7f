package io.netemu.stack.core;

import io.netemu.stack.dev.DevStats;
import java.util.HashMap;
import java.util.Map;

/** Counters of the devices that have no actor (lo, bridges): the namespace counts their traffic itself. */
public final class SoftDevStats {
    private final Map<Integer, long[]> byDev = new HashMap<>(2);

    private long[] of(int ifindex) {
        return byDev.computeIfAbsent(ifindex, k -> new long[6]);
    }

    public void rx(int ifindex, int bytes) {
        long[] c = of(ifindex);
        c[0]++;
        c[1] += bytes;
    }

    public void tx(int ifindex, int bytes) {
        long[] c = of(ifindex);
        c[2]++;
        c[3] += bytes;
    }

    public void rxDropped(int ifindex) { of(ifindex)[4]++; }

    public void txDropped(int ifindex) { of(ifindex)[5]++; }

    /** The counters as {@code ip -s link} shows them; null for a device never counted here. */
    public DevStats stats(int ifindex) {
        long[] c = byDev.get(ifindex);
        return c == null ? null : new DevStats(c[0], c[1], 0, c[4], 0, c[2], c[3], 0, c[5], 0, 0, 0);
    }
}
