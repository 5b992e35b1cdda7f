package io.netemu.ebpf.vm;

/**
 * Pre-decoded operation codes. Most are the instruction's own opcode byte; the ones whose meaning
 * also depends on the offset, imm or src field (sdiv, movsx, byte swaps, atomics, calls, the
 * pseudo lddw forms) get a code of their own above 0xff, so the interpreter's single switch
 * never has to look at a second field to know what to do. Public for the JIT
 * ({@code io.netemu.ebpf.jit}), which translates the same decoding.
 */
public final class Ops {
    private Ops() {}

    public static final int INVALID = 0x100;        // not an instruction (or the second slot of lddw)
    public static final int FELL_OFF = 0x101;       // one slot past the end: the program has no exit there
    public static final int BAD_JUMP = 0x102;       // where a jump outside the program lands
    public static final int LDDW_MAP_VALUE = 0x103; // PSEUDO_MAP_VALUE: resolved per run through the map
    public static final int CALL_HELPER = 0x104;
    public static final int CALL_LOCAL = 0x105;
    public static final int CALLX = 0x106;
    public static final int LD_LEGACY = 0x107;      // ld_abs/ld_ind: socket-filter only, not for these hooks

    /**
     * Superinstructions: clang's packet bounds check {@code rX = rY; rX += K; if rX <op> rZ goto L}
     * (mov64 reg, add64 imm, an unsigned jump on rX against a register), three slots run by one
     * dispatch from the first. The two slots after it keep their own decoding, so a jump into
     * them still works; dst = X, src = Y, bits 24-27 = Z, imm = K, the high half = L.
     */
    public static final int LEA_JGT = 0x108, LEA_JGE = 0x109, LEA_JLT = 0x10a, LEA_JLE = 0x10b;

    // signed division (offset 1): the DIV/MOD opcode | 0x200
    public static final int SDIV_MOD_FLAG = 0x200;

    public static final int MOVSX8_32 = 0x110, MOVSX16_32 = 0x111, MOVSX8_64 = 0x112, MOVSX16_64 = 0x113,
            MOVSX32_64 = 0x114;

    public static final int LE16 = 0x118, LE32 = 0x119, LE64 = 0x11a, SWAP16 = 0x11b, SWAP32 = 0x11c, SWAP64 = 0x11d;

    // atomics: base + operation index, 32-bit then 64-bit
    public static final int A32_ADD = 0x120, A32_OR = 0x121, A32_AND = 0x122, A32_XOR = 0x123,
            A32_FADD = 0x124, A32_FOR = 0x125, A32_FAND = 0x126, A32_FXOR = 0x127,
            A32_XCHG = 0x128, A32_CMPXCHG = 0x129;
    public static final int A64_ADD = 0x130, A64_OR = 0x131, A64_AND = 0x132, A64_XOR = 0x133,
            A64_FADD = 0x134, A64_FOR = 0x135, A64_FAND = 0x136, A64_FXOR = 0x137,
            A64_XCHG = 0x138, A64_CMPXCHG = 0x139;
}
