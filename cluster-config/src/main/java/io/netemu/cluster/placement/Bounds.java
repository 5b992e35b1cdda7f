package io.netemu.cluster.placement;

import java.util.Arrays;

/**
 * How many nodes each member may hold, pinned and automatic together.
 *
 * <ul>
 *   <li>upper: {@code floor(ceil(n / m) * 1.05) + 1}, the balance bound; a member whose pins alone
 *       are more holds exactly its pins.
 *   <li>lower: half of {@code floor(n / m)}, so that no member is left idle (without it, 21 or more
 *       members have enough room together to leave one empty); lowered as far as needed when pins
 *       on other members leave too few nodes to give every member that much.
 * </ul>
 * Cut links are minimised within these bounds.
 */
record Bounds(long[] upper, long[] lower) {

    static Bounds of(int n, int m, int[] pin) {
        long share = (n + (long) m - 1) / m;
        long[] upper = new long[m];
        Arrays.fill(upper, share * 105 / 100 + 1);
        long[] pinned = new long[m];
        long pinnedTotal = 0;
        for (int p : pin) {
            if (p >= 0) {
                pinned[p]++;
                pinnedTotal++;
            }
        }
        long floor = n / m / 2;
        while (floor > 0 && needed(floor, pinned) > n - pinnedTotal) {
            floor--;
        }
        long[] lower = new long[m];
        for (int p = 0; p < m; p++) {
            upper[p] = Math.max(upper[p], pinned[p]);
            lower[p] = floor;
        }
        return new Bounds(upper, lower);
    }

    /** Automatic nodes it takes to bring every member up to {@code floor}. */
    private static long needed(long floor, long[] pinned) {
        long needed = 0;
        for (long p : pinned) {
            needed += Math.max(0, floor - p);
        }
        return needed;
    }
}
