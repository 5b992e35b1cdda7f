package io.netemu.cluster.placement;

import io.netemu.cluster.placement.PlacementRequest.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Lab graphs for the partitioner's tests and benchmark, in the shapes {@code netemu gen} writes
 * (node and link order as there: a switch, then its hosts and their links, then its fabric links).
 */
public final class Labs {
    private Labs() {}

    /** member-1 .. member-m. */
    public static List<String> members(int m) {
        List<String> members = new ArrayList<>();
        for (int i = 1; i <= m; i++) {
            members.add("member-" + i);
        }
        return members;
    }

    /** n0 - n1 - ... - n(n-1). */
    public static PlacementRequest chain(int n, int m) {
        List<String> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add("n" + i);
            if (i > 0) {
                links.add(new Link("n" + (i - 1), "n" + i));
            }
        }
        return new PlacementRequest(nodes, links, members(m), Map.of());
    }

    /** Every leaf links to every spine; each leaf has {@code hosts} hosts. */
    public static PlacementRequest leafSpine(int spines, int leaves, int hosts, int m) {
        List<String> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int s = 0; s < spines; s++) {
            nodes.add("spine" + s);
        }
        for (int l = 0; l < leaves; l++) {
            nodes.add("leaf" + l);
            for (int h = 0; h < hosts; h++) {
                nodes.add("h" + l + "-" + h);
                links.add(new Link("leaf" + l, "h" + l + "-" + h));
            }
            for (int s = 0; s < spines; s++) {
                links.add(new Link("leaf" + l, "spine" + s));
            }
        }
        return new PlacementRequest(nodes, links, members(m), Map.of());
    }

    /** A k-ary fat-tree: (k/2)^2 cores; k pods of k/2 aggregation and k/2 edge switches; k/2 hosts per edge. */
    public static PlacementRequest fatTree(int k, int m) {
        int h = k / 2;
        List<String> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int c = 0; c < h * h; c++) {
            nodes.add("c" + c);
        }
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < h; i++) {
                nodes.add("a" + p + "-" + i);
            }
            for (int e = 0; e < h; e++) {
                String edge = "e" + p + "-" + e;
                nodes.add(edge);
                for (int j = 0; j < h; j++) {
                    String host = "h" + p + "-" + e + "-" + j;
                    nodes.add(host);
                    links.add(new Link(edge, host));
                }
            }
            for (int e = 0; e < h; e++) {
                for (int i = 0; i < h; i++) {
                    links.add(new Link("e" + p + "-" + e, "a" + p + "-" + i));
                }
            }
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < h; j++) {
                    links.add(new Link("a" + p + "-" + i, "c" + (i * h + j)));
                }
            }
        }
        return new PlacementRequest(nodes, links, members(m), Map.of());
    }

    /** n nodes and {@code links} links between random pairs (repeats and self links included). */
    public static PlacementRequest random(Random random, int n, int links, int m) {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add("r" + i);
        }
        List<Link> list = new ArrayList<>();
        for (int i = 0; i < links; i++) {
            list.add(new Link("r" + random.nextInt(n), "r" + random.nextInt(n)));
        }
        return new PlacementRequest(nodes, list, members(m), Map.of());
    }

    /** The same request with these pins. */
    public static PlacementRequest pinned(PlacementRequest r, Map<String, String> pins) {
        return new PlacementRequest(r.nodes(), r.links(), r.members(), pins);
    }

    /** Links whose ends the placement puts on different members, counted from its map. */
    public static int cut(PlacementRequest r, Placement p) {
        int cut = 0;
        for (Link link : r.links()) {
            if (!p.memberOf().get(link.a()).equals(p.memberOf().get(link.b()))) {
                cut++;
            }
        }
        return cut;
    }

    /** The balance bound: floor(ceil(n/m) * 1.05) + 1 nodes per member. */
    public static int bound(int n, int m) {
        return (int) Math.floor(Math.ceil((double) n / m) * 1.05) + 1;
    }
}
