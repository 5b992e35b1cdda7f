package io.netemu.topologies.report;

import java.util.Arrays;

/** A growable column of longs: one per sample, appended as the run goes, copied out once at the end. */
final class LongColumn {
    private long[] values;
    private int size;

    LongColumn(int capacity) {
        values = new long[Math.max(16, capacity)];
    }

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() { return size; }

    long[] toArray() { return Arrays.copyOf(values, size); }
}
