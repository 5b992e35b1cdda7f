package io.netemu.ebpf.map;

/**
 * Where map values sit in their byte arrays: each at an offset that is a multiple of 8, as the
 * kernel keeps map values 8-byte aligned, so that a program's 8-byte fields and atomics on them
 * never straddle two values. (The JVM does not let a byte[] be accessed atomically as longs,
 * aligned or not, since JDK 22; {@link ValueAtomics} gives the atomics.)
 */
final class ValueSlots {
    /** The offset of the first value in an array of values. */
    static final int BASE = 0;

    private ValueSlots() {}

    /** Values are kept 8-byte strided, as the kernel rounds elem_size up to 8. */
    static int stride(int valueSize) {
        return (valueSize + 7) & ~7;
    }

    /** One zeroed value in its own array, at offset {@link #BASE}. */
    static byte[] single(int valueSize) {
        return new byte[BASE + stride(valueSize)];
    }
}
