package io.netemu.ebpf.map;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * BPF_MAP_TYPE_HASH (and, through {@link PerCpuHashTab}, PERCPU_HASH). Each entry owns one
 * value array that later updates overwrite in place, so a ValueRef a program holds stays the
 * entry's value, where the kernel would swap in a new element.
 */
class HashTab implements BpfMap, MapIteration {
    /** An element: its key, and the value a program reads and writes in place. */
    record Elem(MapKey key, ValueRef value) {}

    private final MapSpec spec;
    private final ConcurrentHashMap<MapKey, Elem> table = new ConcurrentHashMap<>();
    /** Counted apart from the table so that "full" is decided before a new element goes in. */
    private final AtomicInteger count = new AtomicInteger();

    HashTab(MapSpec spec) {
        this.spec = spec;
    }

    @Override
    public MapSpec spec() {
        return spec;
    }

    @Override
    public ValueRef lookup(byte[] key, int keyOff) {
        Elem e = table.get(MapKey.probe(key, keyOff, spec.keySize()));
        return e == null ? null : e.value;
    }

    @Override
    public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (flags < ANY || flags > EXIST) return -EINVAL;
        MapKey probe = MapKey.probe(key, keyOff, spec.keySize());
        Elem old = table.get(probe);
        if (old != null) {
            if (flags == NOEXIST) return -EEXIST;
            write(old, value, valueOff);
            return 0;
        }
        if (flags == EXIST) return -ENOENT;
        if (count.incrementAndGet() > spec.maxEntries()) {
            count.decrementAndGet();
            return -E2BIG;
        }
        Elem fresh = new Elem(probe.stored(), new ValueRef(ValueSlots.single(spec.valueSize()), ValueSlots.BASE));
        write(fresh, value, valueOff);
        Elem raced = table.putIfAbsent(fresh.key, fresh);
        if (raced != null) {
            // another updater inserted the same key first: ours becomes an update of theirs
            count.decrementAndGet();
            if (flags == NOEXIST) return -EEXIST;
            write(raced, value, valueOff);
        }
        return 0;
    }

    private void write(Elem e, byte[] value, int valueOff) {
        System.arraycopy(value, valueOff, e.value.array(), e.value.offset(), spec.valueSize());
    }

    @Override
    public int delete(byte[] key, int keyOff) {
        if (table.remove(MapKey.probe(key, keyOff, spec.keySize())) == null) return -ENOENT;
        count.decrementAndGet();
        return 0;
    }

    @Override
    public byte[] nextKey(byte[] key) {
        Iterator<MapKey> it = table.keySet().iterator();
        if (key != null) {
            MapKey want = MapKey.probe(key, 0, spec.keySize());
            if (table.containsKey(want)) {
                while (it.hasNext()) if (it.next().equals(want)) break;
            } else {
                it = table.keySet().iterator(); // absent: start over, as htab_map_get_next_key does
            }
        }
        return it.hasNext() ? it.next().toArray() : null;
    }

    @Override
    public List<byte[]> keys() {
        List<byte[]> out = new ArrayList<>(count.get());
        for (MapKey k : table.keySet()) out.add(k.toArray());
        return out;
    }

    /** How many elements there are now. */
    public int size() {
        return count.get();
    }
}
