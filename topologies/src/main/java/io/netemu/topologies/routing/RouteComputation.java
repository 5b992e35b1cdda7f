package io.netemu.topologies.routing;

import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.Ipv4Cidr;
import io.netemu.topologies.lab.ExecLine;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.NodeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The computation behind {@link ShortestPathRoutes}: the lab's nodes, links and exec-line
 * addresses as int tables, the segments (links joined by bridges) and forwarder edges, subnets
 * grouped by the forwarders attached to them, and one multi-source BFS per group. Run once.
 */
final class RouteComputation {
    final Lab lab;
    final int nodeCount;
    final String[] names;
    final Map<String, Integer> index = new HashMap<>();
    final boolean[] forwards;
    final boolean[] bridge;
    final boolean[] own;
    // endpoints: 2 * link + side, then stub interfaces (addresses on no link)
    String[] epIface;
    int[] epNode;
    final Ints addrEp = new Ints();
    final Ints addrIp = new Ints();
    final Ints addrLen = new Ints();
    int[] edgeStart;
    int[] edgeTo;
    int[] edgeGw;
    int[] edgeDev;
    final Ints subnetAddr = new Ints();
    final Ints subnetLen = new Ints();
    int[] groupSubnetStart;
    int[] groupSubnets;
    int[] nodeRecStart;
    int[] recGroupSorted;
    int[] recNhSorted;
    final Ints nh = new Ints();
    int routeCount;
    int forwarderCount;
    int selfRouted;

    RouteComputation(Lab lab) {
        this.lab = lab;
        this.nodeCount = lab.nodes().size();
        this.names = lab.nodes().keySet().toArray(new String[0]);
        this.forwards = new boolean[nodeCount];
        this.bridge = new boolean[nodeCount];
        this.own = new boolean[nodeCount];
    }

    void run() {
        List<LinkSpec> links = lab.links();
        int linkEps = 2 * links.size();
        Map<String, Integer> epIndex = new HashMap<>(linkEps * 2);
        List<String> ifaces = new ArrayList<>(linkEps);
        Ints epNodes = new Ints();
        for (int i = 0; i < nodeCount; i++) {
            index.put(names[i], i);
        }
        for (LinkSpec l : links) {
            for (var e : List.of(l.a(), l.b())) {
                epIndex.put(e.node() + ":" + e.iface(), ifaces.size());
                ifaces.add(e.iface());
                epNodes.add(index.get(e.node()));
            }
        }
        // nodes: kind, forwarding, own routes, addresses
        for (int n = 0; n < nodeCount; n++) {
            NodeSpec spec = lab.nodes().get(names[n]);
            bridge[n] = spec.isBridge();
            forwards[n] = !bridge[n] && ("1".equals(spec.sysctl().get("net.ipv4.ip_forward"))
                    || "1".equals(spec.sysctl().get("net.ipv4.conf.all.forwarding")));
            if (forwards[n]) {
                forwarderCount++;
            }
            for (ExecLine line : spec.exec()) {
                List<String> w;
                try {
                    w = line.words();
                } catch (RuntimeException e) {
                    continue; // the boot reports it
                }
                if (ExecLineRoutes.setsRoutes(w)) {
                    own[n] = true;
                }
                if (bridge[n]) {
                    continue; // br0's addresses: the bridge is L2 here
                }
                String[] dev = new String[1];
                Ipv4Cidr a = ExecLineRoutes.addressAdded(w, dev);
                if (a == null || (a.address() >>> 24) == 127) {
                    continue;
                }
                Integer ep = epIndex.get(names[n] + ":" + dev[0]);
                if (ep == null) { // a stub interface (lo, dummy): attached to its node only
                    ep = ifaces.size();
                    epIndex.put(names[n] + ":" + dev[0], ep);
                    ifaces.add(dev[0]);
                    epNodes.add(n);
                }
                addrEp.add(ep);
                addrIp.add(a.address());
                addrLen.add(a.prefixLen());
            }
            if (own[n]) {
                selfRouted++;
            }
        }
        int eps = ifaces.size();
        epIface = ifaces.toArray(new String[0]);
        epNode = epNodes.toArray();
        // addresses by endpoint (CSR)
        int[] epAddrStart = new int[eps + 1];
        for (int i = 0; i < addrEp.n; i++) {
            epAddrStart[addrEp.a[i] + 1]++;
        }
        for (int i = 0; i < eps; i++) {
            epAddrStart[i + 1] += epAddrStart[i];
        }
        int[] epAddr = new int[addrEp.n];
        int[] fill = Arrays.copyOf(epAddrStart, eps);
        for (int i = 0; i < addrEp.n; i++) {
            epAddr[fill[addrEp.a[i]]++] = i;
        }
        edges(links, linkEps, eps, epAddrStart, epAddr);
        int[][] groupsOut = groups();
        bfs(groupsOut[0], groupsOut[1]);
    }

