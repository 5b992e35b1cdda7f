package io.netemu.ebpf.vm;

import java.util.Arrays;

/**
 * The memory a program sees, as 64-bit addresses: the high 32 bits name a region, the low 32
 * bits are the position in it. Regions are the packet, the stack frames, the context, a plain
 * "mem" buffer (conformance tests) and every map value a lookup handed out during the run.
 *
 * <p>The packet is region 0 so its addresses are below 2^32: XDP programs load
 * {@code xdp_md.data} and {@code data_end} as 32-bit fields and use them as pointers. Its
 * addresses start at {@link #PACKET_BASE}, so null and small integers point into no packet byte.
 * Map handles and function addresses carry tags past every region, so using them as memory
 * traps instead of reading something.
 *
 * <p>Every access checks its region's bounds [lo, hi) (the packet's move with adjust_head/tail,
 * the stack's with the call depth) and whether the region is writable. One instance belongs to
 * one {@link Interpreter}: not thread-safe.
 */
public final class AddressSpace {
    public static final int PACKET = 0, STACK = 1, CTX = 2, MEM = 3, FIRST_VALUE = 4;
    /**
     * Where every region's positions start in the low half of an address: high enough that null
     * is never in the packet and that a pointer moved below a region's start stays in its region
     * (and is reported as out of its bounds) instead of borrowing from the tag.
     */
    public static final long REGION_BASE = 0x1000_0000L;
    /** Address of packet buffer byte 0. */
    public static final long PACKET_BASE = REGION_BASE;
    static final long MAP_HANDLE_TAG = 0x4000_0000L, CODE_TAG = 0x4000_0001L;
    private static final int MAX_VALUE_REGIONS = 1 << 16;

    /** One region: array index = (int) address + base, valid indexes [lo, hi). */
    static final class Region {
        byte[] array;
        int base, lo, hi;
        boolean writable;
    }

    private Region[] regions = newRegions(new Region[0], 16);
    int count = FIRST_VALUE;
    /** Set by any store into the packet, so the XDP runner knows whether the frame changed. */
    public boolean packetWritten;

    private static Region[] newRegions(Region[] old, int n) {
        Region[] r = Arrays.copyOf(old, n);
        for (int t = old.length; t < n; t++) r[t] = new Region();
        return r;
    }

    public static long mapHandle(int index) { return MAP_HANDLE_TAG << 32 | index; }

    public static long codeAddress(int slot) { return CODE_TAG << 32 | slot; }

    /** The address of a region's position (as {@link #setRegion} numbers them). */
    public static long address(int region, int position) { return (long) region << 32 | (REGION_BASE + position); }

    // The packet region again, as plain fields: XDP programs read the packet most, and this
    // spares those reads the table lookups.
    private byte[] pkt;
    private int pktBase, pktLo, pktHi;
    /** While the packet is lent ({@link #lendPacket}): what makes it the owner's before a write. */
    private Runnable beforePacketWrite;

    private void mirrorPacket() {
        Region g = regions[PACKET];
        pkt = g.array;
        pktBase = g.base;
        pktLo = g.lo;
        pktHi = g.hi;
    }

    /** Forgets the map values of the previous run. */
    void resetValues() {
        for (int t = FIRST_VALUE; t < count; t++) regions[t].array = null; // let the map's storage go
        count = FIRST_VALUE;
        packetWritten = false;
    }

    /**
     * Makes {@code buf[from .. to)} a region; position 0 ({@code address(region, 0)}) is
     * {@code buf[offset]}.
     */
    public void setRegion(int region, byte[] buf, int offset, int from, int to, boolean canWrite) {
        if (region == PACKET) beforePacketWrite = null;
        Region g = regions[region];
        g.array = buf;
        g.base = offset - (int) REGION_BASE;
        g.lo = from;
        g.hi = to;
        g.writable = canWrite;
        if (region == PACKET) mirrorPacket();
    }

    /**
     * Makes someone else's bytes the packet region (as {@link #setRegion}, writable), lent until
     * the first write into it: that write first runs {@code unshare}, which must copy the bytes
     * to a buffer of the owner's and make that the packet region at the same positions (by
     * {@link #setRegion}). A program that only reads the packet never has it copied.
     */
    public void lendPacket(byte[] buf, int offset, int from, int to, Runnable unshare) {
        setRegion(PACKET, buf, offset, from, to, true);
        beforePacketWrite = unshare;
    }

    /** Narrows or widens the valid part of a region (packet after adjust, stack after a call). */
    public void setBounds(int region, int from, int to) {
        Region g = regions[region];
        g.lo = from;
        g.hi = to;
        if (region == PACKET) mirrorPacket();
    }

    public void clearRegion(int region) {
        Region g = regions[region];
        g.array = null;
        g.lo = 0;
        g.hi = 0;
        if (region == PACKET) mirrorPacket();
    }

