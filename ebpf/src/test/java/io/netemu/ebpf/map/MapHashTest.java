package io.netemu.ebpf.map;

import static io.netemu.ebpf.map.Keys.u32;
import static io.netemu.ebpf.map.Keys.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MapHashTest {
    final BpfMap m = Keys.map(MapType.HASH, 4, 8, 4);

    @Test
    void updateFlagsAndFullnessAsTheKernel() {
        assertEquals(0, m.update(u32(1), 0, u64(5), 0, BpfMap.ANY));
        assertEquals(-BpfMap.EEXIST, m.update(u32(1), 0, u64(6), 0, BpfMap.NOEXIST));
        assertEquals(-BpfMap.ENOENT, m.update(u32(9), 0, u64(6), 0, BpfMap.EXIST));
        assertEquals(0, m.update(u32(1), 0, u64(7), 0, BpfMap.EXIST));
        assertEquals(-BpfMap.EINVAL, m.update(u32(1), 0, u64(7), 0, 4));
        for (int k = 2; k <= 4; k++) assertEquals(0, m.update(u32(k), 0, u64(k), 0, BpfMap.NOEXIST));
        assertEquals(-BpfMap.E2BIG, m.update(u32(5), 0, u64(5), 0, BpfMap.ANY));
        assertEquals(0, m.update(u32(4), 0, u64(40), 0, BpfMap.ANY), "replacing in a full map is fine");
        assertEquals(0, m.delete(u32(4), 0));
        assertEquals(-BpfMap.ENOENT, m.delete(u32(4), 0));
        assertEquals(0, m.update(u32(5), 0, u64(5), 0, BpfMap.ANY), "deleting made room");
        assertEquals(7, Keys.readU64(m.lookup(u32(1), 0)));
        assertNull(m.lookup(u32(4), 0));
    }

    @Test
    void keysAreReadAtTheirOffset() {
        byte[] frame = Keys.b(0xee, 0xee, 1, 0, 0, 0, 0xee);
        assertEquals(0, m.update(frame, 2, u64(3), 0, BpfMap.ANY));
        assertEquals(3, Keys.readU64(m.lookup(u32(1), 0)));
        assertNotNull(m.lookup(frame, 2));
    }

    @Test
    void valueRefStaysLiveAcrossUpdatesAndIsAligned() {
        m.update(u32(1), 0, u64(5), 0, BpfMap.ANY);
        ValueRef held = m.lookup(u32(1), 0);
        assertEquals(0, held.offset() % 8);
        ValueAtomics.getAndAdd64(held.array(), held.offset(), 10L);
        m.update(u32(1), 0, u64(100), 0, BpfMap.EXIST);
        assertEquals(100, Keys.readU64(held), "an update writes where the program's pointer points");
        assertSame(held.array(), m.lookup(u32(1), 0).array());
        ValueAtomics.getAndAdd64(held.array(), held.offset(), 1L);
        assertEquals(101, Keys.readU64(m.lookup(u32(1), 0)));
    }

    @Test
    void nextKeyWalksEveryKeyOnceAndRestartsOnAnAbsentKey() {
        for (int k = 1; k <= 4; k++) m.update(u32(k * 10), 0, u64(k), 0, BpfMap.ANY);
        Set<Integer> seen = new HashSet<>();
        int steps = 0;
        for (byte[] k = m.nextKey(null); k != null; k = m.nextKey(k), steps++) seen.add(Bytes.u32(k, 0));
        assertEquals(Set.of(10, 20, 30, 40), seen);
        assertEquals(4, steps);
        assertArrayEquals(m.nextKey(null), m.nextKey(u32(99)));
        assertNull(Keys.map(MapType.HASH, 4, 8, 4).nextKey(null));
    }

    @Test
    void percpuHashShowsOneCpuToThePrograms() {
        PerCpuMap p = (PerCpuMap) Keys.map(MapType.PERCPU_HASH, 4, 12, 4);
        byte[] v = Keys.b(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertEquals(0, p.update(u32(1), 0, v, 0, BpfMap.ANY));
        assertEquals(1, p.possibleCpus());
        byte[] all = p.lookupPerCpu(u32(1), 0);
        assertEquals(16, all.length, "value_size rounded up to 8, per CPU");
        assertArrayEquals(v, java.util.Arrays.copyOf(all, 12));
        assertNull(p.lookupPerCpu(u32(2), 0));
    }

    @Test
    void lruEvictsTheLeastRecentlyUsed() {
        BpfMap lru = Keys.map(MapType.LRU_HASH, 4, 8, 4);
        // as recorded on the kernel: 6 inserts into 4 entries keep 3, 4, 5, 6
        for (int k = 1; k <= 6; k++) assertEquals(0, lru.update(u32(k), 0, u64(k), 0, BpfMap.ANY));
        Set<Integer> kept = new HashSet<>();
        for (byte[] k : ((MapIteration) lru).keys()) kept.add(Bytes.u32(k, 0));
        assertEquals(Set.of(3, 4, 5, 6), kept);
        // a lookup marks use: 3 was the eldest, now 4 is
        assertNotNull(lru.lookup(u32(3), 0));
        assertEquals(0, lru.update(u32(7), 0, u64(7), 0, BpfMap.NOEXIST));
        assertNull(lru.lookup(u32(4), 0));
        assertNotNull(lru.lookup(u32(3), 0));
        // an update marks use too
        assertEquals(0, lru.update(u32(5), 0, u64(50), 0, BpfMap.EXIST));
        assertEquals(0, lru.update(u32(8), 0, u64(8), 0, BpfMap.ANY));
        assertNull(lru.lookup(u32(6), 0));
        assertEquals(50, Keys.readU64(lru.lookup(u32(5), 0)));
        assertEquals(-BpfMap.EEXIST, lru.update(u32(5), 0, u64(1), 0, BpfMap.NOEXIST));
        assertEquals(-BpfMap.ENOENT, lru.update(u32(99), 0, u64(1), 0, BpfMap.EXIST));
        assertEquals(0, lru.delete(u32(5), 0));
        assertEquals(-BpfMap.ENOENT, lru.delete(u32(5), 0));
    }
}
