package io.netemu.ebpf.map;

/**
 * A map whose values are per CPU. netemu runs each NIC's programs as one CPU, so programs see a
 * single value; the per-CPU form is for the syscall side, where bpftool prints one value per
 * possible CPU ("value (CPU 00): ...").
 */
public interface PerCpuMap extends BpfMap {
    /** The possible CPUs the syscall side reports: netemu's emulated machine has one. */
    default int possibleCpus() {
        return 1;
    }

    /**
     * The value of every CPU for {@code key}, as BPF_MAP_LOOKUP_ELEM copies them out for a
     * per-CPU map: each value_size rounded up to 8, CPU 0 first. Null when the key is absent.
     */
    default byte[] lookupPerCpu(byte[] key, int keyOff) {
        ValueRef v = lookup(key, keyOff);
        if (v == null) return null;
        int size = spec().valueSize(), stride = ValueSlots.stride(size);
        byte[] out = new byte[stride * possibleCpus()];
        for (int cpu = 0; cpu < possibleCpus(); cpu++) System.arraycopy(v.array(), v.offset(), out, cpu * stride, size);
        return out;
    }
}
