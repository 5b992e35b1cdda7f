package io.netemu.ebpf.map;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The BPF_ATOMIC operations (add, and, or, xor, xchg, cmpxchg; 32 and 64 bits) on map values,
 * which several NIC actors may apply to one value at once. Since JDK 22 a byte[] view VarHandle
 * supports only plain get and set (getAndAdd throws UnsupportedOperationException), and map values
 * are byte[] slices, so atomicity comes from locks striped by array and 8-byte word: two threads
 * contend only when they touch the same word, or words that share a stripe. Every atomic
 * access to a map value must come through here for the guarantee to hold; plain loads and stores
 * by programs stay plain, and may tear against these, as in the kernel.
 *
 * <p>Offsets are array offsets ({@code ValueRef.offset() + field offset}); the verifier has
 * checked that they are aligned to the access size, so a 32-bit word never spans two stripes.
 */
public final class ValueAtomics {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int STRIPES = 64;
    private static final Object[] LOCKS = new Object[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) LOCKS[i] = new Object();
    }

    private ValueAtomics() {}

    private static Object lock(byte[] a, int off) {
        int h = System.identityHashCode(a) * 0x9E3779B9 + ((off - ValueSlots.BASE) >>> 3);
        return LOCKS[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }

    /** The 8 bytes at {@code off}, read under the word's lock: never torn by an atomic update. */
    public static long load64(byte[] a, int off) {
        synchronized (lock(a, off)) {
            return (long) LONGS.get(a, off);
        }
    }

    public static int load32(byte[] a, int off) {
        synchronized (lock(a, off)) {
            return (int) INTS.get(a, off);
        }
    }

    public static long getAndAdd64(byte[] a, int off, long delta) {
        synchronized (lock(a, off)) {
            long old = (long) LONGS.get(a, off);
            LONGS.set(a, off, old + delta);
            return old;
        }
    }

    public static int getAndAdd32(byte[] a, int off, int delta) {
        synchronized (lock(a, off)) {
            int old = (int) INTS.get(a, off);
            INTS.set(a, off, old + delta);
            return old;
        }
    }

    public static long getAndAnd64(byte[] a, int off, long mask) {
        synchronized (lock(a, off)) {
            long old = (long) LONGS.get(a, off);
            LONGS.set(a, off, old & mask);
            return old;
        }
    }

    public static int getAndAnd32(byte[] a, int off, int mask) {
        synchronized (lock(a, off)) {
            int old = (int) INTS.get(a, off);
            INTS.set(a, off, old & mask);
            return old;
        }
    }

    public static long getAndOr64(byte[] a, int off, long bits) {
        synchronized (lock(a, off)) {
            long old = (long) LONGS.get(a, off);
            LONGS.set(a, off, old | bits);
            return old;
        }
    }

    public static int getAndOr32(byte[] a, int off, int bits) {
        synchronized (lock(a, off)) {
            int old = (int) INTS.get(a, off);
            INTS.set(a, off, old | bits);
            return old;
        }
    }

    public static long getAndXor64(byte[] a, int off, long bits) {
        synchronized (lock(a, off)) {
            long old = (long) LONGS.get(a, off);
            LONGS.set(a, off, old ^ bits);
            return old;
        }
    }

    public static int getAndXor32(byte[] a, int off, int bits) {
        synchronized (lock(a, off)) {
            int old = (int) INTS.get(a, off);
            INTS.set(a, off, old ^ bits);
            return old;
        }
    }

    /** BPF_XCHG. */
    public static long getAndSet64(byte[] a, int off, long value) {
        synchronized (lock(a, off)) {
            long old = (long) LONGS.get(a, off);
            LONGS.set(a, off, value);
            return old;
        }
    }

    public static int getAndSet32(byte[] a, int off, int value) {
        synchronized (lock(a, off)) {
            int old = (int) INTS.get(a, off);
            INTS.set(a, off, value);
            return old;
        }
    }

    /** BPF_CMPXCHG: stores {@code value} when the word equals {@code expected}; returns what was there. */
    public static long compareAndExchange64(byte[] a, int off, long expected, long value) {
        synchronized (lock(a, off)) {
            long old = (long) LONGS.get(a, off);
            if (old == expected) LONGS.set(a, off, value);
            return old;
        }
    }

    public static int compareAndExchange32(byte[] a, int off, int expected, int value) {
        synchronized (lock(a, off)) {
            int old = (int) INTS.get(a, off);
            if (old == expected) INTS.set(a, off, value);
            return old;
        }
    }
}
