package io.netemu.ebpf.map;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BPF_MAP_TYPE_DEVMAP_HASH: devices under any u32 key (often the ifindex itself). As the
 * kernel's, an update with BPF_EXIST of a missing key inserts it, and ifindex 0 is refused.
 */
public final class DevHashMap implements DevMap, MapIteration {
    private final MapSpec spec;
    private final ConcurrentHashMap<Integer, DevMapEntry> table = new ConcurrentHashMap<>();

    DevHashMap(MapSpec spec) {
        this.spec = spec;
    }

    @Override
    public MapSpec spec() {
        return spec;
    }

    @Override
    public DevMapEntry target(int key) {
        return table.get(key);
    }

    @Override
    public ValueRef lookup(byte[] key, int keyOff) {
        DevMapEntry e = table.get(Bytes.u32(key, keyOff));
        return e == null ? null : e.value();
    }

    @Override
    public int updateFor(String netns, byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (flags < ANY || flags > EXIST) return -EINVAL;
        int k = Bytes.u32(key, keyOff);
        DevMapEntry e = DevMap.entryOf(netns, value, valueOff, spec.valueSize());
        // writers are the syscall side only, so one lock keeps "full" exact without a counter
        synchronized (table) {
            boolean present = table.containsKey(k);
            if (present && flags == NOEXIST) return -EEXIST;
            if (e.ifindex() == 0) return -EINVAL; // dev_get_by_index(0) finds nothing
            if (!present && table.size() >= spec.maxEntries()) return -E2BIG;
            table.put(k, e);
            return 0;
        }
    }

    @Override
    public int delete(byte[] key, int keyOff) {
        synchronized (table) {
            return table.remove(Bytes.u32(key, keyOff)) == null ? -ENOENT : 0;
        }
    }

    @Override
    public byte[] nextKey(byte[] key) {
        Iterator<Integer> it = table.keySet().iterator();
        if (key != null) {
            int want = Bytes.u32(key, 0);
            if (table.containsKey(want)) {
                while (it.hasNext()) if (it.next() == want) break;
            }
        }
        return it.hasNext() ? Bytes.u32(it.next()) : null;
    }

    int size() {
        return table.size();
    }

    @Override
    public List<byte[]> keys() {
        List<byte[]> out = new ArrayList<>(table.size());
        for (int k : table.keySet()) out.add(Bytes.u32(k));
        return out;
    }
}
