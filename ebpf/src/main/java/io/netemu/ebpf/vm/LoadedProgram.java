package io.netemu.ebpf.vm;

import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.isa.Opcodes;
import io.netemu.ebpf.map.BpfMap;

/**
 * A program ready to run: its instruction slots (entry program first, called subprograms
 * appended), the maps its {@code ld_imm64} pseudo forms name by index, and its id.
 *
 * <p>The slots are decoded once here into three parallel arrays, so the interpreter's loop does
 * one switch per instruction and never decodes bit fields, resolves a jump target or asks what
 * an offset means. Two extra slots after the program catch falling off its end and jumps that
 * leave it. Nothing is rejected here (that is the verifier's job): an instruction that makes no
 * sense becomes one that traps when, and only if, it is executed.
 */
public final class LoadedProgram {
    public final String name;
    public final long[] insns;
    public final BpfMap[] maps;
    public final int id;

    /**
     * Per slot, in one word so that dispatch reads one array: low half = operation ({@link Ops}
     * or the opcode byte) | dst << 16 | src << 20 (| a third register << 24 in
     * superinstructions); high half = memory offset, or the absolute target of a jump or local
     * call, or a map index, or an ALU instruction's imm (sparing ALU the second array).
     */
    final long[] ops;
    /** Per slot: imm sign-extended to 64 bits, or lddw's 64-bit constant (superinstructions: K). */
    final long[] immediates;
    // decoding's working arrays, per slot
    private final int[] code;
    private final int[] off;
    private final long[] imm;
    /** Per slot: why it traps, for slots decoded as {@link Ops#INVALID}; null elsewhere. */
    final String[] invalid;

    public LoadedProgram(String name, long[] insns, BpfMap[] maps, int id) {
        this.name = name;
        this.insns = insns.clone();
        this.maps = maps.clone();
        this.id = id;
        int n = insns.length;
        code = new int[n + 2];
        off = new int[n + 2];
        imm = new long[n + 2];
        invalid = new String[n + 2];
        code[n] = Ops.FELL_OFF;
        code[n + 1] = Ops.BAD_JUMP;
        for (int i = 0; i < n; i++) {
            if (decode(i)) i++; // lddw: the second slot stays INVALID, nothing may jump into it
        }
        fuse(n);
        ops = new long[n + 2];
        for (int i = 0; i < n + 2; i++) ops[i] = (code[i] & 0xffffffffL) | (long) off[i] << 32;
        immediates = imm;
    }

    /** The map a map-handle address (from ld_imm64 PSEUDO_MAP_FD) names, or null when it names none. */
    public BpfMap mapAt(long addr) {
        if ((addr >>> 32) != AddressSpace.MAP_HANDLE_TAG) return null;
        long i = addr & 0xffffffffL;
        return i < maps.length ? maps[(int) i] : null;
    }

    public int length() { return insns.length; }

    // The decoding, for the JIT: it translates exactly what the interpreter executes.

    /** Decoded slots: the program's, then the fell-off and bad-jump slots. */
    public int slots() { return ops.length; }

    /** Slot i's op word (see {@link #ops}). */
    public long op(int i) { return ops[i]; }

    /** Slot i's 64-bit immediate (see {@link #immediates}). */
    public long immediate(int i) { return immediates[i]; }

    /** This program as JVM bytecode, compiled on first use; null when it could not be compiled. */
    private volatile Object compiled;
    private static final Object NOT_COMPILABLE = new Object();

    io.netemu.ebpf.jit.JitProgram compiled() {
        Object c = compiled;
        if (c == null) {
            // the lookup gives the hidden class this package's access (the checked accessors are package-private)
            c = io.netemu.ebpf.jit.BpfJit.compile(this, java.lang.invoke.MethodHandles.lookup());
            compiled = c = c == null ? NOT_COMPILABLE : c;
        }
        return c == NOT_COMPILABLE ? null : (io.netemu.ebpf.jit.JitProgram) c;
    }

