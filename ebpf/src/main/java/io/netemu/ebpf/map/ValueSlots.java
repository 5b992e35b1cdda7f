package io.netemu.ebpf.map;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Where map values sit in their byte arrays. Programs do atomic adds on values through a
 * long-view VarHandle, which demands that the element's real address be 8-byte aligned; the
 * byte[] header is 16 bytes on most JVMs but 12 with compact object headers, so the first
 * aligned index is probed once instead of assumed to be 0.
 */
final class ValueSlots {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The first index of any byte[] whose address is 8-byte aligned. */
    static final int BASE = firstAlignedIndex();

    private ValueSlots() {}

    /** Values are kept 8-byte strided, as the kernel rounds elem_size up to 8. */
    static int stride(int valueSize) {
        return (valueSize + 7) & ~7;
    }

    /** One zeroed value in its own array, at offset {@link #BASE}. */
    static byte[] single(int valueSize) {
        return new byte[BASE + stride(valueSize)];
    }

    private static int firstAlignedIndex() {
        byte[] probe = new byte[32];
        for (int i = 0; i < 8; i++) {
            try {
                LONGS.getAndAdd(probe, i, 0L);
                return i;
            } catch (IllegalStateException misaligned) {
                // try the next byte
            }
        }
        throw new IllegalStateException("no 8-byte aligned index in a byte[]");
    }
}
