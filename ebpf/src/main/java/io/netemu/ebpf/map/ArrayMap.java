package io.netemu.ebpf.map;

import java.util.ArrayList;
import java.util.List;

/**
 * BPF_MAP_TYPE_ARRAY (and, through {@link PerCpuArrayMap}, PERCPU_ARRAY): every slot exists from
 * creation, zeroed, in one backing array, so a lookup is a bounds check and a multiply.
 */
class ArrayMap implements BpfMap, MapIteration {
    private final MapSpec spec;
    private final int stride;
    private final byte[] values;

    ArrayMap(MapSpec spec) {
        this.spec = spec;
        this.stride = ValueSlots.stride(spec.valueSize());
        this.values = new byte[ValueSlots.BASE + spec.maxEntries() * stride];
    }

    @Override
    public MapSpec spec() {
        return spec;
    }

    /** The slot's offset in {@link #values}, or -1 when the index is out of range (u32 compare). */
    private int slot(byte[] key, int keyOff) {
        int index = Bytes.u32(key, keyOff);
        return Integer.compareUnsigned(index, spec.maxEntries()) < 0 ? ValueSlots.BASE + index * stride : -1;
    }

    @Override
    public ValueRef lookup(byte[] key, int keyOff) {
        int at = slot(key, keyOff);
        return at < 0 ? null : new ValueRef(values, at);
    }

    /** The value of slot {@code index} without building a key, or null when out of range. */
    public ValueRef at(int index) {
        return Integer.compareUnsigned(index, spec.maxEntries()) < 0
                ? new ValueRef(values, ValueSlots.BASE + index * stride) : null;
    }

    @Override
    public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (flags < ANY || flags > EXIST) return -EINVAL;
        int at = slot(key, keyOff);
        if (at < 0) return -E2BIG;
        if (flags == NOEXIST) return -EEXIST; // every slot always exists
        System.arraycopy(value, valueOff, values, at, spec.valueSize());
        return 0;
    }

    @Override
    public int delete(byte[] key, int keyOff) {
        return -EINVAL; // slots cannot be removed, only overwritten
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