    /** Segments (links joined by bridges), then the edges X -> forwarder Y within each. */
    private void edges(List<LinkSpec> links, int linkEps, int eps, int[] epAddrStart, int[] epAddr) {
        int[] parent = new int[eps];
        for (int i = 0; i < eps; i++) {
            parent[i] = i;
        }
        int[] firstBridgeEp = new int[nodeCount];
        Arrays.fill(firstBridgeEp, -1);
        for (int l = 0; l < links.size(); l++) {
            union(parent, 2 * l, 2 * l + 1);
        }
        for (int e = 0; e < linkEps; e++) {
            int n = epNode[e];
            if (bridge[n]) {
                if (firstBridgeEp[n] < 0) {
                    firstBridgeEp[n] = e;
                } else {
                    union(parent, firstBridgeEp[n], e);
                }
            }
        }
        // members of each segment with addresses, and the forwarders among them (CSR by root)
        int[] cnt = new int[eps + 1];
        for (int e = 0; e < linkEps; e++) {
            if (!bridge[epNode[e]] && epAddrStart[e + 1] > epAddrStart[e]) {
                cnt[find(parent, e) + 1]++;
            }
        }
        for (int i = 0; i < eps; i++) {
            cnt[i + 1] += cnt[i];
        }
        int[] members = new int[cnt[eps]];
        int[] pos = Arrays.copyOf(cnt, eps);
        for (int e = 0; e < linkEps; e++) {
            if (!bridge[epNode[e]] && epAddrStart[e + 1] > epAddrStart[e]) {
                members[pos[find(parent, e)]++] = e;
            }
        }
        Ints from = new Ints();
        Ints to = new Ints();
        Ints gw = new Ints();
        Ints dev = new Ints();
        for (int root = 0; root < eps; root++) {
            for (int i = cnt[root]; i < cnt[root + 1]; i++) {
                int x = members[i];
                for (int j = cnt[root]; j < cnt[root + 1]; j++) {
                    int y = members[j];
                    if (epNode[x] == epNode[y] || !forwards[epNode[y]]) {
                        continue;
                    }
                    int g = sharedGateway(x, y, epAddrStart, epAddr);
                    if (g >= 0) {
                        from.add(epNode[x]);
                        to.add(epNode[y]);
                        gw.add(addrIp.a[g]);
                        dev.add(x);
                    }
                }
            }
        }
        edgeStart = new int[nodeCount + 1];
        for (int i = 0; i < from.n; i++) {
            edgeStart[from.a[i] + 1]++;
        }
        for (int i = 0; i < nodeCount; i++) {
            edgeStart[i + 1] += edgeStart[i];
        }
        edgeTo = new int[from.n];
        edgeGw = new int[from.n];
        edgeDev = new int[from.n];
        int[] f = Arrays.copyOf(edgeStart, nodeCount);
        for (int i = 0; i < from.n; i++) {
            int k = f[from.a[i]]++;
            edgeTo[k] = to.a[i];
            edgeGw[k] = gw.a[i];
            edgeDev[k] = dev.a[i];
        }
    }

    /** Y's first address (its index) in a subnet one of X's addresses (on endpoint x) is in, or -1. */
    private int sharedGateway(int x, int y, int[] epAddrStart, int[] epAddr) {
        for (int i = epAddrStart[x]; i < epAddrStart[x + 1]; i++) {
            int ax = epAddr[i];
            int mask = Ipv4Address.mask(addrLen.a[ax]);
            for (int j = epAddrStart[y]; j < epAddrStart[y + 1]; j++) {
                int ay = epAddr[j];
                if ((addrIp.a[ay] & mask) == (addrIp.a[ax] & mask) && addrIp.a[ay] != addrIp.a[ax]) {
                    return ay;
                }
            }
        }
        return -1;
    }

