package io.netemu.cluster.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Multilevel k-way partitioning, as METIS and KaHIP do it:
 *
 * <pre>
 *  lab graph ──coarsen──▶ ... ──coarsen──▶ coarsest (≈ 16 vertices per part)
 *                                              │ graph growing, tries, keep the best
 *  partition ◀──project + rebalance + FM── ... ◀┘
 * </pre>
 *
 * Coarse vertices move whole groups of nodes at once, which is what lets a local search see past
 * the single-node moves that would each cut a link; each finer level then fixes the boundary.
 */
final class Multilevel {
    /** Fixed, so that the same request always gives the same placement. */
    private static final long SEED = 0x6e65_7465_6d75L;
    private static final int TRIES = 8;
    private static final int MAX_LEVELS = 40;

    private Multilevel() {}

    /** Part of every vertex of {@code fine}; pinned vertices in their pin's part, every part within its bounds. */
    static int[] partition(LabGraph fine, int m, Bounds bounds) {
        int coarsenTo = Math.max(64, 16 * m);
        int maxWeight = (int) Math.max(1, (fine.totalWeight + coarsenTo - 1) / coarsenTo);
        List<LabGraph> graphs = new ArrayList<>();
        List<int[]> maps = new ArrayList<>();
        graphs.add(fine);
        LabGraph g = fine;
        while (g.n > coarsenTo && graphs.size() < MAX_LEVELS) {
            Coarsener.Clustering c = Coarsener.cluster(g, maxWeight);
            if (c.count() > g.n - g.n / 20) {
                break; // under 5 % fewer vertices: coarsening has stalled
            }
            g = g.contract(c.cmap(), c.count(), c.pin());
            graphs.add(g);
            maps.add(c.cmap());
        }

        long[] weight = new long[m];
        int[] part = initial(g, m, bounds, weight);
        for (int level = maps.size() - 1; level >= 0; level--) {
            LabGraph finer = graphs.get(level);
            int[] cmap = maps.get(level);
            int[] projected = new int[finer.n];
            for (int v = 0; v < finer.n; v++) {
                projected[v] = part[cmap[v]];
            }
            part = projected;
            Refiner refiner = new Refiner(finer, m, bounds);
            refiner.rebalance(part, weight);
            refiner.refine(part, weight);
        }
        if (!new Refiner(fine, m, bounds).rebalance(part, weight)) {
            // cannot happen with unit weights: Bounds leaves room above and nodes to spare below
            throw new IllegalStateException("placement: could not balance " + fine.n + " nodes over " + m + " members");
        }
        return part;
    }

    private static int[] initial(LabGraph g, int m, Bounds bounds, long[] weight) {
        GraphGrowing growing = new GraphGrowing(g, m, bounds.upper());
        Refiner refiner = new Refiner(g, m, bounds);
        Random random = new Random(SEED);
        int tries = g.n <= 2_000 ? TRIES : 2;
        int[] best = null;
        long bestOverload = Long.MAX_VALUE;
        long bestCut = Long.MAX_VALUE;
        long[] w = new long[m];
        for (int t = 0; t < tries; t++) {
            int[] part = growing.grow(random, t > 0, w);
            refiner.rebalance(part, w);
            refiner.refine(part, w);
            long overload = 0;
            for (int p = 0; p < m; p++) {
                overload += Math.max(0, w[p] - bounds.upper()[p]) + Math.max(0, bounds.lower()[p] - w[p]);
            }
            long cut = g.cut(part);
            if (overload < bestOverload || (overload == bestOverload && cut < bestCut)) {
                best = part;
                bestOverload = overload;
                bestCut = cut;
                System.arraycopy(w, 0, weight, 0, m);
            }
        }
        return best;
    }
}
