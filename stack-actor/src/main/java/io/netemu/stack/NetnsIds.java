package io.netemu.stack;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ids this namespace gives other namespaces (struct net's netns_ids): allocated on first use
 * (peernet2id_alloc: when a veth end here has its peer there, when a device leaves for there,
 * when a link dump names it), the lowest free id first, kept until that namespace is gone.
 * {@code ip link} shows them as {@code link-netnsid}, {@code ip netns list} as {@code (id: N)}.
 */
public final class NetnsIds {
    private final Map<String, Integer> ids = new HashMap<>(4);
    /** Ids freed below {@link #next}: the lowest is given first (idr_alloc). */
    private final TreeSet<Integer> freed = new TreeSet<>();
    private int next;

    /** The id of namespace {@code name}, allocated now if it has none. */
    public int alloc(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            id = freed.isEmpty() ? next++ : freed.pollFirst();
            ids.put(name, id);
        }
        return id;
    }

    /** The id if one was allocated (peernet2id), else null. */
    public Integer get(String name) { return ids.get(name); }

    /** That namespace is gone: its id is free again. */
    public void forget(String name) {
        Integer id = ids.remove(name);
        if (id != null) {
            freed.add(id);
        }
    }
}
