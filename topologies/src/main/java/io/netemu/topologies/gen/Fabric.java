package io.netemu.topologies.gen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A generated topology as a graph: nodes (routers or hosts) and links in order. Interfaces are
 * numbered per node in link order (eth0, eth1, ...). A host has exactly one link, to a router (its
 * owner); every other link joins two routers. Kept in flat arrays so a k=64 fat-tree stays small.
 */
public final class Fabric {
    private final String name;
    private final List<String> names = new ArrayList<>();
    private boolean[] host = new boolean[64];
    private int[] ifCount = new int[64];
    private int[] linkA = new int[256];
    private int[] linkB = new int[256];
    private int[] ifA = new int[256];
    private int[] ifB = new int[256];
    private int links;

    public Fabric(String name) {
        this.name = name;
    }

    /** The lab name. */
    public String name() {
        return name;
    }

    public int router(String nodeName) {
        return add(nodeName, false);
    }

    public int host(String nodeName) {
        return add(nodeName, true);
    }

    private int add(String nodeName, boolean isHost) {
        int i = names.size();
        if (i == host.length) {
            host = Arrays.copyOf(host, i * 2);
            ifCount = Arrays.copyOf(ifCount, i * 2);
        }
        names.add(nodeName);
        host[i] = isHost;
        return i;
    }

    /** Adds a link between nodes a and b; each gets its next interface. */
    public void link(int a, int b) {
        if (host[a] && host[b]) {
            throw new IllegalStateException("host-to-host link " + names.get(a) + " - " + names.get(b));
        }
        if ((host[a] && ifCount[a] > 0) || (host[b] && ifCount[b] > 0)) {
            throw new IllegalStateException("a generated host has one link");
        }
        if (links == linkA.length) {
            int n = links * 2;
            linkA = Arrays.copyOf(linkA, n);
            linkB = Arrays.copyOf(linkB, n);
            ifA = Arrays.copyOf(ifA, n);
            ifB = Arrays.copyOf(ifB, n);
        }
        linkA[links] = a;
        linkB[links] = b;
        ifA[links] = ifCount[a]++;
        ifB[links] = ifCount[b]++;
        links++;
    }

    public int nodeCount() {
        return names.size();
    }

    public int linkCount() {
        return links;
    }

    public String nodeName(int i) {
        return names.get(i);
    }

    public boolean isHost(int i) {
        return host[i];
    }

    public int hostCount() {
        int n = 0;
        for (int i = 0; i < names.size(); i++) {
            if (host[i]) {
                n++;
            }
        }
        return n;
    }

    public int linkA(int l) {
        return linkA[l];
    }

    public int linkB(int l) {
        return linkB[l];
    }

    /** Interface index (N of ethN) of link l's a end. */
    public int ifA(int l) {
        return ifA[l];
    }

    public int ifB(int l) {
        return ifB[l];
    }

    public int interfaces(int node) {
        return ifCount[node];
    }
}
