package io.netemu.ebpf.elf;

import io.netemu.ebpf.btf.Btf;
import io.netemu.ebpf.btf.BtfException;
import io.netemu.ebpf.btf.BtfType;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.MapType;

/**
 * Reads one BTF-defined map ({@code struct {...} name SEC(".maps")}). With -g clang leaves the
 * .maps bytes zero: the definition is in the type. bpf_helpers.h encodes {@code __uint(f, n)} as
 * {@code int (*f)[n]} (the number is the array's length) and {@code __type(f, T)} as
 * {@code T *f} (the size is T's).
 */
final class BtfMapDefinition {
    /** LIBBPF_PIN_BY_NAME in libbpf's enum libbpf_pin_type. */
    private static final int LIBBPF_PIN_BY_NAME = 1;

    private BtfMapDefinition() {}

    static MapDef read(ElfFile elf, Btf btf, String mapName, int varTypeId) {
        int structId = btf.skipModifiers(varTypeId);
        if (!(btf.type(structId) instanceof BtfType.Struct def))
            throw error(elf, mapName, "its type is " + btf.typeName(structId) + ", not a struct");
        Integer type = null, maxEntries = null, flags = null, keySize = null, valueSize = null, pinning = null;
        int keyTypeId = 0, valueTypeId = 0;
        for (BtfType.Member m : def.members()) {
            switch (m.name()) {
                case "type" -> type = number(elf, btf, mapName, m);
                case "max_entries" -> maxEntries = number(elf, btf, mapName, m);
                case "map_flags" -> flags = number(elf, btf, mapName, m);
                case "key_size" -> keySize = agree(elf, mapName, "key size", keySize, number(elf, btf, mapName, m));
                case "value_size" -> valueSize = agree(elf, mapName, "value size", valueSize, number(elf, btf, mapName, m));
                case "key" -> {
                    keyTypeId = pointee(elf, btf, mapName, m);
                    keySize = agree(elf, mapName, "key size", keySize, size(elf, btf, mapName, keyTypeId));
                }
                case "value" -> {
                    valueTypeId = pointee(elf, btf, mapName, m);
                    valueSize = agree(elf, mapName, "value size", valueSize, size(elf, btf, mapName, valueTypeId));
                }
                case "pinning" -> pinning = number(elf, btf, mapName, m);
                // accepted as libbpf accepts them, but without meaning in the emulator
                case "numa_node", "map_extra" -> number(elf, btf, mapName, m);
                default -> throw error(elf, mapName, "field '" + m.name()
                        + "' is not supported (netemu reads type, key, value, key_size, value_size, max_entries, map_flags, pinning)");
            }
        }
        if (type == null) throw error(elf, mapName, "no map type (__uint(type, ...))");
        MapType mt = MapType.byId(type);
        if (mt == null) throw error(elf, mapName, "map type " + type + " is not supported by netemu");
        if (pinning != null && pinning != 0 && pinning != LIBBPF_PIN_BY_NAME)
            throw error(elf, mapName, "pinning " + pinning + " is not supported (only LIBBPF_PIN_BY_NAME)");
        MapSpec spec = new MapSpec(mapName, mt, orZero(keySize), orZero(valueSize), orZero(maxEntries), orZero(flags));
        return new MapDef(spec, null, pinning != null && pinning == LIBBPF_PIN_BY_NAME ? MapDef.PIN_BY_NAME : null,
                keyTypeId, valueTypeId);
    }

    private static int number(ElfFile elf, Btf btf, String map, BtfType.Member m) {
        if (btf.type(btf.skipModifiers(m.type())) instanceof BtfType.Ptr p
                && btf.type(btf.skipModifiers(p.type())) instanceof BtfType.Array a)
            return a.nelems();
        throw error(elf, map, "field '" + m.name() + "' is not a __uint() (pointer to array), it is " + btf.typeName(m.type()));
    }

    private static int pointee(ElfFile elf, Btf btf, String map, BtfType.Member m) {
        if (btf.type(btf.skipModifiers(m.type())) instanceof BtfType.Ptr p) return p.type();
        throw error(elf, map, "field '" + m.name() + "' is not a __type() (pointer), it is " + btf.typeName(m.type()));
    }

    private static int size(ElfFile elf, Btf btf, String map, int typeId) {
        try {
            return (int) btf.size(typeId);
        } catch (BtfException e) {
            throw error(elf, map, e.getMessage());
        }
    }

    private static Integer agree(ElfFile elf, String map, String what, Integer had, int now) {
        if (had != null && had != now) throw error(elf, map, what + " given twice, as " + had + " and " + now);
        return now;
    }

    private static int orZero(Integer v) { return v == null ? 0 : v; }

    private static BpfObjectException error(ElfFile elf, String map, String what) {
        return elf.error("map '" + map + "' in .maps: " + what);
    }
}
