package io.netemu.ebpf.vm;

import io.netemu.ebpf.isa.HelperId;
import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.ValueRef;

/**
 * bpf_map_lookup_elem, bpf_map_update_elem and bpf_map_delete_elem over any {@link BpfMap}.
 * Keys and values are handed to the map in place (the array behind the program's pointer and
 * the index in it), so a call copies nothing; a value found is given an address for this run.
 */
public final class MapHelpers {
    private MapHelpers() {}

    /** Adds the three map helpers to {@code table}. */
    public static HelperTable install(HelperTable table) {
        return table.set(HelperId.MAP_LOOKUP_ELEM, MapHelpers::lookup)
                .set(HelperId.MAP_UPDATE_ELEM, MapHelpers::update)
                .set(HelperId.MAP_DELETE_ELEM, MapHelpers::delete);
    }

    /** The map an r1 names; traps when it is not a map handle of the running program. */
    public static BpfMap map(Interpreter vm, long handle) {
        BpfMap map = vm.program().mapAt(handle);
        if (map == null) throw new Trap("0x" + Long.toHexString(handle) + " is not a map of this program");
        return map;
    }

    static long lookup(Interpreter vm, long r1, long key, long r3, long r4, long r5) {
        BpfMap map = map(vm, r1);
        MapSpec spec = map.spec();
        AddressSpace m = vm.memory();
        int k = m.read(key, spec.keySize());
        ValueRef v = map.lookup(m.arrayOf(key), k);
        if (v == null) return 0;
        return m.mapValue(v.array(), v.offset(), spec.valueSize(), (spec.flags() & MapSpec.F_RDONLY_PROG) == 0);
    }

    static long update(Interpreter vm, long r1, long key, long value, long flags, long r5) {
        BpfMap map = map(vm, r1);
        MapSpec spec = map.spec();
        AddressSpace m = vm.memory();
        int k = m.read(key, spec.keySize());
        int v = m.read(value, spec.valueSize());
        return map.update(m.arrayOf(key), k, m.arrayOf(value), v, flags);
    }

    static long delete(Interpreter vm, long r1, long key, long r3, long r4, long r5) {
        BpfMap map = map(vm, r1);
        AddressSpace m = vm.memory();
        int k = m.read(key, map.spec().keySize());
        return map.delete(m.arrayOf(key), k);
    }
}
