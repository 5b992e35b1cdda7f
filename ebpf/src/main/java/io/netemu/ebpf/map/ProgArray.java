package io.netemu.ebpf.map;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * BPF_MAP_TYPE_PROG_ARRAY: slots of program ids for bpf_tail_call. The syscall writes a program
 * fd and reads back its id; netemu's callers pass the id. Programs never look a slot up (the
 * verifier rejects bpf_map_lookup_elem on a prog_array), so {@link #lookup} serves only the
 * syscall side and returns a copy, not a live value; the tail call reads {@link #progIdAt}.
 */
public final class ProgArray implements BpfMap, MapIteration {
    /** The kernel's EBADF: the value names no program. */
    static final int EBADF = 9;

    private final MapSpec spec;
    /** 0 marks an empty slot: program ids start at 1. */
    private final AtomicIntegerArray ids;

    ProgArray(MapSpec spec) {
        this.spec = spec;
        this.ids = new AtomicIntegerArray(spec.maxEntries());
    }

    @Override
    public MapSpec spec() {
        return spec;
    }

    /** The program id in slot {@code index}, or -1 when the slot is empty or out of range. */
    public int progIdAt(int index) {
        if (Integer.compareUnsigned(index, spec.maxEntries()) >= 0) return -1;
        int id = ids.get(index);
        return id == 0 ? -1 : id;
    }

    /** The u32 program id as bpftool shows it; a copy, as the syscall gives. */
    @Override
    public ValueRef lookup(byte[] key, int keyOff) {
        int id = progIdAt(Bytes.u32(key, keyOff));
        return id < 0 ? null : new ValueRef(Bytes.u32(id), 0);
    }

    /** The value is the program id; only BPF_ANY is allowed, as for every fd array. */
    @Override
    public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        if (flags != ANY) return -EINVAL;
        int index = Bytes.u32(key, keyOff);
        if (Integer.compareUnsigned(index, spec.maxEntries()) >= 0) return -E2BIG;
        int id = Bytes.u32(value, valueOff);
        if (id <= 0) return -EBADF;
        ids.set(index, id);
        return 0;
    }

    @Override
    public int delete(byte[] key, int keyOff) {
        int index = Bytes.u32(key, keyOff);
        if (Integer.compareUnsigned(index, spec.maxEntries()) >= 0) return -E2BIG;
        return ids.getAndSet(index, 0) == 0 ? -ENOENT : 0;
    }

    /** Every index, empty or not, as array_map_get_next_key walks it. */
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
