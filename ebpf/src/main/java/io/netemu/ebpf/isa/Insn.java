package io.netemu.ebpf.isa;

/**
 * One instruction slot, as {@code struct bpf_insn} lays it out in a little-endian 64-bit word:
 * bits 0-7 opcode, 8-11 dst, 12-15 src, 16-31 offset (signed), 32-63 imm (signed).
 * Programs are kept as {@code long[]} of such words; this record is the decoded view.
 */
public record Insn(int opcode, int dst, int src, short off, int imm) {

    public static int opcode(long w) { return (int) (w & 0xff); }
    public static int dst(long w) { return (int) ((w >>> 8) & 0xf); }
    public static int src(long w) { return (int) ((w >>> 12) & 0xf); }
    public static short off(long w) { return (short) (w >>> 16); }
    public static int imm(long w) { return (int) (w >>> 32); }

    public static Insn decode(long w) {
        return new Insn(opcode(w), dst(w), src(w), off(w), imm(w));
    }

    public static long encode(int opcode, int dst, int src, int off, int imm) {
        return (opcode & 0xffL) | ((dst & 0xfL) << 8) | ((src & 0xfL) << 12)
                | ((off & 0xffffL) << 16) | ((long) imm << 32);
    }

    public long encode() { return encode(opcode, dst, src, off, imm); }

    /** The slot word with a new imm, as relocation rewrites it. */
    public static long withImm(long w, int imm) { return (w & 0xffffffffL) | ((long) imm << 32); }

    /** The slot word with a new src register field. */
    public static long withSrc(long w, int src) { return (w & ~0xf000L) | ((src & 0xfL) << 12); }
}
