package io.netemu.ebpf.map;

/**
 * A map value in place: writes through {@code array[offset ..]} are what the next lookup sees,
 * as a pointer returned by bpf_map_lookup_elem is in the kernel.
 */
public record ValueRef(byte[] array, int offset) {}
