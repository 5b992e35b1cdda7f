package io.netemu.ebpf.verifier;

import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.MapType;

/**
 * Loads and stores through a pointer register, as the kernel's {@code check_mem_access}: each
 * pointer kind has its own idea of which bytes are there, and scalars point nowhere.
 */
final class MemAccess {
    private MemAccess() {}

    /** Largest offset a pointer may carry before the kernel calls it out of bounds. */
    static final long MAX_VAR_OFF = 1L << 29;
    static final int MAX_PACKET_OFF = 0xffff;

    enum Kind { READ, WRITE }

    /**
     * Checks an access of {@code size} bytes at {@code insnOff} from register {@code regno}.
     * A read sets {@code dstRegno} (when >= 0) to what was loaded; a write of a register spills
     * {@code valRegno}, a write of an immediate ({@code valRegno < 0}) stores {@code imm}.
     */
    static void access(Env env, VerifierState st, int regno, int insnOff, int size, Kind kind,
                       int valRegno, long imm, int dstRegno) {
        RegState base = Env.readable(st, regno);
        boolean write = kind == Kind.WRITE;
        RegState loaded = new RegState();
        switch (base.type) {
            case PTR_TO_STACK -> stack(st, base, regno, insnOff, size, write, valRegno, imm, loaded);
            case PTR_TO_CTX -> ctx(env, base, regno, insnOff, size, write, loaded);
            case PTR_TO_PACKET, PTR_TO_PACKET_META -> {
                if (write && valRegno >= 0 && st.reg(valRegno).type.isPointer())
                    throw Env.fail("R" + valRegno + " leaks addr into packet");
                packet(base, regno, base.off + insnOff, size);
                loaded.markUnknownBits(size * 8);
            }
            case PTR_TO_MAP_VALUE -> {
                if (write && valRegno >= 0 && st.reg(valRegno).type.isPointer())
                    throw Env.fail("R" + valRegno + " leaks addr into map");
                mapValue(env, base, regno, insnOff, size, write);
                loaded.markUnknownBits(size * 8);
            }
            default -> throw Env.fail("R" + regno + " invalid mem access '" + base.type.logName + "'");
        }
        if (!write && dstRegno >= 0) st.reg(dstRegno).set(loaded);
    }

    private static void stack(VerifierState st, RegState base, int regno, int insnOff, int size, boolean write,
                              int valRegno, long imm, RegState loaded) {
        int off = stackOff(base, regno, insnOff, size, write);
        StackState stk = st.frames.get(base.frameno).stack;
        if (write) {
            if (valRegno >= 0) {
                RegState v = st.reg(valRegno);
                if (size == 8 && (off & 7) == 0) stk.spill(off, v);
                else if (v.type.isPointer()) throw Env.fail("invalid size of register spill");
                else stk.writeMisc(off, size);
            } else if (size == 8 && (off & 7) == 0) {
                RegState c = new RegState();
                c.markConst(imm);
                stk.spill(off, c);
            } else stk.writeMisc(off, size);
            return;
        }
        RegState spilled = stk.spilledAt(off, size);
        if (spilled != null) { loaded.set(spilled); return; }
        RegState touched = stk.anySpillTouched(off, size);
        if (touched != null && touched.type.isPointer()) throw Env.fail("invalid size of register fill");
        int bad = stk.firstUninit(off, size);
        if (bad >= 0) throw Env.fail("invalid read from stack off " + off + "+" + bad + " size " + size);
        // The low bytes of a spilled constant sit at its lowest address (little-endian).
        if (touched != null && touched.isConst() && (StackState.index(off) & 7) == 0) {
            loaded.markConst(size == 8 ? touched.umin : touched.umin & ((1L << (size * 8)) - 1));
        } else loaded.markUnknownBits(size * 8);
    }

    /** The frame offset of a stack access, after checking it lies in the frame and is aligned. */
    static int stackOff(RegState base, int regno, int insnOff, int size, boolean write) {
        if (!base.hasConstOffset())
            throw Env.fail("variable stack access prohibited, R" + regno + " var_off=" + Bounds.describe(base.umin, base.umax, base.smin, base.smax));
        long off = (long) base.off + insnOff;
        if (off < -StackState.MAX_STACK || off + size > 0)
            throw Env.fail("invalid " + (write ? "write to" : "read from") + " stack R" + regno + " off=" + off + " size=" + size);
        if (off % size != 0)
            throw Env.fail("misaligned stack access off " + base.off + "+" + insnOff + " size " + size);
        return (int) off;
    }

    private static void ctx(Env env, RegState base, int regno, int insnOff, int size, boolean write, RegState loaded) {
        if (base.off != 0 || !base.hasConstOffset())
            throw Env.fail("dereference of modified ctx ptr R" + regno + " off=" + base.off + " disallowed");
        // struct xdp_md: read-only u32 fields; data, data_end and data_meta load as packet pointers.
        if (write || size != 4 || insnOff < 0 || insnOff >= env.type.ctxSize || (insnOff & 3) != 0)
            throw Env.fail("invalid bpf_context access off=" + insnOff + " size=" + size);
        switch (insnOff) {
            case 0 -> loaded.markPointer(RegType.PTR_TO_PACKET, 0);
            case 4 -> loaded.markPointer(RegType.PTR_TO_PACKET_END, 0);
            case 8 -> loaded.markPointer(RegType.PTR_TO_PACKET_META, 0);
            default -> loaded.markUnknownBits(32);
        }
    }

    /** {@code off} is the pointer's fixed offset plus the instruction's. */
    static void packet(RegState base, int regno, int off, int size) {
        if (base.smin < 0)
            throw Env.fail("R" + regno + " min value is negative, either use unsigned index or do a if (index >=0) check.");
        if (off < 0 || (long) off + size > base.range) {
            throw Env.fail("invalid access to packet, off=" + off + " size=" + size + ", R" + regno + "(id=" + base.id
                    + ",off=" + off + ",r=" + base.range + ")\nR" + regno + " offset is outside of the packet");
        }
    }

    static void mapValue(Env env, RegState base, int regno, long insnOff, long size, boolean write) {
        MapSpec m = env.maps.get(base.mapIndex);
        long off = base.off + insnOff;
        if (write && ((m.flags() & MapSpec.F_RDONLY_PROG) != 0 || m.type() == MapType.DEVMAP || m.type() == MapType.DEVMAP_HASH))
            throw Env.fail("write into map forbidden, value_size=" + m.valueSize() + " off=" + off + " size=" + size);
        String head = "invalid access to map value, value_size=" + m.valueSize() + " off=" + off + " size=" + size;
        if (base.hasConstOffset()) {
            if (off < 0 || off + size > m.valueSize()) throw Env.fail(head);
            return;
        }
        if (base.smin < 0 && off + base.smin < 0)
            throw Env.fail(head + "\nR" + regno + " min value is outside of the allowed memory range");
        if (Long.compareUnsigned(base.umax, MAX_VAR_OFF) >= 0)
            throw Env.fail("R" + regno + " unbounded memory access, make sure to bounds check any such access");
        if (off + base.umax + size > m.valueSize())
            throw Env.fail(head + "\nR" + regno + " max value is outside of the allowed memory range");
    }
}
