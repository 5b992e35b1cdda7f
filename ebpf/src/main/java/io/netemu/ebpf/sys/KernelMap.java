package io.netemu.ebpf.sys;

import io.netemu.ebpf.btf.Btf;
import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.map.MapSpec;

/**
 * A map as the kernel keeps it: id, the map itself, and the BTF its key and value were
 * declared with (bpftool formats dumps with it). It lives while a program or a pin holds it.
 *
 * @param btf         the object's BTF, or null when the map has none
 * @param btfId       the id {@code bpftool map show} prints, 0 when there is no BTF
 * @param keyTypeId   BTF type of the key, 0 when unknown
 * @param valueTypeId BTF type of the value, 0 when unknown
 */
public record KernelMap(int id, MapSpec spec, BpfMap map, Btf btf, int btfId, int keyTypeId, int valueTypeId,
                        boolean frozen) {

    public String name() { return spec.name(); }
}
