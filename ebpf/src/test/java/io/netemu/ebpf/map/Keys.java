package io.netemu.ebpf.map;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte strings for map tests, written as bpftool takes them. */
final class Keys {
    /** Plain little-endian u64 access, as a program's BPF_LDX/BPF_STX | BPF_DW. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Keys() {}

    static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (byte) v[i];
        return out;
    }

    static byte[] u32(int v) {
        return Bytes.u32(v);
    }

    static byte[] u64(long v) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) out[i] = (byte) (v >>> (8 * i));
        return out;
    }

    static long readU64(ValueRef v) {
        return ValueAtomics.load64(v.array(), v.offset());
    }

    /** An LPM key: u32 prefixlen (little-endian) then the data bytes. */
    static byte[] lpm(int prefixlen, int... data) {
        byte[] out = new byte[4 + data.length];
        Bytes.putU32(out, 0, prefixlen);
        for (int i = 0; i < data.length; i++) out[4 + i] = (byte) data[i];
        return out;
    }

    static BpfMap map(MapType type, int key, int value, int max) {
        int flags = type == MapType.LPM_TRIE ? MapSpec.F_NO_PREALLOC : 0;
        return Maps.create(new MapSpec("t", type, key, value, max, flags));
    }
}
