package io.netemu.topologies.gen;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The generated shapes. Routers come first in each group, then the hosts they own; each router's
 * host links come before its fabric links, so a router's hosts are eth0..eth(H-1).
 */
public final class Shapes {
    /** The most nodes a generated lab may have (a k=64 fat-tree has 70,656). */
    public static final int MAX_NODES = 200_000;
    /** The most hosts one router may own: its host block is then a /24. */
    public static final int MAX_HOSTS_PER_ROUTER = 128;

    private Shapes() {}

    /**
     * A k-ary fat-tree: k pods of k/2 edge and k/2 aggregation switches, (k/2)^2 cores, k/2 hosts per
     * edge switch. Aggregation switch i of each pod links to cores i*k/2 .. i*k/2+k/2-1; core c's
     * interface ethP goes to pod P.
     */
    public static Fabric fatTree(int k) {
        if (k < 2 || k > 64 || k % 2 != 0) {
            throw new GenException("--k must be an even number from 2 to 64 (got " + k + "): a pod has k/2 edge and k/2"
                    + " aggregation switches, and k=64 already makes 70,656 nodes");
        }
        int h = k / 2;
        Fabric f = new Fabric("fattree-k" + k);
        int[] core = new int[h * h];
        for (int c = 0; c < core.length; c++) {
            core[c] = f.router("c" + c);
        }
        for (int p = 0; p < k; p++) {
            int[] agg = new int[h];
            int[] edge = new int[h];
            for (int i = 0; i < h; i++) {
                agg[i] = f.router("a" + p + "-" + i);
            }
            for (int e = 0; e < h; e++) {
                edge[e] = f.router("e" + p + "-" + e);
                for (int j = 0; j < h; j++) {
                    f.link(edge[e], f.host("h" + p + "-" + e + "-" + j));
                }
            }
            for (int e = 0; e < h; e++) {
                for (int i = 0; i < h; i++) {
                    f.link(edge[e], agg[i]);
                }
            }
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < h; j++) {
                    f.link(agg[i], core[i * h + j]);
                }
            }
        }
        return f;
    }

    /** Leaf-spine: every leaf links to every spine; each leaf owns {@code hosts} hosts. */
    public static Fabric leafSpine(int spines, int leaves, int hosts) {
        range("--spines", spines, 1, 512, "every leaf links to every spine");
        range("--leaves", leaves, 1, 4096, "every leaf links to every spine");
        hosts(hosts);
        nodes((long) spines + leaves + (long) leaves * hosts);
        Fabric f = new Fabric("leafspine-s" + spines + "-l" + leaves + "-h" + hosts);
        int[] spine = new int[spines];
        for (int s = 0; s < spines; s++) {
            spine[s] = f.router("spine" + s);
        }
        for (int l = 0; l < leaves; l++) {
            int leaf = f.router("leaf" + l);
            for (int j = 0; j < hosts; j++) {
                f.link(leaf, f.host("h" + l + "-" + j));
            }
            for (int s = 0; s < spines; s++) {
                f.link(leaf, spine[s]);
            }
        }
        return f;
    }

    /** A chain r0 - r1 - ... - r(n-1); each router owns {@code hosts} hosts. */
    public static Fabric linear(int n, int hosts) {
        range("--n", n, 1, MAX_NODES, "the number of routers in the chain");
        hosts(hosts);
        nodes((long) n * (1 + hosts));
        return chain(new Fabric("linear-n" + n), n, hosts, false);
    }

    /** A ring r0 - r1 - ... - r(n-1) - r0; each router owns {@code hosts} hosts. */
    public static Fabric ring(int n, int hosts) {
        range("--n", n, 3, MAX_NODES, "a ring needs 3 routers for its links to be distinct");
        hosts(hosts);
        nodes((long) n * (1 + hosts));
        return chain(new Fabric("ring-n" + n), n, hosts, true);
    }

    private static Fabric chain(Fabric f, int n, int hosts, boolean close) {
        int first = -1;
        int prev = -1;
        for (int i = 0; i < n; i++) {
            int r = f.router("r" + i);
            for (int j = 0; j < hosts; j++) {
                f.link(r, f.host("h" + i + "-" + j));
            }
            if (prev >= 0) {
                f.link(prev, r);
            } else {
                first = r;
            }
            prev = r;
        }
        if (close) {
            f.link(prev, first);
        }
        return f;
    }

    /** An X by Y grid of routers r{x}-{y}, each linked to its right and lower neighbours. */
    public static Fabric grid(int x, int y, int hosts) {
        range("--x", x, 1, MAX_NODES, "the grid's width in routers");
        range("--y", y, 1, MAX_NODES, "the grid's height in routers");
        hosts(hosts);
        nodes((long) x * y * (1 + hosts));
        Fabric f = new Fabric("grid-" + x + "x" + y);
        int[] row = new int[x];
        for (int j = 0; j < y; j++) {
            for (int i = 0; i < x; i++) {
                int r = f.router("r" + i + "-" + j);
                for (int h = 0; h < hosts; h++) {
                    f.link(r, f.host("h" + i + "-" + j + "-" + h));
                }
                if (i > 0) {
                    f.link(row[i - 1], r);
                }
                if (j > 0) {
                    f.link(row[i], r);
                }
                row[i] = r;
            }
        }
        return f;
    }

    /**
     * A connected random graph of n routers with mean degree {@code degree} (n*degree/2 links, rounded
     * down, at least n-1): a random spanning tree (router i links to a random earlier router), then
     * random extra links without duplicates, all drawn from {@code seed}.
     */
    public static Fabric random(int n, int degree, long seed, int hosts) {
        range("--n", n, 2, MAX_NODES, "the number of routers");
        range("--degree", degree, 1, Math.min(n - 1, 64),
                "the mean links per router: at most n-1 (no parallel links) and at most 64");
        hosts(hosts);
        nodes((long) n * (1 + hosts));
        Fabric f = new Fabric("random-n" + n + "-d" + degree + "-s" + seed);
        Random rnd = new Random(seed);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = f.router("r" + i);
            for (int h = 0; h < hosts; h++) {
                f.link(r[i], f.host("h" + i + "-" + h));
            }
        }
        long target = Math.max(n - 1, (long) n * degree / 2);
        Set<Long> seen = new HashSet<>();
        for (int i = 1; i < n; i++) {
            int j = rnd.nextInt(i);
            seen.add((long) j * n + i);
            f.link(r[j], r[i]);
        }
        long made = n - 1;
        while (made < target) {
            int a = rnd.nextInt(n);
            int b = rnd.nextInt(n);
            if (a == b) {
                continue;
            }
            long key = (long) Math.min(a, b) * n + Math.max(a, b);
            if (seen.add(key)) {
                f.link(r[Math.min(a, b)], r[Math.max(a, b)]);
                made++;
            }
        }
        return f;
    }

    private static void hosts(int hosts) {
        range("--hosts", hosts, 0, MAX_HOSTS_PER_ROUTER, "the hosts each router owns; they share one /24-or-smaller block");
    }

    private static void nodes(long n) {
        if (n > MAX_NODES) {
            throw new GenException("the lab would have " + n + " nodes; at most " + MAX_NODES + " are allowed");
        }
    }

    public static void range(String option, long value, long min, long max, String why) {
        if (value < min || value > max) {
            throw new GenException(option + " must be from " + min + " to " + max + " (got " + value + "): " + why);
        }
    }
}
