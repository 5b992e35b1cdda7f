package io.netemu.ebpf.map;

import java.util.Arrays;

/**
 * A key as hash maps hold it. A probe wraps the caller's bytes in place (no copy) so a lookup on
 * the packet path allocates only this small object; stored keys own a copy at offset 0.
 */
final class MapKey {
    final byte[] bytes;
    final int off;
    final int len;
    private final int hash;

    private MapKey(byte[] bytes, int off, int len) {
        this.bytes = bytes;
        this.off = off;
        this.len = len;
        this.hash = hashOf(bytes, off, len);
    }

    /** Wraps {@code bytes[off .. off+len)} without copying; valid only while the caller's bytes are. */
    static MapKey probe(byte[] bytes, int off, int len) {
        return new MapKey(bytes, off, len);
    }

    /** A key that owns its bytes, for storing. */
    static MapKey copyOf(byte[] bytes, int off, int len) {
        return new MapKey(Arrays.copyOfRange(bytes, off, off + len), 0, len);
    }

    /** Keeps a stored key as is and a probe as a copy. */
    MapKey stored() {
        return off == 0 && bytes.length == len ? this : copyOf(bytes, off, len);
    }

    byte[] toArray() {
        return Arrays.copyOfRange(bytes, off, off + len);
    }

    private static int hashOf(byte[] b, int off, int len) {
        int h = len;
        for (int i = off, end = off + len; i < end; i++) h = 31 * h + b[i];
        // spread, as keys are often small integers differing only in their low byte
        return h ^ (h >>> 16) * 0x45d9f3b;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapKey k && k.hash == hash
                && Arrays.equals(bytes, off, off + len, k.bytes, k.off, k.off + k.len);
    }
}
