package io.netemu.ebpf.isa;

/**
 * The opcode fields of RFC 9669 (the kernel's {@code BPF_*} constants): an opcode byte is
 * class | (size | mode) for loads and stores, class | op | source for ALU and jumps.
 */
public final class Opcodes {
    private Opcodes() {}

    // classes (low 3 bits)
    public static final int LD = 0x00, LDX = 0x01, ST = 0x02, STX = 0x03,
            ALU = 0x04, JMP = 0x05, JMP32 = 0x06, ALU64 = 0x07;
    public static final int CLASS_MASK = 0x07;

    // load/store size and mode
    public static final int W = 0x00, H = 0x08, B = 0x10, DW = 0x18;
    public static final int SIZE_MASK = 0x18;
    public static final int IMM = 0x00, ABS = 0x20, IND = 0x40, MEM = 0x60, MEMSX = 0x80, ATOMIC = 0xc0;
    public static final int MODE_MASK = 0xe0;

    // ALU and jump source
    public static final int K = 0x00, X = 0x08;
    public static final int SRC_MASK = 0x08;
    public static final int OP_MASK = 0xf0;

    // ALU operations
    public static final int ADD = 0x00, SUB = 0x10, MUL = 0x20, DIV = 0x30, OR = 0x40, AND = 0x50,
            LSH = 0x60, RSH = 0x70, NEG = 0x80, MOD = 0x90, XOR = 0xa0, MOV = 0xb0, ARSH = 0xc0, END = 0xd0;

    // jump operations
    public static final int JA = 0x00, JEQ = 0x10, JGT = 0x20, JGE = 0x30, JSET = 0x40, JNE = 0x50,
            JSGT = 0x60, JSGE = 0x70, CALL = 0x80, EXIT = 0x90, JLT = 0xa0, JLE = 0xb0, JSLT = 0xc0, JSLE = 0xd0;

    // atomic operations (in imm)
    public static final int ATOMIC_FETCH = 0x01, ATOMIC_XCHG = 0xe0 | ATOMIC_FETCH, ATOMIC_CMPXCHG = 0xf0 | ATOMIC_FETCH;

    /** Source register values with a special meaning on {@code ld_imm64} (opcode 0x18). */
    public static final int PSEUDO_MAP_FD = 1, PSEUDO_MAP_VALUE = 2, PSEUDO_BTF_ID = 3,
            PSEUDO_FUNC = 4, PSEUDO_MAP_IDX = 5, PSEUDO_MAP_IDX_VALUE = 6;

    /** Source register of a call instruction: 0 = helper, 1 = bpf-to-bpf (imm = relative slot). */
    public static final int PSEUDO_CALL = 1;

    public static final int LDDW = LD | DW | IMM; // 0x18
    public static final int CALL_INSN = JMP | CALL; // 0x85
    public static final int EXIT_INSN = JMP | EXIT; // 0x95
}
