package io.netemu.ebpf.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each refusal below was checked against BPF_MAP_CREATE on Linux 6.18 (bpftool map create). */
class MapsCreateTest {
    static MapCreateException refused(MapType t, int key, int value, int max, int flags) {
        return assertThrows(MapCreateException.class, () -> Maps.create(new MapSpec("m", t, key, value, max, flags)));
    }

    static void refused(int errno, String fragment, MapType t, int key, int value, int max, int flags) {
        MapCreateException e = refused(t, key, value, max, flags);
        assertEquals(errno, e.errno(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void refusesWhatTheKernelRefuses() {
        refused(BpfMap.EINVAL, "max_entries must be > 0", MapType.HASH, 4, 8, 0, 0);
        refused(BpfMap.EINVAL, "array key_size must be 4", MapType.ARRAY, 8, 8, 4, 0);
        refused(BpfMap.EINVAL, "value_size must be > 0", MapType.HASH, 4, 0, 4, 0);
        refused(BpfMap.EINVAL, "key_size must be > 0", MapType.HASH, 0, 4, 4, 0);
        refused(BpfMap.EINVAL, "lpm_trie needs map_flags BPF_F_NO_PREALLOC (1)", MapType.LPM_TRIE, 8, 4, 16, 0);
        refused(BpfMap.EINVAL, "key_size must be 5..260", MapType.LPM_TRIE, 3, 4, 4, 1);
        refused(BpfMap.EINVAL, "key_size must be 5..260", MapType.LPM_TRIE, 261, 4, 4, 1);
        refused(BpfMap.EINVAL, "value_size must be 1..", MapType.LPM_TRIE, 8, 0, 4, 1);
        refused(BpfMap.EINVAL, "devmap value_size must be 4 (u32 ifindex) or 8", MapType.DEVMAP, 4, 12, 4, 0);
        refused(BpfMap.EINVAL, "prog_array value_size must be 4", MapType.PROG_ARRAY, 4, 8, 4, 0);
        refused(BpfMap.EINVAL, "BPF_F_RDONLY_PROG", MapType.PROG_ARRAY, 4, 4, 4, MapSpec.F_RDONLY_PROG);
        refused(BpfMap.EINVAL, "map_flags 0x10000000", MapType.HASH, 4, 8, 4, 0x10000000);
        refused(BpfMap.EINVAL, "map_flags 0x1", MapType.DEVMAP_HASH, 4, 4, 4, 1);
        refused(MapCreateException.ENOTSUPP, "drop map_flags BPF_F_NO_PREALLOC", MapType.LRU_HASH, 4, 8, 4, 1);
        // measured limits: key+value 4194254 accepted, 4194264 refused; percpu 32768 accepted, 32769 refused
        refused(BpfMap.E2BIG, "key_size + value_size must be < 4194256", MapType.HASH, 4, 4194260, 1, 0);
        refused(BpfMap.E2BIG, "per-CPU", MapType.PERCPU_ARRAY, 4, 32769, 1, 0);
        refused(BpfMap.E2BIG, "per-CPU", MapType.PERCPU_HASH, 4, 32769, 1, 0);
    }

    @Test
    void acceptsTheKernelsLimits() {
        Maps.create(new MapSpec("m", MapType.HASH, 4, 4194250, 1, 0));
        Maps.create(new MapSpec("m", MapType.HASH, 600, 4, 4, 0));
        Maps.create(new MapSpec("m", MapType.PERCPU_ARRAY, 4, 32768, 1, 0));
        Maps.create(new MapSpec("m", MapType.LPM_TRIE, 5, 1, 1, 1));
        Maps.create(new MapSpec("m", MapType.LPM_TRIE, 260, 1, 1, 1));
        Maps.create(new MapSpec("m", MapType.DEVMAP_HASH, 4, 8, 4, 0));
        Maps.create(new MapSpec("m", MapType.LRU_HASH, 4, 8, 4, Maps.F_NO_COMMON_LRU));
    }

    @Test
    void namesAreCheckedAsTheKernelDoes() {
        MapCreateException e = assertThrows(MapCreateException.class,
                () -> Maps.create(new MapSpec("bad-name", MapType.HASH, 4, 4, 4, 0)));
        assertEquals(BpfMap.EINVAL, e.errno());
        assertThrows(MapCreateException.class, () -> Maps.create(new MapSpec("abcdefghijklmnop", MapType.HASH, 4, 4, 4, 0)));
        Maps.create(new MapSpec("abc.def_123", MapType.HASH, 4, 4, 4, 0));
        Maps.create(new MapSpec("", MapType.HASH, 4, 4, 4, 0));
    }

    @Test
    void devmapsBecomeReadOnlyToPrograms() {
        // bpftool map show printed "flags 0x80" for devmaps created with flags 0
        assertEquals(0x80, Maps.create(new MapSpec("d", MapType.DEVMAP, 4, 4, 4, 0)).spec().flags());
        assertEquals(0x80, Maps.create(new MapSpec("d", MapType.DEVMAP_HASH, 4, 8, 4, 0)).spec().flags());
        assertEquals(0, Maps.create(new MapSpec("h", MapType.HASH, 4, 8, 4, 0)).spec().flags());
    }

    @Test
    void eachTypeGetsItsImplementation() {
        assertInstanceOf(PerCpuMap.class, Keys.map(MapType.PERCPU_HASH, 4, 8, 4));
        assertInstanceOf(PerCpuMap.class, Keys.map(MapType.PERCPU_ARRAY, 4, 8, 4));
        assertInstanceOf(DevMap.class, Keys.map(MapType.DEVMAP, 4, 4, 4));
        assertInstanceOf(DevMap.class, Keys.map(MapType.DEVMAP_HASH, 4, 4, 4));
        assertInstanceOf(ProgArray.class, Keys.map(MapType.PROG_ARRAY, 4, 4, 4));
        for (MapType t : MapType.values()) assertEquals(t, Keys.map(t, t == MapType.LPM_TRIE ? 8 : 4, 4, 4).spec().type());
    }
}
