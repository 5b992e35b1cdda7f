package io.netemu.ebpf.map;

/** Little-endian u32 fields of keys and values: x86 and the BPF target are little-endian. */
final class Bytes {
    private Bytes() {}

    static int u32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static void putU32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static byte[] u32(int v) {
        byte[] b = new byte[4];
        putU32(b, 0, v);
        return b;
    }
}
