package io.netemu.ebpf.verifier;

import java.util.Arrays;

/**
 * One call frame's 512-byte stack, tracked byte by byte (as the kernel's {@code slot_type}):
 * never written, written with plain data, or part of an 8-byte register spill whose register
 * state is kept so that a fill gives the pointer back.
 */
final class StackState {
    static final int MAX_STACK = 512;
    static final byte INVALID = 0, MISC = 1, SPILL = 2;

    /** Index 0 is the byte at fp-512, index 511 the byte at fp-1. */
    final byte[] bytes;
    final RegState[] spills;

    StackState() {
        bytes = new byte[MAX_STACK];
        spills = new RegState[MAX_STACK / 8];
    }

    private StackState(StackState o) {
        bytes = o.bytes.clone();
        spills = new RegState[o.spills.length];
        for (int i = 0; i < spills.length; i++) if (o.spills[i] != null) spills[i] = o.spills[i].copy();
    }

    StackState copy() { return new StackState(this); }

    static int index(int fpOff) { return MAX_STACK + fpOff; }

    /** The 8-byte slot holding the byte at this fp offset. */
    static int slot(int fpOff) { return index(fpOff) / 8; }

    /** Stores an 8-byte aligned register spill. */
    void spill(int fpOff, RegState r) {
        int i = index(fpOff);
        Arrays.fill(bytes, i, i + 8, SPILL);
        spills[i / 8] = r.copy();
    }

    /** Marks bytes as plain data; a spill partly overwritten degrades to plain data as a whole. */
    void writeMisc(int fpOff, int size) {
        int i = index(fpOff);
        for (int s = i / 8; s <= (i + size - 1) / 8; s++) {
            if (spills[s] != null) {
                spills[s] = null;
                for (int k = s * 8; k < s * 8 + 8; k++) if (bytes[k] == SPILL) bytes[k] = MISC;
            }
        }
        Arrays.fill(bytes, i, i + size, MISC);
    }

    /** The spilled register if [fpOff, fpOff+size) is exactly one whole spill slot. */
    RegState spilledAt(int fpOff, int size) {
        int i = index(fpOff);
        if (size != 8 || (i & 7) != 0 || bytes[i] != SPILL) return null;
        return spills[i / 8];
    }

    /** A spill slot that this access touches, or null. */
    RegState anySpillTouched(int fpOff, int size) {
        int i = index(fpOff);
        for (int s = i / 8; s <= (i + size - 1) / 8; s++) if (spills[s] != null) return spills[s];
        return null;
    }

    /** First byte in the range never written, as an offset from fpOff, or -1 when all are. */
    int firstUninit(int fpOff, int size) {
        int i = index(fpOff);
        for (int k = 0; k < size; k++) if (bytes[i + k] == INVALID) return k;
        return -1;
    }

    /** How deep this frame's stack has been touched, in bytes (for the combined-depth check). */
    int depth() {
        for (int i = 0; i < MAX_STACK; i++) if (bytes[i] != INVALID) return MAX_STACK - i;
        return 0;
    }
}
