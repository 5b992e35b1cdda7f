package io.netemu.topologies.gen;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Addresses a {@link Fabric}, computes its static routes and streams it out as a lab file.
 *
 * <p>Address plan (documented in docs/LABS.md, "Generated labs"):
 * <ul>
 * <li>router-to-router links: consecutive /31s from 10.0.0.0/9 in link order; the link's first
 *     endpoint gets the even address;</li>
 * <li>each router that owns hosts gets a host block from 10.128.0.0/9, in router order, all blocks of
 *     one size (the smallest power of two holding a /31 per host of the busiest router, a /24 for 128
 *     hosts); its j-th host link is the j-th /31 of the block, router even, host odd;</li>
 * <li>hosts: {@code ip route add default via} their router's address;</li>
 * <li>routers: {@code net.ipv4.ip_forward: 1} and one route per destination host block, its next
 *     hops every neighbour one hop closer (BFS in hop count from the block's router, once per block),
 *     several next hops as iproute2 multipath. Unless {@code summarise} is off, aligned runs of blocks
 *     whose next hops are the same are merged into one shorter prefix (a supernet of blocks with a
 *     different route, or of the router's own block, is never made, so the merge never changes a
 *     route).</li>
 * </ul>
 */
public final class LabWriter {
    public static final int FABRIC_BASE = (10 << 24);
    public static final int HOST_BASE = (10 << 24) | (128 << 16);
    private static final int POOL_BITS = 23; // each pool is a /9

    private static final int LOCAL = -1;
    private static final int NONE = -2;
    private static final int WILD = -3;
    private static final int MIXED = -4;

    /** What was written. */
    public record Stats(int nodes, int links, int hosts, long routes, int pings) {}

    private final Fabric f;
    private final int[] addrA;
    private final int[] addrB;
    // routers: compact index
    private final int[] routerOf; // node -> router index or -1
    private final int[] routerNode;
    private final int[] adjStart;
    private final int[] adjNbr; // router index
    private final int[] adjPeerAddr; // the neighbour's address on that link
    // host blocks
    private final int blockBits;
    private final int[] blockOf; // router index -> block or -1
    private final int[] blockOwner; // block -> router index
    // all links of each node, in link (= interface) order
    private final int[] nodeStart;
    private final int[] nodeLinks;
    private short[][] dist;

    public LabWriter(Fabric f) {
        this.f = f;
        int n = f.nodeCount();
        int links = f.linkCount();
        routerOf = new int[n];
        int routers = 0;
        for (int i = 0; i < n; i++) {
            routerOf[i] = f.isHost(i) ? -1 : routers++;
        }
        routerNode = new int[routers];
        for (int i = 0; i < n; i++) {
            if (routerOf[i] >= 0) {
                routerNode[routerOf[i]] = i;
            }
        }
        // hosts per router, fabric degree
        int[] hostsOf = new int[routers];
        adjStart = new int[routers + 1];
        int fabricLinks = 0;
        for (int l = 0; l < links; l++) {
            int a = f.linkA(l);
            int b = f.linkB(l);
            if (f.isHost(a)) {
                hostsOf[routerOf[b]]++;
            } else if (f.isHost(b)) {
                hostsOf[routerOf[a]]++;
            } else {
                adjStart[routerOf[a] + 1]++;
                adjStart[routerOf[b] + 1]++;
                fabricLinks++;
            }
        }
        if (2L * fabricLinks > (1L << POOL_BITS)) {
            throw new GenException(fabricLinks + " router-to-router links need more /31s than 10.0.0.0/9 holds ("
                    + (1 << (POOL_BITS - 1)) + ")");
        }
        int maxHosts = 0;
        int blocks = 0;
        blockOf = new int[routers];
        for (int r = 0; r < routers; r++) {
            maxHosts = Math.max(maxHosts, hostsOf[r]);
            blockOf[r] = hostsOf[r] > 0 ? blocks++ : -1;
        }
        blockBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, 2 * maxHosts - 1)));
        if (((long) nextPow2(blocks) << blockBits) > (1L << POOL_BITS)) {
            throw new GenException(blocks + " host blocks of " + (1 << blockBits) + " addresses do not fit in 10.128.0.0/9");
        }
        blockOwner = new int[blocks];
        for (int r = 0; r < routers; r++) {
            if (blockOf[r] >= 0) {
                blockOwner[blockOf[r]] = r;
            }
        }
        for (int r = 0; r < routers; r++) {
            adjStart[r + 1] += adjStart[r];
        }
        adjNbr = new int[adjStart[routers]];
        adjPeerAddr = new int[adjStart[routers]];
        int[] fill = Arrays.copyOf(adjStart, routers);
        addrA = new int[links];
        addrB = new int[links];
        int[] slot = new int[routers];
        int fi = 0;
        nodeStart = new int[n + 1];
        for (int l = 0; l < links; l++) {
            int a = f.linkA(l);
            int b = f.linkB(l);
            nodeStart[a + 1]++;
            nodeStart[b + 1]++;
            if (f.isHost(a) || f.isHost(b)) {
                boolean hostIsA = f.isHost(a);
                int r = routerOf[hostIsA ? b : a];
                int base = HOST_BASE + (blockOf[r] << blockBits) + 2 * slot[r]++;
                addrA[l] = hostIsA ? base + 1 : base;
                addrB[l] = hostIsA ? base : base + 1;
            } else {
                int base = FABRIC_BASE + 2 * fi++;
                addrA[l] = base;
                addrB[l] = base + 1;
                int ra = routerOf[a];
                int rb = routerOf[b];
                adjNbr[fill[ra]] = rb;
                adjPeerAddr[fill[ra]++] = base + 1;
                adjNbr[fill[rb]] = ra;
                adjPeerAddr[fill[rb]++] = base;
            }
        }
        for (int i = 0; i < n; i++) {
            nodeStart[i + 1] += nodeStart[i];
        }
        nodeLinks = new int[nodeStart[n]];
        int[] nf = Arrays.copyOf(nodeStart, n);
        for (int l = 0; l < links; l++) {
            nodeLinks[nf[f.linkA(l)]++] = l;
            nodeLinks[nf[f.linkB(l)]++] = l;
        }
    }

    /** The address of node's end of link l. */
    public int address(int node, int l) {
        return f.linkA(l) == node ? addrA[l] : addrB[l];
    }

    /** Every address the lab assigns, in link order (both ends). */
    public int[] allAddresses() {
        int[] all = new int[2 * f.linkCount()];
        for (int l = 0; l < f.linkCount(); l++) {
            all[2 * l] = addrA[l];
            all[2 * l + 1] = addrB[l];
        }
        return all;
    }

    /** Hop-count distances from each host block's router to every router: one BFS per block. */
    private void computeDistances() {
        int routers = routerNode.length;
        dist = new short[blockOwner.length][];
        int[] queue = new int[routers];
        for (int d = 0; d < blockOwner.length; d++) {
            short[] dd = new short[routers];
            Arrays.fill(dd, Short.MAX_VALUE);
            int head = 0;
            int tail = 0;
            dd[blockOwner[d]] = 0;
            queue[tail++] = blockOwner[d];
            while (head < tail) {
                int r = queue[head++];
                short next = (short) Math.min(dd[r] + 1, Short.MAX_VALUE - 1);
                for (int p = adjStart[r]; p < adjStart[r + 1]; p++) {
                    int m = adjNbr[p];
                    if (dd[m] == Short.MAX_VALUE) {
                        dd[m] = next;
                        queue[tail++] = m;
                    }
                }
            }
            dist[d] = dd;
        }
    }

    private static final class Key {
        final long[] bits;
        final int hash;

        Key(long[] bits) {
            this.bits = bits;
            this.hash = Arrays.hashCode(bits);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bits, k.bits);
        }
    }

    /**
     * Writes the lab. {@code comment} (may be null) becomes a leading YAML comment; {@code pingSample}
     * random host pairs (drawn from {@code seed}) ping each other in the scenario.
     */
    public Stats write(Appendable out, String comment, boolean summarise, int pingSample, long seed) throws IOException {
        int hosts = f.hostCount();
        if (pingSample > 0 && hosts < 2) {
            throw new GenException("--ping-sample needs at least 2 hosts; this lab has " + hosts);
        }
        computeDistances();
        StringBuilder sb = new StringBuilder(1 << 16);
        if (comment != null) {
            for (String line : comment.split("\n")) {
                sb.append("# ").append(line).append('\n');
            }
        }
        sb.append("name: ").append(f.name()).append('\n');
        sb.append("topology:\n  nodes:\n");
        long routes = 0;
        int n = f.nodeCount();
        int blocks = blockOwner.length;
        int leaves = nextPow2(Math.max(1, blocks));
        int[] tree = new int[2 * leaves];
        List<long[]> sets = new ArrayList<>();
        Map<Key, Integer> ids = new HashMap<>();
        for (int i = 0; i < n; i++) {
            sb.append("    ").append(f.nodeName(i)).append(":\n");
            int r = routerOf[i];
            if (r >= 0) {
                sb.append("      sysctl:\n        net.ipv4.ip_forward: 1\n");
            }
            if (nodeStart[i] == nodeStart[i + 1]) {
                flush(out, sb);
                continue;
            }
            sb.append("      exec:\n");
            for (int p = nodeStart[i]; p < nodeStart[i + 1]; p++) {
                int l = nodeLinks[p];
                int ifIndex = f.linkA(l) == i ? f.ifA(l) : f.ifB(l);
                sb.append("        - ip addr add ");
                ip(sb, address(i, l)).append("/31 dev eth").append(ifIndex).append('\n');
            }
            if (r < 0) {
                int l = nodeLinks[nodeStart[i]];
                int gw = f.linkA(l) == i ? addrB[l] : addrA[l];
                ip(sb.append("        - ip route add default via "), gw).append('\n');
                routes++;
            } else {
                routes += routerRoutes(sb, r, leaves, tree, sets, ids, summarise);
            }
            flush(out, sb);
        }
        sb.append("  links:\n");
        for (int l = 0; l < f.linkCount(); l++) {
            sb.append("    - endpoints: [\"").append(f.nodeName(f.linkA(l))).append(":eth").append(f.ifA(l))
                    .append("\", \"").append(f.nodeName(f.linkB(l))).append(":eth").append(f.ifB(l)).append("\"]\n");
            flush(out, sb);
        }
        if (pingSample > 0) {
            int[] hostNodes = new int[hosts];
            int h = 0;
            for (int i = 0; i < n; i++) {
                if (f.isHost(i)) {
                    hostNodes[h++] = i;
                }
            }
            Random rnd = new Random(seed);
            sb.append("scenario:\n");
            for (int s = 0; s < pingSample; s++) {
                int src = hostNodes[rnd.nextInt(hosts)];
                int dst;
                do {
                    dst = hostNodes[rnd.nextInt(hosts)];
                } while (dst == src);
                int dstAddr = address(dst, nodeLinks[nodeStart[dst]]);
                // 50 pings per 100 ms: a large sample does not start all at once
                sb.append("  - at: ").append((s / 50) * 100).append("ms\n    node: ").append(f.nodeName(src))
                        .append("\n    run: ping -c 1 -W 2 ");
                ip(sb, dstAddr).append("\n    expect: {exit: 0}\n");
                flush(out, sb);
            }
        }
        out.append(sb);
        dist = null;
        return new Stats(n, f.linkCount(), hosts, routes, pingSample);
    }

    private int routerRoutes(StringBuilder sb, int r, int leaves, int[] tree, List<long[]> sets, Map<Key, Integer> ids,
            boolean summarise) {
        int deg = adjStart[r + 1] - adjStart[r];
        int words = Math.max(1, (deg + 63) >>> 6);
        sets.clear();
        ids.clear();
        int blocks = blockOwner.length;
        for (int d = 0; d < leaves; d++) {
            int v;
            if (d >= blocks) {
                v = WILD;
            } else if (blockOwner[d] == r) {
                v = LOCAL;
            } else {
                short[] dd = dist[d];
                int want = dd[r] - 1;
                if (dd[r] == Short.MAX_VALUE) {
                    v = NONE;
                } else {
                    long[] bits = new long[words];
                    for (int p = adjStart[r]; p < adjStart[r + 1]; p++) {
                        if (dd[adjNbr[p]] == want) {
                            int q = p - adjStart[r];
                            bits[q >>> 6] |= 1L << q;
                        }
                    }
                    Key key = new Key(bits);
                    Integer id = ids.get(key);
                    if (id == null) {
                        id = sets.size();
                        ids.put(key, id);
                        sets.add(bits);
                    }
                    v = id;
                }
            }
            tree[leaves + d] = v;
        }
        for (int t = leaves - 1; t >= 1; t--) {
            int a = tree[2 * t];
            int b = tree[2 * t + 1];
            tree[t] = !summarise ? MIXED : a == WILD ? b : b == WILD ? a : a == b ? a : MIXED;
        }
        return emit(sb, r, 1, leaves, tree, sets);
    }

    private int emit(StringBuilder sb, int r, int t, int leaves, int[] tree, List<long[]> sets) {
        int v = tree[t];
        if (v == MIXED) {
            return emit(sb, r, 2 * t, leaves, tree, sets) + emit(sb, r, 2 * t + 1, leaves, tree, sets);
        }
        if (v < 0) {
            return 0;
        }
        int depth = 31 - Integer.numberOfLeadingZeros(t);
        int levelBits = Integer.numberOfTrailingZeros(leaves) - depth; // log2 of leaves under t
        int index = t - (1 << depth);
        int prefix = HOST_BASE + (index << (levelBits + blockBits));
        sb.append("        - ip route add ");
        ip(sb, prefix).append('/').append(32 - blockBits - levelBits);
        long[] bits = sets.get(v);
        int count = 0;
        for (long w : bits) {
            count += Long.bitCount(w);
        }
        for (int q = 0; q < adjStart[r + 1] - adjStart[r]; q++) {
            if ((bits[q >>> 6] & (1L << q)) != 0) {
                sb.append(count > 1 ? " nexthop via " : " via ");
                ip(sb, adjPeerAddr[adjStart[r] + q]);
            }
        }
        sb.append('\n');
        return 1;
    }

    private static void flush(Appendable out, StringBuilder sb) throws IOException {
        if (sb.length() > 1 << 15) {
            out.append(sb);
            sb.setLength(0);
        }
    }

    static int nextPow2(int v) {
        return v <= 1 ? 1 : Integer.highestOneBit(v - 1) << 1;
    }

    /** Appends an IPv4 address in dotted quad. */
    public static StringBuilder ip(StringBuilder sb, int a) {
        return sb.append(a >>> 24).append('.').append((a >>> 16) & 255).append('.').append((a >>> 8) & 255).append('.')
                .append(a & 255);
    }

    public static String ip(int a) {
        return ip(new StringBuilder(15), a).toString();
    }
}
