package io.netemu.cluster.placement;

import java.util.Arrays;

/**
 * An indexed binary max-heap of vertices keyed by an int gain; equal gains come out lowest vertex
 * first, so the partitioner's choices, and its output, do not depend on anything but its input.
 * A key can be changed or removed in O(log n) through {@code pos}.
 */
final class GainHeap {
    private final int[] heap;
    private final int[] key;
    private final int[] pos;
    private int size;

    GainHeap(int capacity) {
        heap = new int[capacity];
        key = new int[capacity];
        pos = new int[capacity];
        Arrays.fill(pos, -1);
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(int v) {
        return pos[v] >= 0;
    }

    /** The top vertex's key; only when not empty. */
    int topKey() {
        return key[heap[0]];
    }

    /** Inserts v or changes its key. */
    void put(int v, int k) {
        if (pos[v] < 0) {
            key[v] = k;
            heap[size] = v;
            pos[v] = size++;
            up(pos[v]);
        } else {
            int old = key[v];
            key[v] = k;
            if (k > old) {
                up(pos[v]);
            } else {
                down(pos[v]);
            }
        }
    }

    void remove(int v) {
        int i = pos[v];
        if (i < 0) {
            return;
        }
        pos[v] = -1;
        int last = heap[--size];
        if (i < size) {
            heap[i] = last;
            pos[last] = i;
            up(i);
            down(pos[last]);
        }
    }

    /** Removes and returns the top vertex; only when not empty. */
    int pop() {
        int top = heap[0];
        remove(top);
        return top;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            pos[heap[i]] = -1;
        }
        size = 0;
    }

    private boolean above(int a, int b) {
        return key[a] > key[b] || (key[a] == key[b] && a < b);
    }

    private void up(int i) {
        int v = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (!above(v, p)) {
                break;
            }
            heap[i] = p;
            pos[p] = i;
            i = parent;
        }
        heap[i] = v;
        pos[v] = i;
    }

    private void down(int i) {
        int v = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && above(heap[child + 1], heap[child])) {
                child++;
            }
            int c = heap[child];
            if (!above(c, v)) {
                break;
            }
            heap[i] = c;
            pos[c] = i;
            i = child;
        }
        heap[i] = v;
        pos[v] = i;
    }
}
