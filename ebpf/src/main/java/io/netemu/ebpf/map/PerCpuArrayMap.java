package io.netemu.ebpf.map;

/** BPF_MAP_TYPE_PERCPU_ARRAY on netemu's one CPU: an array whose syscall side shows per-CPU values. */
final class PerCpuArrayMap extends ArrayMap implements PerCpuMap {
    PerCpuArrayMap(MapSpec spec) {
        super(spec);
    }
}
