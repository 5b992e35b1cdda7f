package io.netemu.packet.wire;

/** Big-endian (network order, RFC 1700) accessors shared by the views; no bounds checks beyond the JVM's. */
final class Bytes {
    private Bytes() {}

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static int i32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static void put8(byte[] b, int i, int v) {
        b[i] = (byte) v;
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    static WireException truncated(String what, int need, int have) {
        return new WireException(WireError.TRUNCATED, what + " needs " + need + " bytes, has " + have);
    }
}
