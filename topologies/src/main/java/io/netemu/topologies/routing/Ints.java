package io.netemu.topologies.routing;

import java.util.Arrays;

/** A growable int array: the route computation keeps its tables in ints, not boxed lists. */
final class Ints {
    int[] a = new int[16];
    int n;

    void add(int v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        a[n++] = v;
    }

    int[] toArray() { return Arrays.copyOf(a, n); }
}
