package io.netemu.topologies.report;

import java.util.List;

/**
 * Places a topology's nodes for drawing: a force-directed layout (Fruchterman and Reingold,
 * "Graph drawing by force-directed placement", 1991) started from a circle, so the same lab is
 * always drawn the same way. Linked nodes attract, all nodes repel, the step cools each round.
 * Positions come out scaled into the unit square [0, 1]².
 */
final class GraphLayout {
    private GraphLayout() {}

    /** x and y of each node; {@code edges} are pairs of node indices. */
    static double[][] place(int n, List<int[]> edges) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / Math.max(1, n);
            x[i] = Math.cos(a);
            y[i] = Math.sin(a);
        }
        if (n > 1) {
            relax(n, edges, x, y);
        }
        return normalise(n, x, y);
    }

    private static void relax(int n, List<int[]> edges, double[] x, double[] y) {
        double k = Math.sqrt(4.0 / n); // the ideal edge length in a 2 x 2 square
        // fewer rounds for large labs: the repulsion is O(n²) per round
        int rounds = n <= 200 ? 300 : Math.max(30, (int) (300 * 200.0 * 200.0 / ((double) n * n)));
        double t = 0.2;
        double[] dx = new double[n];
        double[] dy = new double[n];
        for (int r = 0; r < rounds; r++) {
            java.util.Arrays.fill(dx, 0);
            java.util.Arrays.fill(dy, 0);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double ex = x[i] - x[j];
                    double ey = y[i] - y[j];
                    double d2 = Math.max(1e-9, ex * ex + ey * ey);
                    double f = k * k / d2; // repulsion k²/d, divided by d for the unit vector
                    dx[i] += ex * f;
                    dy[i] += ey * f;
                    dx[j] -= ex * f;
                    dy[j] -= ey * f;
                }
            }
            for (int[] e : edges) {
                double ex = x[e[0]] - x[e[1]];
                double ey = y[e[0]] - y[e[1]];
                double d = Math.max(1e-9, Math.sqrt(ex * ex + ey * ey));
                double f = d / k; // attraction d²/k, divided by d
                dx[e[0]] -= ex * f;
                dy[e[0]] -= ey * f;
                dx[e[1]] += ex * f;
                dy[e[1]] += ey * f;
            }
            for (int i = 0; i < n; i++) {
                double d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
                if (d > 0) {
                    double step = Math.min(d, t);
                    x[i] += dx[i] / d * step;
                    y[i] += dy[i] / d * step;
                }
            }
            t = Math.max(0.002, t * 0.98);
        }
    }

    private static double[][] normalise(int n, double[] x, double[] y) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        double span = Math.max(maxX - minX, maxY - minY);
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            out[i][0] = span < 1e-9 ? 0.5 : (x[i] - minX) / span + (span - (maxX - minX)) / span / 2;
            out[i][1] = span < 1e-9 ? 0.5 : (y[i] - minY) / span + (span - (maxY - minY)) / span / 2;
        }
        return out;
    }
}