    /**
     * The address of a map value (its byte 0), registering it as a region for this run. The
     * same value looked up twice gets the same address.
     */
    public long mapValue(byte[] buf, int offset, int size, boolean canWrite) {
        for (int t = FIRST_VALUE; t < count; t++) {
            Region g = regions[t];
            if (g.array == buf && g.lo == offset && g.hi == offset + size) return address(t, 0);
        }
        if (count == MAX_VALUE_REGIONS) throw new Trap("too many map values looked up in one run");
        if (count == regions.length) regions = newRegions(regions, regions.length * 2);
        int t = count++;
        Region g = regions[t];
        g.array = buf;
        g.base = offset - (int) REGION_BASE;
        g.lo = offset;
        g.hi = offset + size;
        g.writable = canWrite;
        return address(t, 0);
    }

    /** The region of a readable {@code size}-byte access at {@code a}; traps otherwise. */
    private Region readable(long a, int size) {
        long t = a >>> 32;
        if (t >= count) throw fault(a, size, "read");
        Region g = regions[(int) t];
        int i = (int) a + g.base;
        if (i < g.lo || i > g.hi - size) throw fault(a, size, "read");
        return g;
    }

    /** The region of a writable {@code size}-byte access at {@code a}; traps otherwise. */
    private Region writable(long a, int size) {
        long t = a >>> 32;
        if (t >= count) throw fault(a, size, "write");
        Region g = regions[(int) t];
        int i = (int) a + g.base;
        if (i < g.lo || i > g.hi - size || !g.writable) throw fault(a, size, "write");
        if (t == PACKET) {
            if (beforePacketWrite != null) beforePacketWrite.run(); // g now holds the owner's copy
            packetWritten = true;
        }
        return g;
    }

    /** The array index of a readable {@code size}-byte access at {@code a}; traps otherwise. */
    public int read(long a, int size) { return (int) a + readable(a, size).base; }

    /** The array index of a writable {@code size}-byte access at {@code a}; traps otherwise. */
    public int write(long a, int size) { return (int) a + writable(a, size).base; }

    // Typed accesses for the interpreter; sign-extended, the caller masks for zero extension.
    // The packet first, from its mirrored fields; any other region through its Region.
    long load8(long a) {
        int i = (int) a + pktBase;
        if ((a >>> 32) == PACKET && i >= pktLo && i < pktHi) return pkt[i];
        Region g = readable(a, 1);
        return g.array[(int) a + g.base];
    }

    long load16(long a) {
        int i = (int) a + pktBase;
        if ((a >>> 32) == PACKET && i >= pktLo && i <= pktHi - 2) return (short) Atomics.I16.get(pkt, i);
        Region g = readable(a, 2);
        return (short) Atomics.I16.get(g.array, (int) a + g.base);
    }

    long load32(long a) {
        int i = (int) a + pktBase;
        if ((a >>> 32) == PACKET && i >= pktLo && i <= pktHi - 4) return (int) Atomics.I32.get(pkt, i);
        Region g = readable(a, 4);
        return (int) Atomics.I32.get(g.array, (int) a + g.base);
    }

    long load64(long a) { Region g = readable(a, 8); return (long) Atomics.I64.get(g.array, (int) a + g.base); }
    void store8(long a, int v) { Region g = writable(a, 1); g.array[(int) a + g.base] = (byte) v; }
    void store16(long a, int v) { Region g = writable(a, 2); Atomics.I16.set(g.array, (int) a + g.base, (short) v); }
    void store32(long a, int v) { Region g = writable(a, 4); Atomics.I32.set(g.array, (int) a + g.base, v); }
    void store64(long a, long v) { Region g = writable(a, 8); Atomics.I64.set(g.array, (int) a + g.base, v); }

    /** The array behind an address that {@link #read} or {@link #write} accepted. */
    public byte[] arrayOf(long a) { return regions[(int) (a >>> 32)].array; }

    /** Copies {@code len} readable bytes at {@code a} into {@code dst}. */
    public void copyOut(long a, byte[] dst, int dstOff, int len) {
        if (len == 0) return;
        int i = read(a, len);
        System.arraycopy(arrayOf(a), i, dst, dstOff, len);
    }

    Trap fault(long a, int size, String what) {
        long t = a >>> 32;
        String where;
        if (t == MAP_HANDLE_TAG) where = "a map handle is not memory";
        else if (t == CODE_TAG) where = "a function address is not memory";
        else if (t == PACKET && (a & 0xffffffffL) < PACKET_BASE) where = (a & 0xffffffffL) < 4096 ? "null pointer dereference" : "not a pointer";
        else if (t >= count) where = "outside any region";
        else if (!regions[(int) t].writable && what.equals("write") && inBounds(a, size)) where = regionName((int) t) + " is read-only";
        else where = "outside the " + regionName((int) t) + " bounds";
        return new Trap("invalid " + what + " of " + size + " bytes at 0x" + Long.toHexString(a) + ": " + where);
    }

    private boolean inBounds(long a, int size) {
        Region g = regions[(int) (a >>> 32)];
        int i = (int) a + g.base;
        return i >= g.lo && i <= g.hi - size;
    }

    static String regionName(int r) {
        return switch (r) {
            case PACKET -> "packet";
            case STACK -> "stack";
            case CTX -> "context";
            case MEM -> "memory";
            default -> "map value";
        };
    }
}
