package io.netemu.ebpf.jit;

import static org.objectweb.asm.Opcodes.*;

import io.netemu.ebpf.vm.AddressSpace;
import io.netemu.ebpf.vm.Interpreter;
import io.netemu.ebpf.vm.LoadedProgram;
import io.netemu.ebpf.vm.Ops;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * One program's translation: a class with one method, {@link JitProgram#run}, whose locals are
 * the eleven registers. Code is laid out per basic block (a jump target or a conditional jump's
 * fall-through starts one); each block first takes its instruction count from the budget, or,
 * when that is short, hands the whole rest of the run to the interpreter from the block's first
 * slot, which then stops at exactly the instruction it would have stopped at. Every ALU form is
 * written as the interpreter's expression for it (the same Java operators, the same division
 * helpers), so the edge cases (division by zero, INT_MIN / -1, shift masks, zero extension) come
 * out identical. Instructions that may trap sit in an exception range whose handler records their
 * index in the interpreter before the trap goes on.
 */
final class Translator {
    private static final String VM = "io/netemu/ebpf/vm/Interpreter";
    private static final String MEM = "io/netemu/ebpf/vm/AddressSpace";
    private static final String PROG = "io/netemu/ebpf/vm/LoadedProgram";
    private static final long U32 = 0xffffffffL;

    // locals: this, vm, m, then the registers (r1 and r2 are parameters), the budget, a deopt pc
    private static final int VMV = 1, M = 2, BUDGET = 7, DPC = 27;
    private static final int[] REG = {9, 3, 5, 11, 13, 15, 17, 19, 21, 23, 25};

    private final LoadedProgram p;
    private final String className;
    private final int slots;
    private final Label[] labels;
    private final boolean[] leader;
    private final Label deopt = new Label(), tailDeopt = new Label();
    private boolean usesTail;
    private final List<Label> handlers = new ArrayList<>();
    private final List<Integer> handlerPcs = new ArrayList<>();
    private MethodVisitor mv;

    Translator(LoadedProgram p, String pkg) {
        this.p = p;
        this.className = pkg.replace('.', '/') + "/BpfJitProgram";
        slots = p.slots();
        labels = new Label[slots];
        leader = new boolean[slots];
        for (int i = 0; i < slots; i++) labels[i] = new Label();
    }

    private int code(int i) { return (int) p.op(i) & 0xffff; }

    private int dst(int i) { return ((int) p.op(i) >>> 16) & 15; }

    private int src(int i) { return ((int) p.op(i) >>> 20) & 15; }

    /** The high half of the op word: offset, jump target, ALU immediate or map index. */
    private int hi(int i) { return (int) (p.op(i) >> 32); }

    private static boolean lddw(int c) { return c == 0x18 || c == Ops.LDDW_MAP_VALUE; }

    private int next(int i) { return lddw(code(i)) ? i + 2 : i + 1; }

    /** JMP / JMP32 with a condition (ja, call and exit are decoded to other codes or are 0x05, 0x95). */
    private static boolean conditional(int c) {
        int cls = c & 7;
        return c < 0x100 && (cls == 5 || cls == 6) && c != 0x05 && c != 0x95;
    }

    /** Whether slot code c is translated; the others (bad slots, calls) go to the interpreter. */
    private static boolean translated(int c) {
        if (c >= Ops.SDIV_MOD_FLAG) return true; // sdiv/smod
        if (c < 0x100) {
            int cls = c & 7;
            // ALU, ALU64, loads, stores, the jumps; legacy LD and invalid codes never reach here as such
            return cls == 4 || cls == 7 || cls == 1 || cls == 2 || cls == 3 || cls == 5 || cls == 6 || c == 0x18;
        }
        return c == Ops.LDDW_MAP_VALUE || c == Ops.CALL_HELPER || (c >= Ops.LEA_JGT && c <= Ops.LEA_JLE)
                || (c >= Ops.MOVSX8_32 && c <= Ops.MOVSX32_64) || (c >= Ops.LE16 && c <= Ops.SWAP64)
                || (c >= Ops.A32_ADD && c <= Ops.A32_CMPXCHG) || (c >= Ops.A64_ADD && c <= Ops.A64_CMPXCHG);
    }