    /** Decodes slot i; true when it used the next slot too (lddw). */
    private boolean decode(int i) {
        long w = insns[i];
        int opc = Insn.opcode(w), dst = Insn.dst(w), src = Insn.src(w), o = Insn.off(w), k = Insn.imm(w);
        int n = insns.length;
        imm[i] = k;
        off[i] = o;
        if (dst > 10 || src > 10) return bad(i, "register number out of range (r" + Math.max(dst, src) + ")");
        int cls = opc & Opcodes.CLASS_MASK;
        int op;
        switch (cls) {
            case Opcodes.LD -> {
                if (opc != Opcodes.LDDW) { set(i, Ops.LD_LEGACY, dst, src); return false; }
                if (i + 1 >= n) return bad(i, "lddw without its second slot");
                invalid[i + 1] = "jump into the middle of lddw";
                code[i + 1] = Ops.INVALID;
                if (dst == 10) return bad(i, "write to the read-only frame pointer r10") || true;
                long hi = Insn.imm(insns[i + 1]);
                long k64 = (k & 0xffffffffL) | (hi << 32);
                switch (src) {
                    case 0 -> { set(i, Opcodes.LDDW, dst, 0); imm[i] = k64; }
                    case Opcodes.PSEUDO_MAP_FD -> {
                        if (k < 0 || k >= maps.length) return bad(i, "lddw names map " + k + " of " + maps.length) || true;
                        set(i, Opcodes.LDDW, dst, 0);
                        imm[i] = AddressSpace.mapHandle(k);
                    }
                    case Opcodes.PSEUDO_MAP_VALUE -> {
                        if (k < 0 || k >= maps.length) return bad(i, "lddw names map " + k + " of " + maps.length) || true;
                        set(i, Ops.LDDW_MAP_VALUE, dst, 0);
                        off[i] = k;
                        imm[i] = hi & 0xffffffffL;
                    }
                    case Opcodes.PSEUDO_FUNC -> {
                        int target = i + 1 + k;
                        if (target < 0 || target >= n) return bad(i, "function address outside the program") || true;
                        set(i, Opcodes.LDDW, dst, 0);
                        imm[i] = AddressSpace.codeAddress(target);
                    }
                    default -> { return bad(i, "lddw with unsupported src " + src) || true; }
                }
                return true;
            }
            case Opcodes.LDX -> {
                switch (opc) {
                    case 0x61, 0x69, 0x71, 0x79, 0x81, 0x89, 0x91 -> op = opc;
                    default -> { return bad(i, "invalid load opcode"); }
                }
                if (dst == 10) return bad(i, "write to the read-only frame pointer r10");
            }
            case Opcodes.ST -> {
                switch (opc) {
                    case 0x62, 0x6a, 0x72, 0x7a -> op = opc;
                    default -> { return bad(i, "invalid store opcode"); }
                }
            }
            case Opcodes.STX -> {
                switch (opc) {
                    case 0x63, 0x6b, 0x73, 0x7b -> op = opc;
                    case 0xc3, 0xdb -> {
                        int base = opc == 0xc3 ? Ops.A32_ADD : Ops.A64_ADD;
                        switch (k) {
                            case Opcodes.ADD -> op = base;
                            case Opcodes.OR -> op = base + 1;
                            case Opcodes.AND -> op = base + 2;
                            case Opcodes.XOR -> op = base + 3;
                            case Opcodes.ADD | Opcodes.ATOMIC_FETCH -> op = base + 4;
                            case Opcodes.OR | Opcodes.ATOMIC_FETCH -> op = base + 5;
                            case Opcodes.AND | Opcodes.ATOMIC_FETCH -> op = base + 6;
                            case Opcodes.XOR | Opcodes.ATOMIC_FETCH -> op = base + 7;
                            case Opcodes.ATOMIC_XCHG -> op = base + 8;
                            case Opcodes.ATOMIC_CMPXCHG -> op = base + 9;
                            default -> { return bad(i, "invalid atomic operation 0x" + Integer.toHexString(k)); }
                        }
                    }
                    default -> { return bad(i, "invalid store opcode"); }
                }
            }
            case Opcodes.ALU, Opcodes.ALU64 -> {
                int aop = opc & Opcodes.OP_MASK;
                if (dst == 10) return bad(i, "write to the read-only frame pointer r10");
                boolean is64 = cls == Opcodes.ALU64;
                switch (aop) {
                    case Opcodes.DIV, Opcodes.MOD -> {
                        if (o == 0) op = opc;
                        else if (o == 1) op = opc | Ops.SDIV_MOD_FLAG;
                        else return bad(i, "division with offset " + o);
                    }
                    case Opcodes.MOV -> {
                        if (o == 0) op = opc;
                        else if ((opc & Opcodes.SRC_MASK) == Opcodes.X && o == 8) op = is64 ? Ops.MOVSX8_64 : Ops.MOVSX8_32;
                        else if ((opc & Opcodes.SRC_MASK) == Opcodes.X && o == 16) op = is64 ? Ops.MOVSX16_64 : Ops.MOVSX16_32;
                        else if ((opc & Opcodes.SRC_MASK) == Opcodes.X && o == 32 && is64) op = Ops.MOVSX32_64;
                        else return bad(i, "mov with offset " + o);
                    }
                    case Opcodes.END -> {
                        int width = k == 16 ? 0 : k == 32 ? 1 : k == 64 ? 2 : -1;
                        if (width < 0) return bad(i, "byte swap of " + k + " bits");
                        if (opc == 0xd4) op = Ops.LE16 + width;
                        else if (opc == 0xdc || opc == 0xd7) op = Ops.SWAP16 + width;
                        else return bad(i, "invalid byte swap opcode");
                    }
                    case Opcodes.NEG -> {
                        if ((opc & Opcodes.SRC_MASK) != Opcodes.K) return bad(i, "neg with a source register");
                        op = opc;
                    }
                    case 0xe0, 0xf0 -> { return bad(i, "invalid ALU operation"); }
                    default -> op = opc;
                }
                // the interpreter takes an ALU immediate from the op word, sparing it the imm array
                if ((opc & Opcodes.SRC_MASK) == Opcodes.K) off[i] = k;
            }
            default -> { // JMP, JMP32
                int jop = opc & Opcodes.OP_MASK;
                boolean is32 = cls == Opcodes.JMP32;
                switch (jop) {
                    case Opcodes.JA -> {
                        if ((opc & Opcodes.SRC_MASK) != 0) return bad(i, "invalid ja");
                        op = Opcodes.JMP | Opcodes.JA;
                        off[i] = target(i, is32 ? k : o); // ja32 keeps its offset in imm
                    }
                    case Opcodes.CALL -> {
                        if (is32) return bad(i, "call in the JMP32 class");
                        if (opc == 0x8d) op = Ops.CALLX;
                        else if (src == 0) op = Ops.CALL_HELPER;
                        else if (src == Opcodes.PSEUDO_CALL) { op = Ops.CALL_LOCAL; off[i] = target(i, k); }
                        else return bad(i, "call with src " + src);
                    }
                    case Opcodes.EXIT -> {
                        if (is32 || opc != Opcodes.EXIT_INSN) return bad(i, "invalid exit");
                        op = opc;
                    }
                    case 0xe0, 0xf0 -> { return bad(i, "invalid jump operation"); }
                    default -> { op = opc; off[i] = target(i, o); }
                }
            }
        }
        set(i, op, dst, src);
        return false;
    }

