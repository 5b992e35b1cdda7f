package io.netemu.ebpf.map;

import static io.netemu.ebpf.map.Keys.lpm;
import static io.netemu.ebpf.map.Keys.u32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapLpmTrieTest {
    final BpfMap v4 = Keys.map(MapType.LPM_TRIE, 8, 4, 16);

    static int valueOf(BpfMap m, byte[] key) {
        ValueRef v = m.lookup(key, 0);
        return v == null ? -1 : Bytes.u32(v.array(), v.offset());
    }

    @Test
    void longestPrefixWinsWithinTheKeysPrefixlen() {
        // the sequence recorded on the kernel
        assertEquals(0, v4.update(lpm(24, 10, 0, 1, 0), 0, u32(1), 0, BpfMap.ANY));
        assertEquals(0, v4.update(lpm(8, 10, 0, 0, 0), 0, u32(2), 0, BpfMap.ANY));
        assertEquals(0, v4.update(lpm(32, 10, 0, 1, 5), 0, u32(3), 0, BpfMap.ANY));
        assertEquals(0, v4.update(lpm(0, 0, 0, 0, 0), 0, u32(4), 0, BpfMap.ANY));
        assertEquals(-BpfMap.EINVAL, v4.update(lpm(33, 10, 0, 1, 5), 0, u32(3), 0, BpfMap.ANY));
        assertEquals(0, v4.update(lpm(24, 10, 0, 1, 99), 0, u32(9), 0, BpfMap.ANY), "replaces 10.0.1.0/24");
        assertEquals(9, valueOf(v4, lpm(32, 10, 0, 1, 7)));
        assertEquals(3, valueOf(v4, lpm(32, 10, 0, 1, 5)));
        assertEquals(2, valueOf(v4, lpm(16, 10, 0, 1, 5)), "the key's /16 cannot reach the /24 or /32");
        assertEquals(4, valueOf(v4, lpm(32, 11, 0, 1, 5)));
        assertEquals(0, v4.delete(lpm(24, 10, 0, 1, 7), 0), "exact on the masked prefix");
        assertEquals(-BpfMap.ENOENT, v4.delete(lpm(16, 10, 0, 0, 0), 0));
        assertEquals(2, valueOf(v4, lpm(32, 10, 0, 1, 7)));
        assertEquals(-BpfMap.EINVAL, v4.delete(lpm(40, 10, 0, 0, 0), 0));
    }

    @Test
    void noDefaultMeansNoMatch() {
        v4.update(lpm(16, 192, 168, 0, 0), 0, u32(1), 0, BpfMap.ANY);
        assertNull(v4.lookup(lpm(32, 192, 169, 0, 1), 0));
        assertEquals(1, valueOf(v4, lpm(32, 192, 168, 255, 1)));
        assertEquals(0, v4.delete(lpm(16, 192, 168, 0, 0), 0));
        assertNull(v4.lookup(lpm(32, 192, 168, 255, 1), 0));
    }

    @Test
    void ipv6Prefixes() {
        BpfMap v6 = Keys.map(MapType.LPM_TRIE, 20, 4, 8);
        byte[] doc = {0x20, 0x01, 0x0d, (byte) 0xb8};
        assertEquals(0, v6.update(v6key(32, doc), 0, u32(32), 0, BpfMap.ANY));
        assertEquals(0, v6.update(v6key(64, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1), 0, u32(64), 0, BpfMap.ANY));
        assertEquals(0, v6.update(v6key(128, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x42), 0, u32(128), 0, BpfMap.ANY));
        assertEquals(128, valueOf(v6, v6key(128, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x42)));
        assertEquals(64, valueOf(v6, v6key(128, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x43)));
        assertEquals(32, valueOf(v6, v6key(128, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 2)));
        assertEquals(-1, valueOf(v6, v6key(128, 0x20, 0x01, 0x0d, 0xb9)));
        assertEquals(-BpfMap.EINVAL, v6.update(v6key(129, doc), 0, u32(1), 0, BpfMap.ANY));
    }

    static byte[] v6key(int plen, byte[] head) {
        byte[] k = new byte[20];
        Bytes.putU32(k, 0, plen);
        System.arraycopy(head, 0, k, 4, head.length);
        return k;
    }

    static byte[] v6key(int plen, int... head) {
        byte[] h = new byte[head.length];
        for (int i = 0; i < h.length; i++) h[i] = (byte) head[i];
        return v6key(plen, h);
    }

    @Test
    void flagsAndFullness() {
        BpfMap m = Keys.map(MapType.LPM_TRIE, 8, 4, 2);
        assertEquals(0, m.update(lpm(24, 10, 0, 1, 0), 0, u32(1), 0, BpfMap.ANY));
        assertEquals(0, m.update(lpm(16, 10, 0, 0, 0), 0, u32(2), 0, BpfMap.ANY));
        assertEquals(-BpfMap.ENOSPC, m.update(lpm(8, 10, 0, 0, 0), 0, u32(3), 0, BpfMap.ANY));
        assertEquals(-BpfMap.EEXIST, m.update(lpm(16, 10, 0, 0, 0), 0, u32(3), 0, BpfMap.NOEXIST));
        assertEquals(-BpfMap.ENOENT, m.update(lpm(12, 10, 0, 0, 0), 0, u32(3), 0, BpfMap.EXIST));
        assertEquals(0, m.update(lpm(16, 10, 0, 0, 0), 0, u32(3), 0, BpfMap.EXIST));
        assertEquals(-BpfMap.EINVAL, m.update(lpm(16, 10, 0, 0, 0), 0, u32(3), 0, 7));
    }

    @Test
    void nextKeyGoesMoreSpecificFirstAndKeepsTheWrittenBytes() {
        v4.update(lpm(24, 10, 0, 1, 99), 0, u32(9), 0, BpfMap.ANY);
        v4.update(lpm(8, 10, 0, 0, 0), 0, u32(2), 0, BpfMap.ANY);
        v4.update(lpm(32, 10, 0, 1, 5), 0, u32(3), 0, BpfMap.ANY);
        v4.update(lpm(0, 0, 0, 0, 0), 0, u32(4), 0, BpfMap.ANY);
        v4.update(lpm(16, 192, 168, 0, 0), 0, u32(5), 0, BpfMap.ANY);
        List<byte[]> walked = new ArrayList<>();
        for (byte[] k = v4.nextKey(null); k != null; k = v4.nextKey(k)) walked.add(k);
        List<byte[]> want = List.of(lpm(32, 10, 0, 1, 5), lpm(24, 10, 0, 1, 99), lpm(8, 10, 0, 0, 0),
                lpm(16, 192, 168, 0, 0), lpm(0, 0, 0, 0, 0));
        assertEquals(want.size(), walked.size());
        for (int i = 0; i < want.size(); i++) assertArrayEquals(want.get(i), walked.get(i), "step " + i);
        assertArrayEquals(want.get(0), v4.nextKey(lpm(12, 10, 0, 0, 0)), "absent: the first");
    }
}
