package io.netemu.ebpf.map;

import static io.netemu.ebpf.map.Keys.b;
import static io.netemu.ebpf.map.Keys.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MapDevProgTest {
    @Test
    void devmapSlotsMayBeEmptyAndRememberTheUpdatersNamespace() {
        DevMap d = (DevMap) Keys.map(MapType.DEVMAP, 4, 8, 4);
        assertNull(d.lookup(u32(0), 0));
        assertEquals(0, d.ifindexAt(0));
        assertEquals(0, d.updateFor("ns2", u32(1), 0, b(7, 0, 0, 0, 30, 0, 0, 0), 0, BpfMap.ANY));
        DevMapEntry e = d.target(1);
        assertEquals(7, e.ifindex());
        assertEquals(30, e.progId());
        assertEquals("ns2", e.netns());
        assertEquals(7, d.ifindexAt(1));
        assertEquals(7, Bytes.u32(d.lookup(u32(1), 0).array(), d.lookup(u32(1), 0).offset()));
        assertEquals(0, d.update(u32(2), 0, b(9, 0, 0, 0, 0, 0, 0, 0), 0, BpfMap.ANY));
        assertNull(d.target(2).netns(), "no namespace given");
        // the kernel's answers, recorded with bpftool
        assertEquals(-BpfMap.E2BIG, d.update(u32(5), 0, b(1, 0, 0, 0, 0, 0, 0, 0), 0, BpfMap.ANY));
        assertEquals(-BpfMap.EEXIST, d.update(u32(0), 0, b(1, 0, 0, 0, 0, 0, 0, 0), 0, BpfMap.NOEXIST));
        assertEquals(-BpfMap.EINVAL, d.delete(u32(5), 0));
        assertEquals(0, d.delete(u32(3), 0), "an empty slot deletes fine");
        assertEquals(-BpfMap.EINVAL, d.update(u32(0), 0, b(0, 0, 0, 0, 5, 0, 0, 0), 0, BpfMap.ANY), "a program needs a device");
        assertEquals(0, d.update(u32(1), 0, b(0, 0, 0, 0, 0, 0, 0, 0), 0, BpfMap.ANY), "ifindex 0 empties the slot");
        assertNull(d.target(1));
        assertNull(d.target(-1));
        assertArrayEquals(u32(1), d.nextKey(u32(0)));
        assertNull(d.nextKey(u32(3)));
    }

    @Test
    void devmapHashKeysAnyU32() {
        DevMap h = (DevMap) Keys.map(MapType.DEVMAP_HASH, 4, 4, 1);
        assertEquals(0, h.updateFor("a", u32(7), 0, u32(1), 0, BpfMap.EXIST), "EXIST of a missing key inserts, as on the kernel");
        assertEquals(-BpfMap.EINVAL, h.update(u32(8), 0, u32(0), 0, BpfMap.ANY));
        assertEquals(-BpfMap.E2BIG, h.update(u32(8), 0, u32(1), 0, BpfMap.ANY));
        assertEquals(-BpfMap.E2BIG, h.update(u32(8), 0, u32(1), 0, BpfMap.NOEXIST));
        assertEquals(-BpfMap.EEXIST, h.update(u32(7), 0, u32(2), 0, BpfMap.NOEXIST));
        assertEquals(0, h.updateFor("b", u32(7), 0, u32(2), 0, BpfMap.ANY));
        assertEquals(2, h.ifindexAt(7));
        assertEquals("b", h.target(7).netns());
        assertEquals(-BpfMap.ENOENT, h.delete(u32(9), 0));
        assertArrayEquals(u32(7), h.nextKey(null));
        assertNull(h.nextKey(u32(7)));
        assertEquals(0, h.delete(u32(7), 0));
        assertEquals(0, h.ifindexAt(7));
    }

    @Test
    void progArrayHoldsProgramIds() {
        ProgArray p = (ProgArray) Keys.map(MapType.PROG_ARRAY, 4, 4, 2);
        assertEquals(-1, p.progIdAt(0));
        assertEquals(-1, p.progIdAt(2));
        assertNull(p.lookup(u32(0), 0));
        assertEquals(0, p.update(u32(1), 0, u32(264), 0, BpfMap.ANY));
        assertEquals(264, p.progIdAt(1));
        assertArrayEquals(b(8, 1, 0, 0), java.util.Arrays.copyOfRange(p.lookup(u32(1), 0).array(), 0, 4));
        assertEquals(-BpfMap.EINVAL, p.update(u32(0), 0, u32(264), 0, BpfMap.NOEXIST), "only BPF_ANY, as recorded");
        assertEquals(-BpfMap.E2BIG, p.update(u32(2), 0, u32(264), 0, BpfMap.ANY));
        assertEquals(-BpfMap.ENOENT, p.delete(u32(0), 0));
        assertEquals(0, p.delete(u32(1), 0));
        assertEquals(-1, p.progIdAt(1));
    }
}
