package io.netemu.ebpf.map;

import static io.netemu.ebpf.map.Keys.u32;
import static io.netemu.ebpf.map.Keys.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class MapArrayTest {
    final BpfMap a = Keys.map(MapType.ARRAY, 4, 12, 4);

    @Test
    void slotsExistZeroedAndCannotBeDeleted() {
        ValueRef v = a.lookup(u32(3), 0);
        for (int i = 0; i < 12; i++) assertEquals(0, v.array()[v.offset() + i]);
        assertNull(a.lookup(u32(4), 0));
        assertNull(a.lookup(u32(-1), 0), "the index is a u32");
        assertEquals(-BpfMap.EINVAL, a.delete(u32(1), 0));
        assertEquals(-BpfMap.E2BIG, a.update(u32(4), 0, new byte[12], 0, BpfMap.ANY));
        assertEquals(-BpfMap.EEXIST, a.update(u32(1), 0, new byte[12], 0, BpfMap.NOEXIST));
        assertEquals(0, a.update(u32(1), 0, new byte[12], 0, BpfMap.EXIST));
        assertEquals(-BpfMap.EINVAL, a.update(u32(1), 0, new byte[12], 0, 3));
    }

    @Test
    void slotsShareOneArrayAlignedAndStrided() {
        ValueRef s0 = a.lookup(u32(0), 0), s1 = a.lookup(u32(1), 0);
        assertSame(s0.array(), s1.array());
        assertEquals(16, s1.offset() - s0.offset(), "12-byte values on an 8-byte stride");
        for (int i = 0; i < 4; i++) {
            ValueRef s = a.lookup(u32(i), 0);
            assertEquals(0, s.offset() % 8, "8-byte aligned slot");
            ValueAtomics.getAndAdd64(s.array(), s.offset(), i + 1);
        }
        byte[] want = new byte[12];
        want[0] = 3;
        assertArrayEquals(want, java.util.Arrays.copyOfRange(s0.array(), a.lookup(u32(2), 0).offset(), a.lookup(u32(2), 0).offset() + 12));
        assertEquals(1, Keys.readU64(s0), "neighbours untouched");
    }

    @Test
    void updatesAreSeenThroughAHeldValue() {
        ValueRef held = a.lookup(u32(2), 0);
        a.update(u32(2), 0, Keys.b(9, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4), 0, BpfMap.ANY);
        assertEquals(9, Keys.readU64(held));
    }

    @Test
    void nextKeyAsArrayMapGetNextKey() {
        assertArrayEquals(u32(0), a.nextKey(null));
        assertArrayEquals(u32(1), a.nextKey(u32(0)));
        assertNull(a.nextKey(u32(3)));
        assertArrayEquals(u32(0), a.nextKey(u32(9)), "out of range starts over (recorded: key 9 -> next 0)");
    }

    @Test
    void percpuArrayHasOneCpu() {
        PerCpuMap p = (PerCpuMap) Keys.map(MapType.PERCPU_ARRAY, 4, 8, 2);
        p.update(u32(1), 0, u64(5), 0, BpfMap.ANY);
        assertArrayEquals(u64(5), p.lookupPerCpu(u32(1), 0));
        assertNull(p.lookupPerCpu(u32(2), 0));
    }
}
