package io.netemu.stack.netfilter.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * "An nft set lookup must not slow down linearly with its size": lookups in sets of 10,000 and
 * 1,000,000 elements, counted in comparisons and hash probes (never wall time). Interval sets
 * cost at most ceil(log2 n) + 1 comparisons; hash sets a small constant on average.
 */
class NftSetLookupTest {
    private static final int LOOKUPS = 10_000;

    private static NftSet intervalSet(int n) {
        NftSet s = new NftSet("s", 1, NftType.IPV4_ADDR, null, NftSet.F_INTERVAL, false, false, 0, null);
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int i = 0; i < n; i++) {
            lo[i] = 16L * i;         // [16i, 16i+7]: prefixes /29 with a gap after each
            hi[i] = 16L * i + 7;
        }
        s.ranges().addAll(lo, hi, n, false);
        return s;
    }

    private static NftSet hashSet(int n) {
        NftSet s = new NftSet("h", 1, NftType.IPV4_ADDR, null, 0, false, false, 0, null);
        for (int i = 0; i < n; i++) {
            s.addExact(0x0a000000L + 3L * i);
        }
        return s;
    }

    /** Average cost of one lookup over a mix of hits and misses. */
    private static double cost(NftSet s, int n, boolean interval) {
        Random r = new Random(42);
        long before = s.lookupCost();
        int hits = 0;
        for (int k = 0; k < LOOKUPS; k++) {
            int i = r.nextInt(n);
            long key = interval ? 16L * i + r.nextInt(16) : 0x0a000000L + 3L * i + (k % 2);
            hits += s.contains(key) ? 1 : 0;
        }
        assertTrue(hits > LOOKUPS / 4 && hits < LOOKUPS, "a mix of hits and misses");
        return (double) (s.lookupCost() - before) / LOOKUPS;
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 1_000_000})
    void intervalLookupsAreLogarithmic(int n) {
        NftSet s = intervalSet(n);
        assertEquals(n, s.count());
        double perLookup = cost(s, n, true);
        int log2 = 64 - Long.numberOfLeadingZeros(n - 1);
        assertTrue(perLookup <= log2 + 1, n + " elements: " + perLookup + " comparisons per lookup, bound " + (log2 + 1));
        assertTrue(s.contains(16L * (n - 1) + 7));
        assertFalse(s.contains(16L * (n - 1) + 8));
    }

    @ParameterizedTest
    @ValueSource(ints = {10_000, 1_000_000})
    void hashLookupsAreConstant(int n) {
        NftSet s = hashSet(n);
        double perLookup = cost(s, n, false);
        assertTrue(perLookup <= 3, n + " elements: " + perLookup + " probes per lookup");
    }

    @Test
    void costGrowsFarSlowerThanSize() {
        double small = cost(intervalSet(10_000), 10_000, true);
        double big = cost(intervalSet(1_000_000), 1_000_000, true);
        assertTrue(big / small < 1.6, "100x the elements, " + big / small + "x the comparisons");
        double hSmall = cost(hashSet(10_000), 10_000, false);
        double hBig = cost(hashSet(1_000_000), 1_000_000, false);
        assertTrue(hBig / hSmall < 1.6, "100x the elements, " + hBig / hSmall + "x the probes");
    }

    @Test
    void hashRemovalKeepsEveryOtherKeyFindable() {
        NftHashElems h = new NftHashElems();
        Set<Long> ref = new HashSet<>();
        Random r = new Random(7);
        for (int k = 0; k < 200_000; k++) {
            long key = r.nextInt(5000);
            if (r.nextBoolean()) {
                assertEquals(ref.add(key), h.add(key));
            } else {
                assertEquals(ref.remove(key), h.remove(key));
            }
        }
        assertEquals(ref.size(), h.size());
        for (long key = 0; key < 5000; key++) {
            assertEquals(ref.contains(key), h.contains(key), "key " + key);
        }
    }

    @Test
    void intervalsMergeOverlapAndRemoveExactly() {
        NftIntervals iv = new NftIntervals();
        iv.addAll(new long[] {1, 6, 20}, new long[] {5, 9, 20}, 3, true);
        assertEquals(2, iv.size(), "1-5 and 6-9 are adjacent: one range");
        assertEquals(1, iv.lo(0));
        assertEquals(9, iv.hi(0));
        assertTrue(iv.overlaps(9, 12));
        assertFalse(iv.overlaps(10, 19));
        assertFalse(iv.remove(1, 5), "only whole ranges go");
        assertTrue(iv.remove(1, 9));
        iv.insert(30, 40);
        iv.insert(10, 12);
        assertEquals(3, iv.size());
        assertEquals(10, iv.lo(0));
        assertEquals(20, iv.lo(1));
        assertTrue(iv.containsExactly(30, 40));
        long[][] snap = iv.snapshot();
        iv.clear();
        iv.restore(snap);
        assertTrue(iv.contains(35));
    }
}
