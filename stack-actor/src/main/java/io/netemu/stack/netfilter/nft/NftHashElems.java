package io.netemu.stack.netfilter.nft;

import java.util.Arrays;

/**
 * The elements of a set without intervals, as nft_set_hash.c keeps them: an open-addressing hash
 * of unsigned keys (at most 32 bits wide), so a lookup probes O(1) slots whatever the size.
 * {@link #probes()} counts the slots lookups examined, for tests that hold the cost flat.
 */
public final class NftHashElems {
    private static final long EMPTY = -1L;
    private long[] slots = newSlots(16);
    private int size;
    private long probes;

    private static long[] newSlots(int n) {
        long[] s = new long[n];
        Arrays.fill(s, EMPTY);
        return s;
    }

    public int size() { return size; }
    public long probes() { return probes; }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    public boolean contains(long key) {
        int mask = slots.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            probes++;
            long s = slots[i];
            if (s == key) {
                return true;
            }
            if (s == EMPTY) {
                return false;
            }
        }
    }

    /** Adds {@code key}; false if it was there already. */
    public boolean add(long key) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = mix(key) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        size++;
        return true;
    }

    /** Removes {@code key} (backward-shift deletion); false if it was absent. */
    public boolean remove(long key) {
        int mask = slots.length - 1;
        int i = mix(key) & mask;
        while (slots[i] != key) {
            if (slots[i] == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = EMPTY;
        size--;
        for (int j = (i + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
            long k = slots[j];
            int home = mix(k) & mask;
            // move k back into the hole when the hole lies cyclically between its home slot and j
            if (((j - home) & mask) >= ((j - i) & mask)) {
                slots[i] = k;
                slots[j] = EMPTY;
                i = j;
            }
        }
        return true;
    }

    /** The keys in ascending order (how nft lists them). */
    public long[] sorted() {
        long[] out = new long[size];
        int n = 0;
        for (long s : slots) {
            if (s != EMPTY) {
                out[n++] = s;
            }
        }
        Arrays.sort(out);
        return out;
    }

    public void clear() {
        slots = newSlots(16);
        size = 0;
    }

    private void grow() {
        long[] old = slots;
        slots = newSlots(old.length * 2);
        size = 0;
        for (long s : old) {
            if (s != EMPTY) {
                add(s);
            }
        }
    }
}
