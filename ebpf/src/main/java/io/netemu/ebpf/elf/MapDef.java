package io.netemu.ebpf.elf;

import io.netemu.ebpf.map.MapSpec;

/**
 * A map an object asks for. {@code initialValue} is the contents of value 0 for global data
 * maps (.rodata, .data, .bss), null for others; {@code pinning} is "by_name" for
 * LIBBPF_PIN_BY_NAME, else null. BTF type ids are 0 when the object has no BTF for the key or
 * value; a global data map's value type is its DATASEC, as libbpf sets it.
 */
public record MapDef(MapSpec spec, byte[] initialValue, String pinning, int btfKeyTypeId, int btfValueTypeId) {
    public static final String PIN_BY_NAME = "by_name";
}
