package io.netemu.topologies.routing;

import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.Ipv4Cidr;
import io.netemu.topologies.lab.Lab;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code routing: shortest-path}: static routes for a lab whose nodes have addresses (their
 * {@code ip addr add A/LEN dev IF} exec lines) but no routes, computed once for the whole lab.
 *
 * <p>Semantics:
 * <ul>
 * <li>A <b>segment</b> is what one L2 broadcast domain joins: the two ends of a link, and every
 *     port of a {@code bridge} node (bridges are L2: they get no routes and route nothing).</li>
 * <li>A node <b>forwards</b> when its sysctl sets {@code net.ipv4.ip_forward} (or
 *     {@code net.ipv4.conf.all.forwarding}) to 1; other nodes are <b>hosts</b>, never transit.</li>
 * <li>Node X reaches neighbour Y (a forwarder) when they share a segment and X's interface there
 *     has an address in a subnet that holds one of Y's addresses on its end: the route goes
 *     {@code via} Y's address {@code dev} X's interface.</li>
 * <li>For each subnet (a prefix some interface has an address in; addresses on interfaces no link
 *     names, such as {@code lo}, are stubs of their node, except 127/8), a multi-source BFS over
 *     forwarders starts at the forwarders attached to it; every other forwarder gets a route to it
 *     via all neighbours one hop closer (ECMP: {@code nexthop via A dev X nexthop via B dev Y}).
 *     Subnets attached to the same set of forwarders share one BFS.</li>
 * <li>Hosts get one {@code default} route via every forwarder they reach directly (ECMP when
 *     multi-homed) instead of per-subnet routes.</li>
 * <li>A node whose exec lines change routes itself ({@code ip route add|replace|append|...})
 *     routes itself: it gets nothing, but a forwarder among them is still used as transit.</li>
 * </ul>
 * The hot path ({@link RouteComputation}: BFS and route records) runs on int arrays; command strings are only made per node
 * on demand ({@link #commands}).
 */
public final class ShortestPathRoutes {
    private final String[] names;
    private final Map<String, Integer> index;
    private final String[] epIface;
    // edges X -> forwarder Y (CSR by X): Y, gateway address, X's endpoint (its device)
    private final int[] edgeStart;
    private final int[] edgeTo;
    private final int[] edgeGw;
    private final int[] edgeDev;
    // subnets per BFS group (CSR)
    private final int[] groupSubnetStart;
    private final int[] groupSubnets;
    private final int[] subnetAddr;
    private final int[] subnetLen;
    // route records sorted by node: group (or -1 for default), nexthop edges
    private final int[] nodeRecStart;
    private final int[] recGroup;
    private final int[] recNhStart;
    private final int[] nhEdges;
    private final int routeCount;
    private final int forwarders;
    private final int selfRouted;
    private final long computeNanos;

    private ShortestPathRoutes(RouteComputation b, long startNanos) {
        this.names = b.names;
        this.index = b.index;
        this.epIface = b.epIface;
        this.edgeStart = b.edgeStart;
        this.edgeTo = b.edgeTo;
        this.edgeGw = b.edgeGw;
        this.edgeDev = b.edgeDev;
        this.groupSubnetStart = b.groupSubnetStart;
        this.groupSubnets = b.groupSubnets;
        this.subnetAddr = b.subnetAddr.toArray();
        this.subnetLen = b.subnetLen.toArray();
        this.nodeRecStart = b.nodeRecStart;
        this.recGroup = b.recGroupSorted;
        this.recNhStart = b.recNhSorted;
        this.nhEdges = b.nh.toArray();
        this.routeCount = b.routeCount;
        this.forwarders = b.forwarderCount;
        this.selfRouted = b.selfRouted;
        this.computeNanos = System.nanoTime() - startNanos;
    }

    /** Computes the routes of {@code lab} (whatever its {@code routing} key says). */
    public static ShortestPathRoutes compute(Lab lab) {
        long t0 = System.nanoTime();
        RouteComputation b = new RouteComputation(lab);
        b.run();
        return new ShortestPathRoutes(b, t0);
    }

    /** Routes installed in all nodes together (a multipath route counts once). */
    public int routeCount() { return routeCount; }

    /** Nodes that forward (ip_forward 1). */
    public int forwarders() { return forwarders; }

    /** Nodes left alone because their exec lines set routes themselves. */
    public int selfRouted() { return selfRouted; }

    public long computeNanos() { return computeNanos; }

    /** Routes of one node (0 for an unknown node). */
    public int routeCount(String node) {
        Integer n = index.get(node);
        if (n == null) {
            return 0;
        }
        int c = 0;
        for (int r = nodeRecStart[n]; r < nodeRecStart[n + 1]; r++) {
            int g = recGroup[r];
            c += g < 0 ? 1 : groupSubnetStart[g + 1] - groupSubnetStart[g];
        }
        return c;
    }

    /** The {@code ip route add ...} commands for {@code node}, in a stable order (empty when none). */
    public List<String> commands(String node) {
        Integer n = index.get(node);
        if (n == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int r = nodeRecStart[n]; r < nodeRecStart[n + 1]; r++) {
            String via = via(recNhStart[r], recNhStart[r + 1]);
            int g = recGroup[r];
            if (g < 0) {
                out.add("ip route add default" + via);
                continue;
            }
            for (int i = groupSubnetStart[g]; i < groupSubnetStart[g + 1]; i++) {
                int s = groupSubnets[i];
                out.add("ip route add " + Ipv4Address.format(subnetAddr[s]) + "/" + subnetLen[s] + via);
            }
        }
        return out;
    }

    private String via(int from, int to) {
        StringBuilder sb = new StringBuilder();
        boolean multi = to - from > 1;
        for (int i = from; i < to; i++) {
            int e = nhEdges[i];
            sb.append(multi ? " nexthop via " : " via ").append(Ipv4Address.format(edgeGw[e]))
                    .append(" dev ").append(epIface[edgeDev[e]]);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
}
