package io.netemu.ebpf.vm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The atomic read-modify-write instructions on a byte array. Map values are shared by programs
 * running on several NIC actors' threads, so these must be atomic with respect to each other.
 * Byte-array view VarHandles offer no atomic modes on heap arrays (JDK 22 removed them, since a
 * byte[] element need not be aligned), so each operation holds the lock of the array that backs
 * the value: every atomic on a location excludes every other one on it, whatever the map
 * implementation's layout. Plain loads and stores do not take it, as in the kernel, where a
 * plain write racing an atomic one is the program's own business.
 */
final class Atomics {
    private Atomics() {}

    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** op: 0 add, 1 or, 2 and, 3 xor, 8 xchg; returns the old value, zero-extended. */
    static long rmw32(byte[] b, int i, int op, int v) {
        synchronized (b) {
            int old = (int) I32.get(b, i);
            int now = switch (op) {
                case 0 -> old + v;
                case 1 -> old | v;
                case 2 -> old & v;
                case 3 -> old ^ v;
                default -> v;
            };
            I32.set(b, i, now);
            return old & 0xffffffffL;
        }
    }

    static long rmw64(byte[] b, int i, int op, long v) {
        synchronized (b) {
            long old = (long) I64.get(b, i);
            long now = switch (op) {
                case 0 -> old + v;
                case 1 -> old | v;
                case 2 -> old & v;
                case 3 -> old ^ v;
                default -> v;
            };
            I64.set(b, i, now);
            return old;
        }
    }

    /** Returns the old value (zero-extended); stores {@code v} only when it equalled {@code expect}. */
    static long cmpxchg32(byte[] b, int i, int expect, int v) {
        synchronized (b) {
            int old = (int) I32.get(b, i);
            if (old == expect) I32.set(b, i, v);
            return old & 0xffffffffL;
        }
    }

    static long cmpxchg64(byte[] b, int i, long expect, long v) {
        synchronized (b) {
            long old = (long) I64.get(b, i);
            if (old == expect) I64.set(b, i, v);
            return old;
        }
    }
}