    /** Ends a block: nothing falls through it. */
    private static boolean terminator(int c) { return c == 0x05 || c == 0x95 || !translated(c); }

    /** The class file, or null when the method's code would exceed maxCode bytes. */
    byte[] classBytes(int maxCode) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
        };
        cw.visit(V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, className, null, "java/lang/Object",
                new String[] {"io/netemu/ebpf/jit/JitProgram"});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        mv = cw.visitMethod(ACC_PUBLIC, "run", "(L" + VM + ";L" + MEM + ";JJJ)J", null, null);
        mv.visitCode();
        for (int r : new int[] {0, 3, 4, 5, 6, 7, 8, 9}) { mv.visitInsn(LCONST_0); st(r); }
        lc(AddressSpace.address(AddressSpace.STACK, Interpreter.STACK_SIZE));
        st(10);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, DPC);
        findLeaders();
        for (int i = 0; i < slots; i++) if (leader[i]) block(i);
        exits();
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        if (end.getOffset() > maxCode) return null;
        return cw.toByteArray();
    }

    private void findLeaders() {
        leader[0] = true;
        for (int i = 0; i < slots; i++) {
            int c = code(i);
            if (c == 0x05 || conditional(c)) leader[hi(i)] = true;
            if (conditional(c)) leader[next(i)] = true;
        }
    }

    /** A basic block from leader i: a budget check, then its slots along the fall-through chain. */
    private void block(int i) {
        List<Integer> chain = new ArrayList<>();
        int j = i, fallThrough = -1;
        for (;;) {
            chain.add(j);
            int c = code(j);
            if (terminator(c) || conditional(c)) break;
            j = next(j);
            if (leader[j]) { fallThrough = j; break; }
        }
        int len = chain.size();
        mv.visitLabel(labels[i]);
        Label fits = new Label();
        mv.visitVarInsn(LLOAD, BUDGET);
        lc(len);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFGE, fits);
        ic(i);
        mv.visitVarInsn(ISTORE, DPC);
        mv.visitJumpInsn(GOTO, deopt);
        mv.visitLabel(fits);
        addBudget(-len);
        for (int k = 0; k < len; k++) insn(chain.get(k), len - k);
        if (fallThrough >= 0) mv.visitJumpInsn(GOTO, labels[fallThrough]);
    }

    private void addBudget(long delta) {
        if (delta == 0) return;
        mv.visitVarInsn(LLOAD, BUDGET);
        lc(delta);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, BUDGET);
    }

    /**
     * Slot i; {@code unspent} is how many of the block's instructions, this one included, the
     * budget was charged for in advance (what to give back when the interpreter takes over here).
     */
    private void insn(int i, int unspent) {
        int c = code(i), d = dst(i), s = src(i), o = hi(i);
        long imm = p.immediate(i);
        if (alu64(c, d, s, o) || alu32(c, d, s, o) || jump(c, i, d, s, o, imm)) return;
        switch (c) {
            case 0x61, 0x69, 0x71, 0x79, 0x81, 0x89, 0x91 -> trapping(i, () -> load(c, d, s, o));
            case 0x62, 0x6a, 0x72, 0x7a, 0x63, 0x6b, 0x73, 0x7b -> trapping(i, () -> store(c, d, s, o, imm));
            case 0x18 -> { lc(imm); st(d); }
            case Ops.LDDW_MAP_VALUE -> trapping(i, () -> {
                mv.visitVarInsn(ALOAD, VMV);
                ic(o);
                mv.visitMethodInsn(INVOKEVIRTUAL, VM, "globalData", "(I)J", false);
                lc(imm);
                mv.visitInsn(LADD);
                st(d);
            });
            case Ops.LEA_JGT, Ops.LEA_JGE, Ops.LEA_JLT, Ops.LEA_JLE -> { ld(s); st(d); } // its own slot: the mov
            case Ops.CALL_HELPER -> {
                trapping(i, () -> {
                    mv.visitVarInsn(ALOAD, VMV);
                    lc(imm);
                    for (int r = 1; r <= 5; r++) ld(r);
                    mv.visitMethodInsn(INVOKEVIRTUAL, VM, "callHelper", "(JJJJJJ)J", false);
                    st(0);
                });
                // bpf_tail_call succeeded: the rest of the run is the target's, interpreted
                Label go = new Label();
                mv.visitVarInsn(ALOAD, VMV);
                mv.visitFieldInsn(GETFIELD, VM, "pendingTail", "L" + PROG + ";");
                mv.visitJumpInsn(IFNULL, go);
                addBudget(unspent - 1);
                mv.visitJumpInsn(GOTO, tailDeopt);
                mv.visitLabel(go);
                usesTail = true;
            }
            case 0x95 -> { ld(0); mv.visitInsn(LRETURN); }
            default -> {
                if (c >= Ops.A32_ADD && c <= Ops.A64_CMPXCHG && translated(c)) { trapping(i, () -> atomic(c, d, s, o)); return; }
                // not translated: the interpreter runs this slot (and the rest), charging it itself
                ic(i);
                mv.visitVarInsn(ISTORE, DPC);
                addBudget(unspent);
                mv.visitJumpInsn(GOTO, deopt);
            }
        }
    }

    private void trapping(int pc, Runnable body) {
        Label start = new Label(), end = new Label(), handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, null);
        mv.visitLabel(start);
        body.run();
        mv.visitLabel(end);
        handlers.add(handler);
        handlerPcs.add(pc);
    }

    /** The shared tails: hand over to the interpreter, and the trap handlers. */
    private void exits() {
        mv.visitLabel(deopt);
        saveRegisters();
        mv.visitVarInsn(ALOAD, VMV);
        mv.visitVarInsn(ILOAD, DPC);
        mv.visitVarInsn(LLOAD, BUDGET);
        mv.visitMethodInsn(INVOKEVIRTUAL, VM, "resume", "(IJ)J", false);
        mv.visitInsn(LRETURN);
        if (usesTail) {
            mv.visitLabel(tailDeopt);
            saveRegisters();
            mv.visitVarInsn(ALOAD, VMV);
            mv.visitVarInsn(LLOAD, BUDGET);
            mv.visitMethodInsn(INVOKEVIRTUAL, VM, "resumeTail", "(J)J", false);
            mv.visitInsn(LRETURN);
        }
        for (int k = 0; k < handlers.size(); k++) {
            mv.visitLabel(handlers.get(k));
            mv.visitVarInsn(ALOAD, VMV);
            ic(handlerPcs.get(k));
            mv.visitMethodInsn(INVOKEVIRTUAL, VM, "trapAt", "(I)V", false);
            mv.visitInsn(ATHROW);
        }
    }

    private void saveRegisters() {
        for (int r = 0; r <= 10; r++) {
            mv.visitVarInsn(ALOAD, VMV);
            mv.visitFieldInsn(GETFIELD, VM, "r", "[J");
            ic(r);
            ld(r);
            mv.visitInsn(LASTORE);
        }
    }

    // ---- ALU

    private boolean alu64(int c, int d, int s, int o) {
        int op = switch (c) {
            case 0x07, 0x0f -> LADD;
            case 0x17, 0x1f -> LSUB;
            case 0x27, 0x2f -> LMUL;
            case 0x47, 0x4f -> LOR;
            case 0x57, 0x5f -> LAND;
            case 0xa7, 0xaf -> LXOR;
            case 0x67, 0x6f -> LSHL;
            case 0x77, 0x7f -> LUSHR;
            case 0xc7, 0xcf -> LSHR;
            default -> 0;
        };
        if (op != 0) {
            boolean shift = op == LSHL || op == LUSHR || op == LSHR;
            ld(d);
            if ((c & 8) == 0) { if (shift) ic(o); else lc(o); } // Java's long shifts mask the count with 63
            else { ld(s); if (shift) mv.visitInsn(L2I); }
            mv.visitInsn(op);
            st(d);
            return true;
        }
        String div = switch (c) {
            case 0x37, 0x3f -> "udiv64";
            case 0x97, 0x9f -> "umod64";
            case 0x237, 0x23f -> "sdiv64";
            case 0x297, 0x29f -> "smod64";
            default -> null;
        };
        if (div != null) {
            ld(d);
            if ((c & 8) == 0) lc(o); else ld(s);
            mv.visitMethodInsn(INVOKESTATIC, VM, div, "(JJ)J", false);
            st(d);
            return true;
        }
        switch (c) {
            case 0x87 -> { ld(d); mv.visitInsn(LNEG); }
            case 0xb7 -> lc(o);
            case 0xbf -> ld(s);
            case Ops.MOVSX8_64 -> { ld(s); mv.visitInsn(L2I); mv.visitInsn(I2B); mv.visitInsn(I2L); }
            case Ops.MOVSX16_64 -> { ld(s); mv.visitInsn(L2I); mv.visitInsn(I2S); mv.visitInsn(I2L); }
            case Ops.MOVSX32_64 -> { ld(s); mv.visitInsn(L2I); mv.visitInsn(I2L); }
            case Ops.MOVSX8_32 -> { ld(s); mv.visitInsn(L2I); mv.visitInsn(I2B); mv.visitInsn(I2L); mask(U32); }
            case Ops.MOVSX16_32 -> { ld(s); mv.visitInsn(L2I); mv.visitInsn(I2S); mv.visitInsn(I2L); mask(U32); }
            case Ops.LE16 -> { ld(d); mask(0xffff); }
            case Ops.LE32 -> { ld(d); mask(U32); }
            case Ops.LE64 -> { return true; }
            case Ops.SWAP16 -> {
                ld(d); mv.visitInsn(L2I); mv.visitInsn(I2S);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Short", "reverseBytes", "(S)S", false);
                mv.visitInsn(I2L); mask(0xffff);
            }
            case Ops.SWAP32 -> {
                ld(d); mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                mv.visitInsn(I2L); mask(U32);
            }
            case Ops.SWAP64 -> { ld(d); mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false); }
            default -> { return false; }
        }
        st(d);
        return true;
    }

    /** The 32-bit forms: computed on ints as the interpreter does, the result zero-extended. */
    private boolean alu32(int c, int d, int s, int o) {
        int op = switch (c) {
            case 0x04, 0x0c -> IADD;
            case 0x14, 0x1c -> ISUB;
            case 0x24, 0x2c -> IMUL;
            case 0x44, 0x4c -> IOR;
            case 0x54, 0x5c -> IAND;
            case 0xa4, 0xac -> IXOR;
            case 0x64, 0x6c -> ISHL; // int shifts mask the count with 31
            case 0x74, 0x7c -> IUSHR;
            case 0xc4, 0xcc -> ISHR;
            default -> 0;
        };
        if (op != 0) {
            ld(d);
            mv.visitInsn(L2I);
            src32(c, s, o);
            mv.visitInsn(op);
            mv.visitInsn(I2L);
            mask(U32);
            st(d);
            return true;
        }
        String div = switch (c) {
            case 0x34, 0x3c -> "udiv32";
            case 0x94, 0x9c -> "umod32";
            case 0x234, 0x23c -> "sdiv32";
            case 0x294, 0x29c -> "smod32";
            default -> null;
        };
        if (div != null) {
            ld(d);
            mv.visitInsn(L2I);
            src32(c, s, o);
            mv.visitMethodInsn(INVOKESTATIC, VM, div, "(II)J", false); // these zero-extend themselves
            st(d);
            return true;
        }
        switch (c) {
            case 0x84 -> { ld(d); mv.visitInsn(L2I); mv.visitInsn(INEG); mv.visitInsn(I2L); mask(U32); }
            case 0xb4 -> lc(o & U32);
            case 0xbc -> { ld(s); mask(U32); }
            default -> { return false; }
        }
        st(d);
        return true;
    }

    private void src32(int c, int s, int o) {
        if ((c & 8) == 0) ic(o);
        else { ld(s); mv.visitInsn(L2I); }
    }

    // ---- jumps

    private boolean jump(int c, int i, int d, int s, int o, long imm) {
        if (c == 0x05) { mv.visitJumpInsn(GOTO, labels[o]); return true; }
        if (!conditional(c)) return false;
        boolean is32 = (c & 7) == 6, reg = (c & 8) != 0;
        int op = c & 0xf0;
        ld(d);
        if (is32) mv.visitInsn(L2I);
        if (reg) { ld(s); if (is32) mv.visitInsn(L2I); }
        else if (is32) ic((int) imm);
        else lc(imm);
        boolean unsigned = op == 0x20 || op == 0x30 || op == 0xa0 || op == 0xb0;
        if (op == 0x40) { // jset
            if (is32) mv.visitInsn(IAND);
            else { mv.visitInsn(LAND); mv.visitInsn(LCONST_0); mv.visitInsn(LCMP); }
        } else if (unsigned) {
            if (is32) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
            else mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
        } else if (!is32) {
            mv.visitInsn(LCMP);
        }
        // after the above, ints compared with each other (signed 32-bit) or one int against zero
        boolean twoInts = is32 && !unsigned && op != 0x40;
        int cond = switch (op) {
            case 0x10 -> twoInts ? IF_ICMPEQ : IFEQ;
            case 0x40, 0x50 -> twoInts ? IF_ICMPNE : IFNE;
            case 0x20, 0x60 -> twoInts ? IF_ICMPGT : IFGT;
            case 0x30, 0x70 -> twoInts ? IF_ICMPGE : IFGE;
            case 0xa0, 0xc0 -> twoInts ? IF_ICMPLT : IFLT;
            case 0xb0, 0xd0 -> twoInts ? IF_ICMPLE : IFLE;
            default -> throw new IllegalStateException("jump op 0x" + Integer.toHexString(c) + " at " + i);
        };
        mv.visitJumpInsn(cond, labels[o]);
        mv.visitJumpInsn(GOTO, labels[next(i)]);
        return true;
    }

    // ---- memory: the interpreter's own checked accessors

    private void load(int c, int d, int s, int o) {
        mv.visitVarInsn(ALOAD, M);
        address(s, o);
        int size = switch (c & 0x18) { case 0x00 -> 4; case 0x08 -> 2; case 0x10 -> 1; default -> 8; };
        mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "load" + size * 8, "(J)J", false);
        if ((c & 0xe0) == 0x60 && size < 8) mask(size == 4 ? U32 : size == 2 ? 0xffff : 0xff); // not MEMSX
        st(d);
    }

    private void store(int c, int d, int s, int o, long imm) {
        mv.visitVarInsn(ALOAD, M);
        address(d, o);
        int size = switch (c & 0x18) { case 0x00 -> 4; case 0x08 -> 2; case 0x10 -> 1; default -> 8; };
        boolean reg = (c & 7) == 3;
        if (size == 8) { if (reg) ld(s); else lc(imm); }
        else if (reg) { ld(s); mv.visitInsn(L2I); }
        else ic((int) imm);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEM, "store" + size * 8, size == 8 ? "(JJ)V" : "(JI)V", false);
    }

    private void atomic(int c, int d, int s, int o) {
        mv.visitVarInsn(ALOAD, M);
        ic(c);
        address(d, o);
        ld(s);
        ld(0);
        mv.visitMethodInsn(INVOKESTATIC, VM, "atomic", "(L" + MEM + ";IJJJ)J", false);
        int kind = c - (c >= Ops.A64_ADD ? Ops.A64_ADD : Ops.A32_ADD);
        if (kind == 9) st(0);
        else if (kind >= 4) st(s);
        else mv.visitInsn(POP2);
    }

    private void address(int r, int o) {
        ld(r);
        if (o != 0) { lc(o); mv.visitInsn(LADD); }
    }

    // ---- small emitters

    private void ld(int r) { mv.visitVarInsn(LLOAD, REG[r]); }

    private void st(int r) { mv.visitVarInsn(LSTORE, REG[r]); }

    private void mask(long m) { lc(m); mv.visitInsn(LAND); }

    private void lc(long v) {
        if (v == 0) mv.visitInsn(LCONST_0);
        else if (v == 1) mv.visitInsn(LCONST_1);
        else mv.visitLdcInsn(v);
    }

    private void ic(int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }
}