    /**
     * Subnets and the forwarders attached to each, grouped by that set.
     *
     * @return {group sources start (CSR), group sources}
     */
    private int[][] groups() {
        Map<Long, Integer> subnetIds = new HashMap<>();
        List<Ints> attached = new ArrayList<>();
        for (int i = 0; i < addrEp.n; i++) {
            int len = addrLen.a[i];
            int net = addrIp.a[i] & Ipv4Address.mask(len);
            long key = ((long) net << 8) | len;
            Integer s = subnetIds.get(key);
            if (s == null) {
                s = subnetIds.size();
                subnetIds.put(key, s);
                subnetAddr.add(net);
                subnetLen.add(len);
                attached.add(new Ints());
            }
            int node = epNode[addrEp.a[i]];
            Ints at = attached.get(s);
            if (forwards[node] && (at.n == 0 || at.a[at.n - 1] != node)) {
                at.add(node);
            }
        }
        Map<String, Integer> groupIds = new HashMap<>();
        Ints srcStart = new Ints();
        Ints srcs = new Ints();
        List<Ints> subnetsOf = new ArrayList<>();
        srcStart.add(0);
        for (int s = 0; s < attached.size(); s++) {
            int[] set = attached.get(s).toArray();
            if (set.length == 0) {
                continue; // only hosts: nothing routes through them to it
            }
            Arrays.sort(set);
            int k = 0;
            for (int i = 0; i < set.length; i++) {
                if (i == 0 || set[i] != set[i - 1]) {
                    set[k++] = set[i];
                }
            }
            set = Arrays.copyOf(set, k);
            String key = Arrays.toString(set);
            Integer g = groupIds.get(key);
            if (g == null) {
                g = groupIds.size();
                groupIds.put(key, g);
                for (int v : set) {
                    srcs.add(v);
                }
                srcStart.add(srcs.n);
                subnetsOf.add(new Ints());
            }
            subnetsOf.get(g).add(s);
        }
        groupSubnetStart = new int[subnetsOf.size() + 1];
        Ints all = new Ints();
        for (int g = 0; g < subnetsOf.size(); g++) {
            Ints l = subnetsOf.get(g);
            for (int i = 0; i < l.n; i++) {
                all.add(l.a[i]);
            }
            groupSubnetStart[g + 1] = all.n;
        }
        groupSubnets = all.toArray();
        return new int[][] {srcStart.toArray(), srcs.toArray()};
    }

    /** One multi-source BFS over forwarders per group; then hosts' defaults; records sorted by node. */
    private void bfs(int[] srcStart, int[] srcs) {
        int groups = srcStart.length - 1;
        int[] dist = new int[nodeCount];
        int[] stamp = new int[nodeCount];
        int[] queue = new int[nodeCount];
        Ints recNode = new Ints();
        Ints recGroup = new Ints();
        Ints recNh = new Ints();
        for (int g = 0; g < groups; g++) {
            int epoch = g + 1;
            int head = 0;
            int tail = 0;
            for (int i = srcStart[g]; i < srcStart[g + 1]; i++) {
                int v = srcs[i];
                stamp[v] = epoch;
                dist[v] = 0;
                queue[tail++] = v;
            }
            int subnets = groupSubnetStart[g + 1] - groupSubnetStart[g];
            while (head < tail) {
                int x = queue[head++];
                int d = dist[x];
                boolean routes = d > 0 && !own[x];
                if (routes) {
                    recNode.add(x);
                    recGroup.add(g);
                    recNh.add(nh.n);
                    routeCount += subnets;
                }
                for (int e = edgeStart[x]; e < edgeStart[x + 1]; e++) {
                    int y = edgeTo[e];
                    if (!forwards[x]) {
                        break;
                    }
                    if (stamp[y] != epoch) {
                        stamp[y] = epoch;
                        dist[y] = d + 1;
                        queue[tail++] = y;
                    } else if (routes && dist[y] == d - 1) {
                        nh.add(e);
                    }
                }
            }
        }
        for (int x = 0; x < nodeCount; x++) {
            if (forwards[x] || bridge[x] || own[x] || edgeStart[x + 1] == edgeStart[x]) {
                continue;
            }
            recNode.add(x);
            recGroup.add(-1);
            recNh.add(nh.n);
            routeCount++;
            for (int e = edgeStart[x]; e < edgeStart[x + 1]; e++) {
                nh.add(e);
            }
        }
        // counting sort of the records by node; nexthop ranges as [recNh[r], next record's start)
        int recs = recNode.n;
        int[] nhEnd = new int[recs];
        for (int r = 0; r < recs; r++) {
            nhEnd[r] = r + 1 < recs ? recNh.a[r + 1] : nh.n;
        }
        nodeRecStart = new int[nodeCount + 1];
        for (int r = 0; r < recs; r++) {
            nodeRecStart[recNode.a[r] + 1]++;
        }
        for (int i = 0; i < nodeCount; i++) {
            nodeRecStart[i + 1] += nodeRecStart[i];
        }
        recGroupSorted = new int[recs];
        // nexthops re-laid per sorted record so that record r's range is [recNhSorted[r], recNhSorted[r+1])
        int[] sortedNh = new int[nh.n];
        recNhSorted = new int[recs + 1];
        int[] order = new int[recs];
        int[] f = Arrays.copyOf(nodeRecStart, nodeCount);
        for (int r = 0; r < recs; r++) {
            order[f[recNode.a[r]]++] = r;
        }
        int k = 0;
        for (int i = 0; i < recs; i++) {
            int r = order[i];
            recGroupSorted[i] = recGroup.a[r];
            recNhSorted[i] = k;
            for (int j = recNh.a[r]; j < nhEnd[r]; j++) {
                sortedNh[k++] = nh.a[j];
            }
        }
        recNhSorted[recs] = k;
        nh.a = sortedNh;
        nh.n = k;
    }

    private static int find(int[] p, int x) {
        while (p[x] != x) {
            p[x] = p[p[x]];
            x = p[x];
        }
        return x;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a);
        int rb = find(p, b);
        if (ra != rb) {
            p[ra] = rb;
        }
    }
}
