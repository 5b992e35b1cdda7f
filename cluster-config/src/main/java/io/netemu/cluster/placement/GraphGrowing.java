package io.netemu.cluster.placement;

import java.util.Arrays;
import java.util.Random;

/**
 * The first partition, on the coarsest graph: greedy graph growing. Pinned vertices start in
 * their parts; then each part in turn grows from its pinned vertices, or from a pseudo-peripheral
 * seed (one end of a long path through what is left), by taking the unassigned neighbour whose
 * links lie most inside the part (gain = links to the part - links elsewhere), until it holds its
 * share of the weight. A part whose region runs out before that starts again from a new seed
 * (another component). What is left at the end goes to the best-linked part with room.
 *
 * <p>Try 0 starts from the lab's first node; later tries from random ones (a fixed seed, so the
 * result is the same every time).
 */
final class GraphGrowing {
    private final LabGraph g;
    private final int m;
    private final long[] capacity;
    private final GainHeap heap;
    private final int[] linksIn;
    private final int[] wdeg;
    private final int[] queue;
    private final int[] stamp;
    private int stampNow;
    /** {@code rejected[v] == p + 1}: v did not fit into part p; it is not offered to p again. */
    private final int[] rejected;
    private int cursor;

    GraphGrowing(LabGraph g, int m, long[] capacity) {
        this.g = g;
        this.m = m;
        this.capacity = capacity;
        this.heap = new GainHeap(g.n);
        this.linksIn = new int[g.n];
        this.wdeg = new int[g.n];
        for (int v = 0; v < g.n; v++) {
            wdeg[v] = g.weightedDegree(v);
        }
        this.queue = new int[g.n];
        this.stamp = new int[g.n];
        this.rejected = new int[g.n];
    }

    /** A partition; {@code weight} receives the parts' weights. */
    int[] grow(Random random, boolean randomStart, long[] weight) {
        int[] part = new int[g.n];
        Arrays.fill(part, -1);
        Arrays.fill(weight, 0);
        for (int v = 0; v < g.n; v++) {
            if (g.pin[v] >= 0) {
                part[v] = g.pin[v];
                weight[g.pin[v]] += g.vw[v];
            }
        }
        long share = (g.totalWeight + m - 1) / m;
        cursor = 0;
        for (int p = 0; p < m; p++) {
            growPart(p, Math.min(share, capacity[p]), part, weight, randomStart ? random : null);
        }
        for (int v = 0; v < g.n; v++) {
            if (part[v] < 0) {
                int p = leftoverPart(v, part, weight);
                part[v] = p;
                weight[p] += g.vw[v];
            }
        }
        return part;
    }

    private void growPart(int p, long target, int[] part, long[] weight, Random random) {
        heap.clear();
        Arrays.fill(linksIn, 0);
        Arrays.fill(rejected, 0);
        for (int v = 0; v < g.n; v++) {
            if (part[v] == p) {
                take(v, p, part);
            }
        }
        boolean first = true;
        while (weight[p] < target) {
            if (heap.isEmpty()) {
                int seed = seed(part, first ? random : null);
                first = false;
                if (seed < 0 || rejected[seed] == p + 1) {
                    return; // nothing left, or only vertices too heavy for the room left in p
                }
                heap.put(seed, 0);
            }
            int v = heap.pop();
            if (weight[p] + g.vw[v] > capacity[p]) {
                rejected[v] = p + 1; // too heavy for the room left; another part takes it
                continue;
            }
            part[v] = p;
            weight[p] += g.vw[v];
            take(v, p, part);
        }
    }

    /** v is now in part p: its unassigned neighbours gain. */
    private void take(int v, int p, int[] part) {
        for (int e = g.xadj[v]; e < g.xadj[v + 1]; e++) {
            int u = g.adj[e];
            if (part[u] < 0 && rejected[u] != p + 1) {
                linksIn[u] += g.ew[e];
                heap.put(u, 2 * linksIn[u] - wdeg[u]);
            }
        }
    }

    /** A pseudo-peripheral unassigned vertex: the far end of two breadth-first searches. */
    private int seed(int[] part, Random random) {
        int start = -1;
        if (random != null) {
            int from = random.nextInt(g.n);
            for (int i = 0; i < g.n && start < 0; i++) {
                int v = (from + i) % g.n;
                if (part[v] < 0) {
                    start = v;
                }
            }
        } else {
            while (cursor < g.n && part[cursor] >= 0) {
                cursor++;
            }
            start = cursor < g.n ? cursor : -1;
        }
        if (start < 0) {
            return -1;
        }
        return farthest(farthest(start, part), part);
    }

    private int farthest(int start, int[] part) {
        stampNow++;
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        stamp[start] = stampNow;
        int last = start;
        while (head < tail) {
            last = queue[head++];
            for (int e = g.xadj[last]; e < g.xadj[last + 1]; e++) {
                int u = g.adj[e];
                if (part[u] < 0 && stamp[u] != stampNow) {
                    stamp[u] = stampNow;
                    queue[tail++] = u;
                }
            }
        }
        return last;
    }

    /** The part v has the most links to among those with room; else the lightest. */
    private int leftoverPart(int v, int[] part, long[] weight) {
        long[] links = new long[m];
        for (int e = g.xadj[v]; e < g.xadj[v + 1]; e++) {
            if (part[g.adj[e]] >= 0) {
                links[part[g.adj[e]]] += g.ew[e];
            }
        }
        int best = -1;
        int lightest = 0;
        for (int p = 0; p < m; p++) {
            if (weight[p] < weight[lightest]) {
                lightest = p;
            }
            if (weight[p] + g.vw[v] <= capacity[p] && (best < 0 || links[p] > links[best])) {
                best = p;
            }
        }
        return best >= 0 ? best : lightest;
    }
}