    /**
     * Decodes clang's bounds-check idiom {@code mov64 rX, rY; add64 rX, K; j<op> rX, rZ, L} as
     * one superinstruction in its first slot ({@link Ops#LEA_JGT} and the others); the later two
     * slots stay as they are for jumps that land on them.
     */
    private void fuse(int n) {
        for (int i = 0; i + 2 < n; i++) {
            int mov = code[i], add = code[i + 1], jmp = code[i + 2];
            if ((mov & 0xffff) != 0xbf || (add & 0xffff) != 0x07) continue;
            int x = (mov >>> 16) & 15;
            if (((add >>> 16) & 15) != x || ((jmp >>> 16) & 15) != x) continue;
            int fused = switch (jmp & 0xffff) {
                case 0x2d -> Ops.LEA_JGT;
                case 0x3d -> Ops.LEA_JGE;
                case 0xad -> Ops.LEA_JLT;
                case 0xbd -> Ops.LEA_JLE;
                default -> 0;
            };
            if (fused == 0) continue;
            code[i] = fused | x << 16 | (mov >>> 20 & 15) << 20 | (jmp >>> 20 & 15) << 24;
            imm[i] = off[i + 1]; // add's K (ALU immediates live in off)
            off[i] = off[i + 2]; // the jump's absolute target
        }
    }

    private int target(int i, int rel) {
        long t = (long) i + 1 + rel;
        return t >= 0 && t < insns.length ? (int) t : insns.length + 1;
    }

    private void set(int i, int op, int dst, int src) {
        code[i] = op | dst << 16 | src << 20;
    }

    private boolean bad(int i, String why) {
        code[i] = Ops.INVALID;
        invalid[i] = why;
        return false;
    }
}
