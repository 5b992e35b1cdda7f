package io.netemu.ebpf.verifier;

/**
 * One register's abstract value, as {@code struct bpf_reg_state}. For a scalar the four bounds
 * are its value; for a pointer they are its variable offset (zero when the offset is a known
 * constant, which then lives in {@link #off}). Mutable: the walk updates registers in place and
 * copies whole states at branches.
 */
final class RegState {
    RegType type = RegType.NOT_INIT;
    /** Known part of a pointer's offset. */
    int off;
    long umin, umax, smin, smax;
    /** Shared by copies of one pointer, so a null check or a bounds check reaches all of them. */
    int id;
    /** Packet pointers: bytes past the pointer's variable base proven to lie before data_end. */
    int range;
    /** Map pointers and map value pointers: index into the program's map list. */
    int mapIndex = -1;
    /** Stack pointers: which call frame's stack. */
    int frameno;

    RegState copy() {
        RegState r = new RegState();
        r.set(this);
        return r;
    }

    void set(RegState o) {
        type = o.type; off = o.off; umin = o.umin; umax = o.umax; smin = o.smin; smax = o.smax;
        id = o.id; range = o.range; mapIndex = o.mapIndex; frameno = o.frameno;
    }

    void markNotInit() {
        clearPointerFields();
        type = RegType.NOT_INIT;
        umin = smin = umax = smax = 0;
    }

    void markUnknown() {
        clearPointerFields();
        type = RegType.SCALAR;
        umin = 0; umax = -1L; smin = Long.MIN_VALUE; smax = Long.MAX_VALUE;
    }

    void markConst(long v) {
        clearPointerFields();
        type = RegType.SCALAR;
        umin = umax = smin = smax = v;
    }

    /** An unknown value of {@code bits} width, zero-extended (a narrow load, a 32-bit ALU result). */
    void markUnknownBits(int bits) {
        if (bits >= 64) { markUnknown(); return; }
        clearPointerFields();
        type = RegType.SCALAR;
        umin = smin = 0;
        umax = smax = (1L << bits) - 1;
    }

    /** A pointer of this type at a known offset. */
    void markPointer(RegType t, int off) {
        clearPointerFields();
        type = t;
        this.off = off;
        umin = umax = smin = smax = 0;
    }

    private void clearPointerFields() {
        off = 0; id = 0; range = 0; mapIndex = -1; frameno = 0;
    }

    boolean isConst() { return type == RegType.SCALAR && umin == umax; }

    /** A pointer whose offset is fully known. */
    boolean hasConstOffset() { return umin == 0 && umax == 0; }

    boolean isUnknownScalar() {
        return type == RegType.SCALAR && umin == 0 && umax == -1L && smin == Long.MIN_VALUE && smax == Long.MAX_VALUE;
    }

    /** The kernel's short form, e.g. {@code scalar(umin=0,umax=255)} or {@code pkt(id=0,off=14,r=14)}. */
    @Override
    public String toString() {
        return switch (type) {
            case NOT_INIT -> "?";
            case SCALAR -> isConst() ? Long.toString(umin)
                    : "scalar(" + Bounds.describe(umin, umax, smin, smax) + ")";
            case PTR_TO_PACKET, PTR_TO_PACKET_META -> type.logName + "(id=" + id + ",off=" + off + ",r=" + range
                    + (hasConstOffset() ? "" : "," + Bounds.describe(umin, umax, smin, smax)) + ")";
            case PTR_TO_STACK -> "fp" + off;
            case CONST_PTR_TO_MAP -> "map_ptr(map=" + mapIndex + ")";
            case PTR_TO_MAP_VALUE, PTR_TO_MAP_VALUE_OR_NULL -> type.logName + "(map=" + mapIndex
                    + (id != 0 ? ",id=" + id : "") + ",off=" + off
                    + (hasConstOffset() ? "" : "," + Bounds.describe(umin, umax, smin, smax)) + ")";
            default -> type.logName + (off != 0 ? "(off=" + off + ")" : "");
        };
    }
}
