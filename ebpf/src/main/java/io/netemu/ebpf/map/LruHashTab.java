package io.netemu.ebpf.map;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * BPF_MAP_TYPE_LRU_HASH: never full to an insert, which evicts the least recently used element.
 * The kernel's LRU is approximate (per-CPU lists, reference bits); this one is exact, so tests
 * can name the victim. One access-ordered table under a lock: a lookup moves the element to the
 * recent end, so lookups take the lock too; they are short and NIC actors rarely collide.
 */
final class LruHashTab implements BpfMap, MapIteration {
    private final MapSpec spec;
    private final LinkedHashMap<MapKey, ValueRef> table;

    LruHashTab(MapSpec spec) {
        this.spec = spec;
        this.table = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    public MapSpec spec() {
        return spec;
    }

    @Override
    public ValueRef lookup(byte[] key, int keyOff) {
        MapKey probe = MapKey.probe(key, keyOff, spec.keySize());
        synchronized (table) {
            return table.get(probe);
        }
    }

    @Override
    public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (flags < ANY || flags > EXIST) return -EINVAL;
        MapKey probe = MapKey.probe(key, keyOff, spec.keySize());
        synchronized (table) {
            ValueRef old = table.get(probe);
            if (old != null) {
                if (flags == NOEXIST) return -EEXIST;
                System.arraycopy(value, valueOff, old.array(), old.offset(), spec.valueSize());
                return 0;
            }
            if (flags == EXIST) return -ENOENT;
            if (table.size() >= spec.maxEntries()) {
                // the eldest in access order is the least recently used; a program still
                // holding its value keeps a detached copy rather than corrupting the newcomer
                Iterator<MapKey> eldest = table.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            ValueRef fresh = new ValueRef(ValueSlots.single(spec.valueSize()), ValueSlots.BASE);
            System.arraycopy(value, valueOff, fresh.array(), fresh.offset(), spec.valueSize());
            table.put(probe.stored(), fresh);
            return 0;
        }
    }

    @Override
    public int delete(byte[] key, int keyOff) {
        MapKey probe = MapKey.probe(key, keyOff, spec.keySize());
        synchronized (table) {
            return table.remove(probe) == null ? -ENOENT : 0;
        }
    }

    @Override
    public byte[] nextKey(byte[] key) {
        synchronized (table) {
            // iterating an access-ordered table does not reorder it; only get() does
            Iterator<MapKey> it = table.keySet().iterator();
            if (key != null && table.containsKey(MapKey.probe(key, 0, spec.keySize()))) {
                MapKey want = MapKey.probe(key, 0, spec.keySize());
                while (it.hasNext()) if (it.next().equals(want)) break;
            }
            return it.hasNext() ? it.next().toArray() : null;
        }
    }

    @Override
    public List<byte[]> keys() {
        synchronized (table) {
            List<byte[]> out = new ArrayList<>(table.size());
            for (MapKey k : table.keySet()) out.add(k.toArray());
            return out;
        }
    }
}
