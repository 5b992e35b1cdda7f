package io.netemu.ebpf.map;

/** BPF_MAP_TYPE_PERCPU_HASH on netemu's one CPU: a hash whose syscall side shows per-CPU values. */
final class PerCpuHashTab extends HashTab implements PerCpuMap {
    PerCpuHashTab(MapSpec spec) {
        super(spec);
    }
}
