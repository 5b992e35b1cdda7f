package io.netemu.cluster.placement;

import java.util.Arrays;

/**
 * An undirected weighted graph in compressed sparse rows, one level of the multilevel scheme.
 * Vertex weight = how many lab nodes a vertex stands for; edge weight = how many links join the
 * two groups (repeated links add up, links inside a vertex are gone: they can never cut).
 * {@code pin[v]} is the member every node of v is pinned to, or -1.
 *
 * <pre>
 *  neighbours of v: adj[xadj[v] .. xadj[v+1]-1], with weights ew[...] at the same positions
 * </pre>
 */
final class LabGraph {
    final int n;
    final int[] xadj;
    final int[] adj;
    final int[] ew;
    final int[] vw;
    final int[] pin;
    final long totalWeight;

    private LabGraph(int[] xadj, int[] adj, int[] ew, int[] vw, int[] pin) {
        this.n = vw.length;
        this.xadj = xadj;
        this.adj = adj;
        this.ew = ew;
        this.vw = vw;
        this.pin = pin;
        long t = 0;
        for (int w : vw) {
            t += w;
        }
        this.totalWeight = t;
    }

    /** The lab itself: n unit vertices, one edge per link between {@code a[i]} and {@code b[i]}. */
    static LabGraph of(int n, int[] a, int[] b, int[] pin) {
        int[] degree = new int[n + 1];
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                degree[a[i]]++;
                degree[b[i]]++;
            }
        }
        int[] start = prefix(degree, n);
        int[] fill = Arrays.copyOf(start, n);
        int[] raw = new int[start[n]];
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                raw[fill[a[i]]++] = b[i];
                raw[fill[b[i]]++] = a[i];
            }
        }
        int[] ones = new int[raw.length];
        Arrays.fill(ones, 1);
        int[] vw = new int[n];
        Arrays.fill(vw, 1);
        return merged(n, start, raw, ones, vw, pin.clone(), null);
    }

    /**
     * The coarse graph in which fine vertex v becomes vertex {@code cmap[v]} ({@code 0 <= cmap[v] < nc}):
     * weights add up, edges inside a coarse vertex vanish. {@code cpin} is the coarse vertices' pins.
     */
    LabGraph contract(int[] cmap, int nc, int[] cpin) {
        int[] cvw = new int[nc];
        int[] count = new int[nc + 1];
        for (int v = 0; v < n; v++) {
            cvw[cmap[v]] += vw[v];
            count[cmap[v]] += xadj[v + 1] - xadj[v];
        }
        int[] start = prefix(count, nc);
        int[] fill = Arrays.copyOf(start, nc);
        int[] raw = new int[start[nc]];
        int[] rawW = new int[start[nc]];
        for (int v = 0; v < n; v++) {
            int c = cmap[v];
            for (int e = xadj[v]; e < xadj[v + 1]; e++) {
                raw[fill[c]] = cmap[adj[e]];
                rawW[fill[c]++] = ew[e];
            }
        }
        return merged(nc, start, raw, rawW, cvw, cpin, fill);
    }

    /** Sum of the weights of v's edges. */
    int weightedDegree(int v) {
        int d = 0;
        for (int e = xadj[v]; e < xadj[v + 1]; e++) {
            d += ew[e];
        }
        return d;
    }

    /** Edge weight between different parts. */
    long cut(int[] part) {
        long cut = 0;
        for (int v = 0; v < n; v++) {
            for (int e = xadj[v]; e < xadj[v + 1]; e++) {
                if (part[adj[e]] != part[v]) {
                    cut += ew[e];
                }
            }
        }
        return cut / 2;
    }

    /**
     * Rows {@code raw[start[v] .. end[v])} (end = start[v+1] when {@code ends} is null) with repeated
     * neighbours merged (weights added, first occurrence's position kept) and self edges dropped.
     */
    private static LabGraph merged(int n, int[] start, int[] raw, int[] rawW, int[] vw, int[] pin, int[] ends) {
        int[] xadj = new int[n + 1];
        int[] adj = new int[raw.length];
        int[] ew = new int[raw.length];
        int[] seenBy = new int[n];
        Arrays.fill(seenBy, -1);
        int[] at = new int[n];
        int k = 0;
        for (int v = 0; v < n; v++) {
            xadj[v] = k;
            int end = ends == null ? start[v + 1] : ends[v];
            for (int i = start[v]; i < end; i++) {
                int u = raw[i];
                if (u == v) {
                    continue;
                }
                if (seenBy[u] == v) {
                    ew[at[u]] += rawW[i];
                } else {
                    seenBy[u] = v;
                    at[u] = k;
                    adj[k] = u;
                    ew[k++] = rawW[i];
                }
            }
        }
        xadj[n] = k;
        return new LabGraph(xadj, Arrays.copyOf(adj, k), Arrays.copyOf(ew, k), vw, pin);
    }

    private static int[] prefix(int[] count, int n) {
        int[] start = new int[n + 1];
        for (int v = 0; v < n; v++) {
            start[v + 1] = start[v] + count[v];
        }
        return start;
    }
}
