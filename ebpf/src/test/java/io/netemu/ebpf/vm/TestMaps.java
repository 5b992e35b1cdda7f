package io.netemu.ebpf.vm;

import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.MapType;
import io.netemu.ebpf.map.ValueRef;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tiny maps for tests: the real ones are another part's work. */
public final class TestMaps {
    private TestMaps() {}

    /** An array map: u32 keys, all values in one byte[] (value i at i * valueSize). */
    public static final class Array implements BpfMap {
        private final MapSpec spec;
        public final byte[] store;

        public Array(String name, int valueSize, int maxEntries) { this(name, valueSize, maxEntries, 0); }

        public Array(String name, int valueSize, int maxEntries, int flags) {
            spec = new MapSpec(name, MapType.ARRAY, 4, valueSize, maxEntries, flags);
            store = new byte[valueSize * maxEntries];
        }

        @Override public MapSpec spec() { return spec; }

        private long index(byte[] key, int off) {
            return (key[off] & 0xffL) | (key[off + 1] & 0xffL) << 8 | (key[off + 2] & 0xffL) << 16 | (key[off + 3] & 0xffL) << 24;
        }

        @Override public ValueRef lookup(byte[] key, int keyOff) {
            long i = index(key, keyOff);
            return i < spec.maxEntries() ? new ValueRef(store, (int) i * spec.valueSize()) : null;
        }

        @Override public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
            long i = index(key, keyOff);
            if (i >= spec.maxEntries()) return -E2BIG;
            if (flags == NOEXIST) return -EEXIST;
            System.arraycopy(value, valueOff, store, (int) i * spec.valueSize(), spec.valueSize());
            return 0;
        }

        @Override public int delete(byte[] key, int keyOff) { return -EINVAL; }

        @Override public byte[] nextKey(byte[] key) { return null; }
    }

    /** A hash map (also standing in for PROG_ARRAY and DEVMAP, whose slots can be empty). */
    public static final class Hash implements BpfMap {
        private final MapSpec spec;
        private final Map<String, byte[]> values = new ConcurrentHashMap<>();

        public Hash(MapType type, String name, int keySize, int valueSize, int maxEntries) {
            spec = new MapSpec(name, type, keySize, valueSize, maxEntries, 0);
        }

        @Override public MapSpec spec() { return spec; }

        private String k(byte[] key, int off) { return HexFormat.of().formatHex(key, off, off + spec.keySize()); }

        @Override public ValueRef lookup(byte[] key, int keyOff) {
            byte[] v = values.get(k(key, keyOff));
            return v == null ? null : new ValueRef(v, 0);
        }

        @Override public int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
            String k = k(key, keyOff);
            boolean exists = values.containsKey(k);
            if (flags == NOEXIST && exists) return -EEXIST;
            if (flags == EXIST && !exists) return -ENOENT;
            if (!exists && values.size() >= spec.maxEntries()) return -E2BIG;
            byte[] copy = new byte[spec.valueSize()];
            System.arraycopy(value, valueOff, copy, 0, copy.length);
            values.put(k, copy);
            return 0;
        }

        /** Sets a u32-keyed entry whose value starts with a u32 (prog id, ifindex). */
        public Hash putU32(int key, int value) {
            byte[] kb = le32(key), vb = new byte[spec.valueSize()];
            System.arraycopy(le32(value), 0, vb, 0, 4);
            update(kb, 0, vb, 0, ANY);
            return this;
        }

        @Override public int delete(byte[] key, int keyOff) { return values.remove(k(key, keyOff)) == null ? -ENOENT : 0; }

        @Override public byte[] nextKey(byte[] key) { return null; }
    }

    public static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
