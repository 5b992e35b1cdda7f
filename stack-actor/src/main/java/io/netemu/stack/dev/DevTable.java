package io.netemu.stack.dev;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The namespace's devices by ifindex and by name; ifindexes count from 1 (lo) as in a new netns. */
public final class DevTable {
    private final TreeMap<Integer, NetDev> byIndex = new TreeMap<>();
    /** The same devices by ifindex, for the data path's lookups (no boxing, no tree walk). */
    private NetDev[] fast = new NetDev[8];
    private final Map<String, NetDev> byName = new HashMap<>();
    private int nextIndex = 1;

    /** Creates a device with the next free ifindex. */
    public NetDev create(String name, DevKind kind, long mac, int mtu) {
        return create(name, kind, mac, mtu, 0);
    }

    /**
     * Creates a device with ifindex {@code wanted} if this namespace has no device with it (a
     * device moving in keeps its index, dev_change_net_namespace), else with the next free one:
     * the namespace's counter, skipping indexes in use (dev_index_reserve).
     */
    public NetDev create(String name, DevKind kind, long mac, int mtu, int wanted) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("RTNETLINK answers: File exists");
        }
        int index = wanted > 0 && get(wanted) == null ? wanted : allocate();
        NetDev d = new NetDev(index, name, kind, mac, mtu);
        byIndex.put(d.ifindex(), d);
        byName.put(name, d);
        if (d.ifindex() >= fast.length) {
            fast = java.util.Arrays.copyOf(fast, Math.max(fast.length * 2, d.ifindex() + 1));
        }
        fast[d.ifindex()] = d;
        return d;
    }

    private int allocate() {
        while (get(nextIndex) != null) {
            nextIndex++;
        }
        return nextIndex++;
    }

    public NetDev get(int ifindex) { return ifindex >= 0 && ifindex < fast.length ? fast[ifindex] : null; }
    public NetDev byName(String name) { return byName.get(name); }
    public Collection<NetDev> all() { return byIndex.values(); }

    public void rename(NetDev d, String newName) {
        byName.remove(d.name());
        d.setName(newName);
        byName.put(newName, d);
    }

    public void remove(NetDev d) {
        byIndex.remove(d.ifindex());
        if (d.ifindex() < fast.length) {
            fast[d.ifindex()] = null;
        }
        byName.remove(d.name());
    }

    /** Ports of a bridge, in ifindex order. */
    public List<NetDev> ports(int bridgeIfindex) {
        List<NetDev> out = new ArrayList<>();
        for (NetDev d : byIndex.values()) {
            if (d.master() == bridgeIfindex) {
                out.add(d);
            }
        }
        return out;
    }
}
