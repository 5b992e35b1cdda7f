package io.netemu.cluster.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Places a lab's nodes on the cluster's members. A node's {@code placement:} wins; the others are
 * spread by a multilevel graph partitioner ({@link Multilevel}) that keeps links inside a member
 * where it can, within the balance bounds of {@link Bounds}: no member holds more than
 * {@code floor(ceil(nodes / members) * 1.05) + 1} nodes, pinned and automatic together, unless its
 * pins alone are more (then it holds just its pins), and none fewer than half its share.
 */
public final class Partitioner {
    private Partitioner() {}

    /** Deterministic: the same request gives the same placement. */
    public static Placement place(PlacementRequest r) {
        Objects.requireNonNull(r, "request");
        List<String> nodes = r.nodes();
        List<String> members = r.members();
        Map<String, Integer> memberIndex = indexMembers(members, nodes.size());
        Map<String, Integer> nodeIndex = indexNodes(nodes);
        int n = nodes.size();
        int m = members.size();
        int[] pin = pins(r, nodeIndex, memberIndex);
        int[] a = new int[r.links().size()];
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            PlacementRequest.Link link = r.links().get(i);
            a[i] = endpoint(link, link.a(), nodeIndex);
            b[i] = endpoint(link, link.b(), nodeIndex);
        }

        int[] part;
        if (m == 1) {
            part = new int[n];
        } else {
            part = Multilevel.partition(LabGraph.of(n, a, b, pin), m, Bounds.of(n, m, pin));
        }
        return placement(nodes, members, pin, part, a, b);
    }

    private static Placement placement(List<String> nodes, List<String> members, int[] pin, int[] part, int[] a, int[] b) {
        int n = nodes.size();
        int m = members.size();
        Map<String, String> memberOf = new LinkedHashMap<>();
        int[] count = new int[m];
        int pinnedCount = 0;
        for (int v = 0; v < n; v++) {
            memberOf.put(nodes.get(v), members.get(part[v]));
            count[part[v]]++;
            if (pin[v] >= 0) {
                pinnedCount++;
            }
        }
        int cut = 0;
        for (int i = 0; i < a.length; i++) {
            if (part[a[i]] != part[b[i]]) {
                cut++;
            }
        }
        List<Integer> perMember = new ArrayList<>(m);
        int max = 0;
        for (int c : count) {
            perMember.add(c);
            max = Math.max(max, c);
        }
        double balance = n == 0 ? 1.0 : max / ((double) n / m);
        return new Placement(memberOf, cut, perMember, balance, pinnedCount, n - pinnedCount);
    }

    private static Map<String, Integer> indexMembers(List<String> members, int nodes) {
        if (members.isEmpty()) {
            throw new PlacementException("no cluster members to place the lab's " + nodes + (nodes == 1 ? " node" : " nodes")
                    + " on; start at least one member (or run the lab in one JVM)");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            if (index.putIfAbsent(members.get(i), i) != null) {
                throw new PlacementException("member " + members.get(i) + " is listed twice in the cluster's members "
                        + members + "; each member must have its own name");
            }
        }
        return index;
    }

    private static Map<String, Integer> indexNodes(List<String> nodes) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (index.putIfAbsent(nodes.get(i), i) != null) {
                throw new PlacementException("node " + nodes.get(i) + " appears twice in the lab; rename one of them");
            }
        }
        return index;
    }

    private static int[] pins(PlacementRequest r, Map<String, Integer> nodeIndex, Map<String, Integer> memberIndex) {
        TreeSet<String> unknownNodes = new TreeSet<>(r.pinned().keySet());
        unknownNodes.removeAll(nodeIndex.keySet());
        if (!unknownNodes.isEmpty()) {
            String node = unknownNodes.first();
            throw new PlacementException("placement of node " + node + " (on " + r.pinned().get(node)
                    + "): the lab has no node " + node + "; fix the node's name or remove its placement");
        }
        int[] pin = new int[r.nodes().size()];
        for (int v = 0; v < pin.length; v++) {
            String node = r.nodes().get(v);
            String member = r.pinned().get(node);
            if (member == null) {
                pin[v] = -1;
                continue;
            }
            Integer p = memberIndex.get(member);
            if (p == null) {
                throw new PlacementException("node " + node + ": placement " + member + " is not a member of the cluster"
                        + " (members: " + String.join(", ", r.members()) + "); fix the lab's placement: or start that member");
            }
            pin[v] = p;
        }
        return pin;
    }

    private static int endpoint(PlacementRequest.Link link, String node, Map<String, Integer> nodeIndex) {
        Integer v = nodeIndex.get(node);
        if (v == null) {
            throw new PlacementException("link " + link.a() + " -- " + link.b() + ": node " + node
                    + " is not a node of the lab; fix the link's endpoints or add the node");
        }
        return v;
    }
}
