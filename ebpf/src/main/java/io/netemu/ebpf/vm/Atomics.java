package io.netemu.ebpf.vm;

import io.netemu.ebpf.map.ValueAtomics;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The BPF_ATOMIC instructions, dispatched to {@link ValueAtomics}: map values are shared by
 * programs on several NIC actors' threads, and every atomic on a value must take the same word
 * lock as bpftool's and the maps' own atomic accesses. Plain loads and stores take none, as in
 * the kernel.
 */
final class Atomics {
    private Atomics() {}

    /** Plain little-endian views, for the interpreter's ordinary loads and stores. */
    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** op: 0 add, 1 or, 2 and, 3 xor, 8 xchg; returns the old value, zero-extended. */
    static long rmw32(byte[] b, int i, int op, int v) {
        int old = switch (op) {
            case 0 -> ValueAtomics.getAndAdd32(b, i, v);
            case 1 -> ValueAtomics.getAndOr32(b, i, v);
            case 2 -> ValueAtomics.getAndAnd32(b, i, v);
            case 3 -> ValueAtomics.getAndXor32(b, i, v);
            default -> ValueAtomics.getAndSet32(b, i, v);
        };
        return old & 0xffffffffL;
    }

    static long rmw64(byte[] b, int i, int op, long v) {
        return switch (op) {
            case 0 -> ValueAtomics.getAndAdd64(b, i, v);
            case 1 -> ValueAtomics.getAndOr64(b, i, v);
            case 2 -> ValueAtomics.getAndAnd64(b, i, v);
            case 3 -> ValueAtomics.getAndXor64(b, i, v);
            default -> ValueAtomics.getAndSet64(b, i, v);
        };
    }

    /** Returns the old value (zero-extended); stores {@code v} only when it equalled {@code expect}. */
    static long cmpxchg32(byte[] b, int i, int expect, int v) {
        return ValueAtomics.compareAndExchange32(b, i, expect, v) & 0xffffffffL;
    }

    static long cmpxchg64(byte[] b, int i, long expect, long v) {
        return ValueAtomics.compareAndExchange64(b, i, expect, v);
    }
}
