package io.netemu.ebpf.map;

/**
 * What creating a map needs ({@code bpf_attr} of BPF_MAP_CREATE): the loader reads it from BTF
 * or a legacy {@code maps} section, {@code bpftool map create} from its arguments.
 */
public record MapSpec(String name, MapType type, int keySize, int valueSize, int maxEntries, int flags) {
    /** BPF_F_NO_PREALLOC: required by the kernel for LPM tries. */
    public static final int F_NO_PREALLOC = 1;
    /** BPF_F_RDONLY_PROG: .rodata maps. */
    public static final int F_RDONLY_PROG = 1 << 7;
}
