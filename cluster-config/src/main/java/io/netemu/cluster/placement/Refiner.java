package io.netemu.cluster.placement;

import java.util.Arrays;

/**
 * Moves vertices between parts of one level: {@link #rebalance} brings parts inside their
 * {@link Bounds} at the least cost in cut links, {@link #refine} lowers the cut with k-way
 * Fiduccia-Mattheyses passes. Neither moves a pinned vertex, fills a part beyond its upper bound
 * or takes one below its lower bound.
 *
 * <p>An FM pass moves the boundary vertex whose best move gains most (even a negative gain, which
 * is how it climbs out of a local minimum), locks it, and at the end rolls back to the best cut
 * it saw. Gains are kept exact as neighbours move; the bounds change under them, so a popped
 * vertex's move is recomputed and the vertex goes back in when its gain dropped.
 */
final class Refiner {
    private static final int MAX_PASSES = 8;
    /** Targets {@link #bestMove} considers: parts v has links to (FM), any part (emptying an overfull one), parts below their lower bound. */
    private static final int LINKED = 0;
    private static final int ANY = 1;
    private static final int UNDER = 2;

    private final LabGraph g;
    private final int m;
    private final long[] upper;
    private final long[] lower;
    private final GainHeap heap;
    private final boolean[] locked;
    private final int[] conn;
    private final int[] touched;
    private final int[] moved;
    private final int[] movedFrom;
    /** The move found by the last {@link #bestMove}: target part (or -1) and gain. */
    private int bestTo;
    private int bestGain;

    Refiner(LabGraph g, int m, Bounds bounds) {
        this.g = g;
        this.m = m;
        this.upper = bounds.upper();
        this.lower = bounds.lower();
        this.heap = new GainHeap(g.n);
        this.locked = new boolean[g.n];
        this.conn = new int[m];
        this.touched = new int[m];
        this.moved = new int[g.n];
        this.movedFrom = new int[g.n];
    }

    /** FM passes until one gains nothing; returns the cut removed. */
    long refine(int[] part, long[] weight) {
        long total = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            long gained = pass(part, weight);
            total += gained;
            if (gained <= 0) {
                break;
            }
        }
        return total;
    }

    private long pass(int[] part, long[] weight) {
        heap.clear();
        Arrays.fill(locked, false);
        for (int v = 0; v < g.n; v++) {
            if (g.pin[v] < 0 && bestMove(v, part, weight, LINKED)) { // only boundary vertices have one
                heap.put(v, bestGain);
            }
        }
        int patience = Math.clamp(g.n / 20, 20, 300);
        int count = 0;
        int bestCount = 0;
        long sum = 0;
        long bestSum = 0;
        while (!heap.isEmpty() && count - bestCount <= patience) {
            int key = heap.topKey();
            int v = heap.pop();
            if (!bestMove(v, part, weight, LINKED)) {
                continue;
            }
            if (bestGain < key) {
                heap.put(v, bestGain);
                continue;
            }
            int from = part[v];
            move(v, bestTo, part, weight);
            locked[v] = true;
            moved[count] = v;
            movedFrom[count++] = from;
            sum += bestGain;
            if (sum > bestSum) {
                bestSum = sum;
                bestCount = count;
            }
            for (int e = g.xadj[v]; e < g.xadj[v + 1]; e++) {
                int u = g.adj[e];
                if (locked[u] || g.pin[u] >= 0) {
                    continue;
                }
                if (bestMove(u, part, weight, LINKED)) {
                    heap.put(u, bestGain);
                } else {
                    heap.remove(u);
                }
            }
        }
        for (int i = count - 1; i >= bestCount; i--) {
            move(moved[i], movedFrom[i], part, weight);
        }
        return bestSum;
    }

    /**
     * Moves unpinned vertices, cheapest first, out of parts above their upper bound, then into
     * parts below their lower bound. Returns false when some part is still out of bounds (a coarse
     * vertex too heavy to move: a finer level splits it).
     */
    boolean rebalance(int[] part, long[] weight) {
        drain(part, weight, ANY);
        drain(part, weight, UNDER);
        for (int p = 0; p < m; p++) {
            if (weight[p] > upper[p] || weight[p] < lower[p]) {
                return false;
            }
        }
        return true;
    }

    /** ANY: empties overfull parts; UNDER: fills underfull ones. */
    private void drain(int[] part, long[] weight, int mode) {
        heap.clear();
        for (int v = 0; v < g.n; v++) {
            if (candidate(v, part, weight, mode)) {
                heap.put(v, bestGain);
            }
        }
        while (!heap.isEmpty()) {
            int key = heap.topKey();
            int v = heap.pop();
            if (!candidate(v, part, weight, mode)) {
                continue;
            }
            if (bestGain < key) {
                heap.put(v, bestGain);
                continue;
            }
            move(v, bestTo, part, weight);
            for (int e = g.xadj[v]; e < g.xadj[v + 1]; e++) {
                int u = g.adj[e];
                if (candidate(u, part, weight, mode)) {
                    heap.put(u, bestGain);
                }
            }
        }
    }

    private boolean candidate(int v, int[] part, long[] weight, int mode) {
        return g.pin[v] < 0 && (mode != ANY || weight[part[v]] > upper[part[v]]) && bestMove(v, part, weight, mode);
    }

    private void move(int v, int to, int[] part, long[] weight) {
        weight[part[v]] -= g.vw[v];
        weight[to] += g.vw[v];
        part[v] = to;
    }

    /**
     * The best part for v other than its own that it may move to (room below the upper bound,
     * its own part staying at or above the lower one): the one v has the heaviest links to (ties:
     * the lighter part, then the lower index), among the targets {@code mode} allows. Sets
     * {@link #bestTo} and {@link #bestGain}; false when there is none.
     */
    private boolean bestMove(int v, int[] part, long[] weight, int mode) {
        int own = part[v];
        if (weight[own] - g.vw[v] < lower[own]) {
            return false;
        }
        int nt = 0;
        for (int e = g.xadj[v]; e < g.xadj[v + 1]; e++) {
            int p = part[g.adj[e]];
            if (conn[p] == 0) {
                touched[nt++] = p;
            }
            conn[p] += g.ew[e];
        }
        int ownConn = conn[own];
        bestTo = -1;
        if (mode == LINKED) {
            for (int i = 0; i < nt; i++) {
                consider(v, touched[i], own, ownConn, weight);
            }
        } else {
            for (int p = 0; p < m; p++) {
                if (mode == ANY || weight[p] < lower[p]) {
                    consider(v, p, own, ownConn, weight);
                }
            }
        }
        for (int i = 0; i < nt; i++) {
            conn[touched[i]] = 0;
        }
        return bestTo >= 0;
    }

    private void consider(int v, int p, int own, int ownConn, long[] weight) {
        if (p == own || weight[p] + g.vw[v] > upper[p]) {
            return;
        }
        int gain = conn[p] - ownConn;
        if (bestTo < 0 || gain > bestGain || (gain == bestGain && (weight[p] < weight[bestTo]
                || (weight[p] == weight[bestTo] && p < bestTo)))) {
            bestTo = p;
            bestGain = gain;
        }
    }
}
