package io.netemu.ebpf.map;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * BPF_MAP_TYPE_DEVMAP: an array of device slots. Unlike ARRAY, slots may be empty (a lookup of
 * one fails and bpftool prints "&lt;no entry&gt;"), and writing ifindex 0 empties a slot.
 */
public final class DevArrayMap implements DevMap, MapIteration {
    private final MapSpec spec;
    private final AtomicReferenceArray<DevMapEntry> slots;

    DevArrayMap(MapSpec spec) {
        this.spec = spec;
        this.slots = new AtomicReferenceArray<>(spec.maxEntries());
    }

    @Override
    public MapSpec spec() {
        return spec;
    }

    @Override
    public DevMapEntry target(int key) {
        return Integer.compareUnsigned(key, spec.maxEntries()) < 0 ? slots.get(key) : null;
    }

    @Override
    public ValueRef lookup(byte[] key, int keyOff) {
        DevMapEntry e = target(Bytes.u32(key, keyOff));
        return e == null ? null : e.value();
    }

    @Override
    public int updateFor(String netns, byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (flags < ANY || flags > EXIST) return -EINVAL;
        int index = Bytes.u32(key, keyOff);
        if (Integer.compareUnsigned(index, spec.maxEntries()) >= 0) return -E2BIG;
        if (flags == NOEXIST) return -EEXIST; // as for arrays, every slot counts as existing
        DevMapEntry e = DevMap.entryOf(netns, value, valueOff, spec.valueSize());
        if (e.ifindex() == 0) {
            if (e.progId() != 0) return -EINVAL; // no program without a device
            slots.set(index, null);
        } else {
            slots.set(index, e);
        }
        return 0;
    }

    /** Empties the slot; an already empty one is no error. */
    @Override
    public int delete(byte[] key, int keyOff) {
        int index = Bytes.u32(key, keyOff);
        if (Integer.compareUnsigned(index, spec.maxEntries()) >= 0) return -EINVAL;
        slots.set(index, null);
        return 0;
    }

    @Override
    public byte[] nextKey(byte[] key) {
        if (key == null) return Bytes.u32(0);
        int index = Bytes.u32(key, 0);
        if (Integer.compareUnsigned(index, spec.maxEntries()) >= 0) return Bytes.u32(0);
        return index == spec.maxEntries() - 1 ? null : Bytes.u32(index + 1);
    }

    @Override
    public List<byte[]> keys() {
        List<byte[]> out = new ArrayList<>(spec.maxEntries());
        for (int i = 0; i < spec.maxEntries(); i++) out.add(Bytes.u32(i));
        return out;
    }
}
