package io.netemu.cluster.placement;

import java.util.Arrays;

/**
 * One coarsening step: size-constrained label propagation. Each vertex joins the neighbouring
 * cluster it has the heaviest links to, as long as the cluster stays within {@code maxWeight}
 * lab nodes and no cluster mixes nodes pinned to different members. Unlike a matching, a star
 * (a leaf switch and its hosts) collapses in one step instead of one host per step. Vertices with
 * no edges at all are packed together: grouping them cannot cut anything.
 */
final class Coarsener {
    private static final int ROUNDS = 3;

    /** Fine vertex -> coarse vertex, the number of coarse vertices and their pins. */
    record Clustering(int[] cmap, int count, int[] pin) {}

    private Coarsener() {}

    static Clustering cluster(LabGraph g, int maxWeight) {
        int n = g.n;
        int[] cl = new int[n];
        int[] clWeight = new int[n];
        int[] clPin = new int[n];
        int[] clPinned = new int[n];
        for (int v = 0; v < n; v++) {
            cl[v] = v;
            clWeight[v] = g.vw[v];
            clPin[v] = g.pin[v];
            clPinned[v] = g.pin[v] >= 0 ? 1 : 0;
        }
        int[] order = byDegree(g);
        int[] conn = new int[n];
        int[] touched = new int[n];
        for (int round = 0; round < ROUNDS; round++) {
            int moved = 0;
            for (int v : order) {
                int own = cl[v];
                int nt = 0;
                for (int e = g.xadj[v]; e < g.xadj[v + 1]; e++) {
                    int c = cl[g.adj[e]];
                    if (conn[c] == 0) {
                        touched[nt++] = c;
                    }
                    conn[c] += g.ew[e];
                }
                int best = own;
                int bestConn = conn[own];
                for (int i = 0; i < nt; i++) {
                    int c = touched[i];
                    if (c != own && fits(g, v, c, clWeight, clPin, maxWeight)
                            && (conn[c] > bestConn || (conn[c] == bestConn && best != own && lighter(c, best, clWeight)))) {
                        best = c;
                        bestConn = conn[c];
                    }
                }
                for (int i = 0; i < nt; i++) {
                    conn[touched[i]] = 0;
                }
                if (best != own) {
                    leave(g, v, own, clWeight, clPin, clPinned);
                    cl[v] = best;
                    clWeight[best] += g.vw[v];
                    if (g.pin[v] >= 0) {
                        clPin[best] = g.pin[v];
                        clPinned[best]++;
                    }
                    moved++;
                }
            }
            if (moved == 0) {
                break;
            }
        }
        packIsolated(g, cl, clWeight, maxWeight);
        return compact(cl, clPin);
    }

    private static boolean fits(LabGraph g, int v, int c, int[] clWeight, int[] clPin, int maxWeight) {
        return clWeight[c] + g.vw[v] <= maxWeight && (g.pin[v] < 0 || clPin[c] < 0 || clPin[c] == g.pin[v]);
    }

    private static boolean lighter(int c, int than, int[] clWeight) {
        return clWeight[c] < clWeight[than] || (clWeight[c] == clWeight[than] && c < than);
    }

    private static void leave(LabGraph g, int v, int c, int[] clWeight, int[] clPin, int[] clPinned) {
        clWeight[c] -= g.vw[v];
        if (g.pin[v] >= 0 && --clPinned[c] == 0) {
            clPin[c] = -1;
        }
    }

    /** Unpinned vertices without edges, in order, into clusters of at most maxWeight. */
    private static void packIsolated(LabGraph g, int[] cl, int[] clWeight, int maxWeight) {
        int open = -1;
        for (int v = 0; v < g.n; v++) {
            if (g.xadj[v] != g.xadj[v + 1] || g.pin[v] >= 0 || cl[v] != v) {
                continue;
            }
            if (open >= 0 && clWeight[open] + g.vw[v] <= maxWeight) {
                clWeight[v] -= g.vw[v];
                cl[v] = open;
                clWeight[open] += g.vw[v];
            } else {
                open = v;
            }
        }
    }

    /** Low degree first (hosts before their switch), then the lab's order. */
    private static int[] byDegree(LabGraph g) {
        long[] keyed = new long[g.n];
        for (int v = 0; v < g.n; v++) {
            keyed[v] = ((long) (g.xadj[v + 1] - g.xadj[v]) << 32) | v;
        }
        Arrays.sort(keyed);
        int[] order = new int[g.n];
        for (int i = 0; i < g.n; i++) {
            order[i] = (int) keyed[i];
        }
        return order;
    }

    /** Cluster ids renumbered 0.. in order of their first vertex. */
    private static Clustering compact(int[] cl, int[] clPin) {
        int n = cl.length;
        int[] id = new int[n];
        Arrays.fill(id, -1);
        int[] cmap = new int[n];
        int[] pin = new int[n];
        int count = 0;
        for (int v = 0; v < n; v++) {
            int c = cl[v];
            if (id[c] < 0) {
                pin[count] = clPin[c];
                id[c] = count++;
            }
            cmap[v] = id[c];
        }
        return new Clustering(cmap, count, Arrays.copyOf(pin, count));
    }
}
