package io.netemu.stack.netfilter.nft;

import java.util.Arrays;

/**
 * The elements of an interval set (nft_set_rbtree.c, nft_set_pipapo.c's role for one field):
 * closed ranges {@code [lo, hi]} of unsigned keys, sorted and disjoint, found by binary search,
 * so a lookup costs O(log n) comparisons. {@link #comparisons()} counts them for tests.
 */
public final class NftIntervals {
    private long[] lo = new long[4];
    private long[] hi = new long[4];
    private int n;
    private long comparisons;

    public int size() { return n; }
    public long comparisons() { return comparisons; }
    public long lo(int i) { return lo[i]; }
    public long hi(int i) { return hi[i]; }

    public boolean contains(long key) {
        return find(key) >= 0;
    }

    /** The index of the range holding {@code key}, or -1. */
    private int find(long key) {
        int a = 0;
        int b = n - 1;
        int best = -1;
        while (a <= b) {
            int m = (a + b) >>> 1;
            comparisons++;
            if (lo[m] <= key) {
                best = m;
                a = m + 1;
            } else {
                b = m - 1;
            }
        }
        return best >= 0 && key <= hi[best] ? best : -1;
    }

    /** True when {@code [l, h]} is exactly one of the ranges. */
    public boolean containsExactly(long l, long h) {
        int i = find(l);
        return i >= 0 && lo[i] == l && hi[i] == h;
    }

    /** True when {@code [l, h]} shares a key with some range. */
    public boolean overlaps(long l, long h) {
        int i = lowerBound(l);
        if (i > 0 && hi[i - 1] >= l) {
            return true;
        }
        return i < n && lo[i] <= h;
    }

    /**
     * Adds ranges ({@code ls[k]..hs[k]}, any order). With {@code merge}, overlapping and adjacent
     * ranges fuse (auto-merge, as anonymous sets do); without, the caller has checked there is no
     * overlap and equal ranges are kept once. O((n + k) log(n + k)).
     */
    public void addAll(long[] ls, long[] hs, int k, boolean merge) {
        long[][] pairs = new long[n + k][];
        for (int i = 0; i < n; i++) {
            pairs[i] = new long[] {lo[i], hi[i]};
        }
        for (int i = 0; i < k; i++) {
            pairs[n + i] = new long[] {ls[i], hs[i]};
        }
        Arrays.sort(pairs, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        long[] nl = new long[Math.max(4, pairs.length)];
        long[] nh = new long[nl.length];
        int m = 0;
        for (long[] p : pairs) {
            if (m > 0 && merge && p[0] <= nh[m - 1] + 1) {
                nh[m - 1] = Math.max(nh[m - 1], p[1]);
            } else if (m > 0 && p[0] == nl[m - 1] && p[1] == nh[m - 1]) {
                continue;
            } else {
                nl[m] = p[0];
                nh[m] = p[1];
                m++;
            }
        }
        lo = nl;
        hi = nh;
        n = m;
    }

    /** Adds one range without merging, keeping the order (the caller checked overlaps). */
    public void insert(long l, long h) {
        if (containsExactly(l, h)) {
            return;
        }
        int i = lowerBound(l);
        if (n == lo.length) {
            lo = Arrays.copyOf(lo, n * 2);
            hi = Arrays.copyOf(hi, n * 2);
        }
        System.arraycopy(lo, i, lo, i + 1, n - i);
        System.arraycopy(hi, i, hi, i + 1, n - i);
        lo[i] = l;
        hi[i] = h;
        n++;
    }

    /** Removes the range that is exactly {@code [l, h]}; false if there is none. */
    public boolean remove(long l, long h) {
        int i = find(l);
        if (i < 0 || lo[i] != l || hi[i] != h) {
            return false;
        }
        System.arraycopy(lo, i + 1, lo, i, n - i - 1);
        System.arraycopy(hi, i + 1, hi, i, n - i - 1);
        n--;
        return true;
    }

    public void clear() {
        n = 0;
    }

    /** A copy of the ranges, for undoing a batch. */
    public long[][] snapshot() {
        return new long[][] {Arrays.copyOf(lo, n), Arrays.copyOf(hi, n)};
    }

    /** Puts back what {@link #snapshot} took. */
    public void restore(long[][] s) {
        lo = Arrays.copyOf(s[0], Math.max(4, s[0].length));
        hi = Arrays.copyOf(s[1], Math.max(4, s[1].length));
        n = s[0].length;
    }

    /** The first index whose lo is not below {@code l}. */
    private int lowerBound(long l) {
        int a = 0;
        int b = n;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (lo[m] < l) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        return a;
    }
}
