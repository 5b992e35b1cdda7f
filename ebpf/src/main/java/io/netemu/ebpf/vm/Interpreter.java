package io.netemu.ebpf.vm;

import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.ValueRef;

/**
 * Runs eBPF programs: the whole RFC 9669 instruction set, bpf-to-bpf calls with their own stack
 * frames, callx, helpers and tail calls, over the checked memory of an {@link AddressSpace}.
 *
 * <p>An instance keeps its registers, stack and memory map between runs so that a run allocates
 * nothing; it is therefore for one thread at a time (one per NIC attachment, say). {@link #run}
 * never throws: an invalid access, an unknown helper or an instruction that should not be there
 * ends the run with a trap whose reason and instruction index can be read afterwards. A run
 * also stops after {@link #maxInstructions} instructions, a safety net for programs no verifier
 * looked at.
 */
public final class Interpreter {
    public static final int STACK_SIZE = 512;
    /** MAX_CALL_FRAMES: the entry program plus seven nested calls. */
    public static final int MAX_CALL_DEPTH = 8;
    /** MAX_TAIL_CALL_CNT. */
    public static final int MAX_TAIL_CALLS = 33;
    public static final long DEFAULT_MAX_INSTRUCTIONS = 10_000_000L;

    private static final long U32 = 0xffffffffL;
    private static final byte[] ZERO_KEY = new byte[8];

    private final HelperTable helpers;
    private final long maxInstructions;
    private final AddressSpace mem = new AddressSpace();
    final long[] r = new long[11]; // package access: compiled code hands its registers over here
    private final byte[] stack = new byte[STACK_SIZE * MAX_CALL_DEPTH];
    private final long[] savedRegs = new long[4 * MAX_CALL_DEPTH];
    private final int[] returnPc = new int[MAX_CALL_DEPTH];
    private final LoadedProgram[] returnProg = new LoadedProgram[MAX_CALL_DEPTH];

    private LoadedProgram current;
    LoadedProgram pendingTail;
    private long pendingTailCtx;
    private int tailCalls;
    private String trapReason;
    private int trapPc = -1;
    private String trapProgram;

    public Interpreter(HelperTable helpers) { this(helpers, DEFAULT_MAX_INSTRUCTIONS); }

    /** Run programs compiled to JVM bytecode (see {@link #jit(boolean)}); off when -Dnetemu.bpf.jit=off. */
    private boolean jit = !"off".equals(System.getProperty("netemu.bpf.jit"));

    public Interpreter(HelperTable helpers, long maxInstructions) {
        this.helpers = helpers;
        this.maxInstructions = maxInstructions;
        mem.setRegion(AddressSpace.STACK, stack, 0, 0, STACK_SIZE, true);
    }

    /**
     * Whether {@link #run} runs programs as JVM bytecode ({@code io.netemu.ebpf.jit.BpfJit}) when
     * they compile, as the kernel runs JITed BPF; the default comes from the system property
     * {@code netemu.bpf.jit} ("off": always interpret, as net.core.bpf_jit_enable=0).
     */
    public Interpreter jit(boolean on) {
        jit = on;
        return this;
    }

    public boolean jit() { return jit; }

    /** The memory of the next run: set the packet, context or mem regions here before it. */
    public AddressSpace memory() { return mem; }

    /** The program running now (after tail calls, the one they reached). */
    public LoadedProgram program() { return current; }

    public long r0() { return r[0]; }

    /** Why the last run trapped, or null when it reached its exit. */
    public String trapReason() { return trapReason; }

    /** The instruction index of the last trap (in {@link #trapProgramName()}), -1 if none. */
    public int trapPc() { return trapPc; }

    public String trapProgramName() { return trapProgram; }

    /** "insn 12 of prog: reason", or null. */
    public String trapMessage() {
        return trapReason == null ? null : "insn " + trapPc + " of " + trapProgram + ": " + trapReason;
    }

    public int tailCallCount() { return tailCalls; }

    /**
     * For the tail-call helper: when the helper returns, the run continues at the start of
     * {@code target} with r1 = {@code ctx}, in the same stack frame, as bpf_tail_call does.
     * Returns false (nothing happens) after {@link #MAX_TAIL_CALLS}.
     */
    public boolean tailCall(LoadedProgram target, long ctx) {
        if (tailCalls >= MAX_TAIL_CALLS) return false;
        tailCalls++;
        pendingTail = target;
        pendingTailCtx = ctx;
        return true;
    }

    /**
     * Runs {@code prog} from its first instruction with r1 and r2 as given and r10 at the top of
     * a fresh stack frame. Returns true when it exited (r0 holds the result), false when it
     * trapped (see {@link #trapReason()}).
     */
    public boolean run(LoadedProgram prog, long r1, long r2) {
        mem.setBounds(AddressSpace.STACK, 0, STACK_SIZE);
        mem.resetValues();
        tailCalls = 0;
        pendingTail = null;
        trapReason = null;
        trapProgram = null;
        trapPc = -1;
        current = prog;
        lastPc = 0; // where a failure before the first instruction (compiling, say) is reported
        try {
            io.netemu.ebpf.jit.JitProgram code = jit ? prog.compiled() : null;
            if (code != null) {
                // compiled code keeps the registers in locals and fills r only when it hands over
                r[0] = code.run(this, mem, r1, r2, maxInstructions);
            } else {
                java.util.Arrays.fill(r, 0);
                r[1] = r1;
                r[2] = r2;
                r[10] = AddressSpace.address(AddressSpace.STACK, STACK_SIZE);
                execute(prog, 0, maxInstructions);
            }
            return true;
        } catch (Trap t) {
            return trapped(t.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return trapped("internal error: " + e);
        }
    }

    private boolean trapped(String reason) {
        trapReason = reason;
        trapProgram = current == null ? "?" : current.name;
        trapPc = lastPc;
        return false;
    }

    private int lastPc;

    // ---- entries for compiled code (io.netemu.ebpf.jit): it runs in this interpreter's state

    /**
     * Continues the running program in the interpreter at {@code pc} with the registers in
     * {@link #r} and {@code budget} instructions left: where compiled code leaves the rest to it
     * (a budget running out inside a block, bpf-to-bpf calls, slots that trap). Returns r0.
     */
    long resume(int pc, long budget) {
        execute(current, pc, budget);
        return r[0];
    }

    /** After a helper asked for a tail call from compiled code: continues in its target, interpreted. */
    long resumeTail(long budget) {
        LoadedProgram t = pendingTail;
        pendingTail = null;
        current = t;
        r[1] = pendingTailCtx;
        return resume(0, budget);
    }

    /** Compiled code's trap handler: the instruction that trapped. */
    void trapAt(int pc) { lastPc = pc; }

    long callHelper(long id, long r1, long r2, long r3, long r4, long r5) {
        Helper h = helpers.get(id);
        if (h == null) throw new Trap("unknown helper " + id);
        return h.call(this, r1, r2, r3, r4, r5);
    }

    private void execute(LoadedProgram prog, int startPc, long startBudget) {
        final long[] r = this.r;
        final AddressSpace m = this.mem;
        long[] ops = prog.ops;
        long[] imm = prog.immediates;
        int depth = 0;
        long budget = startBudget;
        int pc = startPc;
        try {
            for (;;) {
                if (--budget < 0) throw new Trap("more than " + maxInstructions + " instructions executed");
                final long w = ops[pc];
                final int c = (int) w;
                final int o = (int) (w >> 32);
                final int d = (c >>> 16) & 15;
                final int s = (c >>> 20) & 15;
                switch (c & 0xffff) {
                    // ---- ALU64, imm then register source
                    case 0x07 -> r[d] += (long) o;
                    case 0x0f -> r[d] += r[s];
                    case 0x17 -> r[d] -= (long) o;
                    case 0x1f -> r[d] -= r[s];
                    case 0x27 -> r[d] *= (long) o;
                    case 0x2f -> r[d] *= r[s];
                    case 0x37 -> r[d] = udiv64(r[d], (long) o);
                    case 0x3f -> r[d] = udiv64(r[d], r[s]);
                    case 0x47 -> r[d] |= (long) o;
                    case 0x4f -> r[d] |= r[s];
                    case 0x57 -> r[d] &= (long) o;
                    case 0x5f -> r[d] &= r[s];
                    case 0x67 -> r[d] <<= (long) o;   // Java masks long shift counts with 63, as RFC 9669 asks
                    case 0x6f -> r[d] <<= r[s];
                    case 0x77 -> r[d] >>>= (long) o;
                    case 0x7f -> r[d] >>>= r[s];
                    case 0x87 -> r[d] = -r[d];
                    case 0x97 -> r[d] = umod64(r[d], (long) o);
                    case 0x9f -> r[d] = umod64(r[d], r[s]);
                    case 0xa7 -> r[d] ^= (long) o;
                    case 0xaf -> r[d] ^= r[s];
                    case 0xb7 -> r[d] = (long) o;
                    case 0xbf -> r[d] = r[s];
                    case 0xc7 -> r[d] >>= (long) o;
                    case 0xcf -> r[d] >>= r[s];
                    case 0x237 -> r[d] = sdiv64(r[d], (long) o);
                    case 0x23f -> r[d] = sdiv64(r[d], r[s]);
                    case 0x297 -> r[d] = smod64(r[d], (long) o);
                    case 0x29f -> r[d] = smod64(r[d], r[s]);
                    // ---- ALU (32-bit): results are zero-extended
                    case 0x04 -> r[d] = ((int) r[d] + o) & U32;
                    case 0x0c -> r[d] = ((int) r[d] + (int) r[s]) & U32;
                    case 0x14 -> r[d] = ((int) r[d] - o) & U32;
                    case 0x1c -> r[d] = ((int) r[d] - (int) r[s]) & U32;
                    case 0x24 -> r[d] = ((int) r[d] * o) & U32;
                    case 0x2c -> r[d] = ((int) r[d] * (int) r[s]) & U32;
                    case 0x34 -> r[d] = udiv32((int) r[d], o);
                    case 0x3c -> r[d] = udiv32((int) r[d], (int) r[s]);
                    case 0x44 -> r[d] = ((int) r[d] | o) & U32;
                    case 0x4c -> r[d] = ((int) r[d] | (int) r[s]) & U32;
                    case 0x54 -> r[d] = ((int) r[d] & o) & U32;
                    case 0x5c -> r[d] = ((int) r[d] & (int) r[s]) & U32;
                    case 0x64 -> r[d] = ((int) r[d] << o) & U32; // int shifts mask with 31
                    case 0x6c -> r[d] = ((int) r[d] << (int) r[s]) & U32;
                    case 0x74 -> r[d] = ((int) r[d] >>> o) & U32;
                    case 0x7c -> r[d] = ((int) r[d] >>> (int) r[s]) & U32;
                    case 0x84 -> r[d] = (-(int) r[d]) & U32;
                    case 0x94 -> r[d] = umod32((int) r[d], o);
                    case 0x9c -> r[d] = umod32((int) r[d], (int) r[s]);
                    case 0xa4 -> r[d] = ((int) r[d] ^ o) & U32;
                    case 0xac -> r[d] = ((int) r[d] ^ (int) r[s]) & U32;
                    case 0xb4 -> r[d] = (long) o & U32;
                    case 0xbc -> r[d] = r[s] & U32;
                    case 0xc4 -> r[d] = ((int) r[d] >> o) & U32;
                    case 0xcc -> r[d] = ((int) r[d] >> (int) r[s]) & U32;
                    case 0x234 -> r[d] = sdiv32((int) r[d], o);
                    case 0x23c -> r[d] = sdiv32((int) r[d], (int) r[s]);
                    case 0x294 -> r[d] = smod32((int) r[d], o);
                    case 0x29c -> r[d] = smod32((int) r[d], (int) r[s]);
                    case Ops.MOVSX8_32 -> r[d] = (byte) r[s] & U32;
                    case Ops.MOVSX16_32 -> r[d] = (short) r[s] & U32;
                    case Ops.MOVSX8_64 -> r[d] = (byte) r[s];
                    case Ops.MOVSX16_64 -> r[d] = (short) r[s];
                    case Ops.MOVSX32_64 -> r[d] = (int) r[s];
                    case Ops.LE16 -> r[d] &= 0xffff;
                    case Ops.LE32 -> r[d] &= U32;
                    case Ops.LE64 -> { }
                    case Ops.SWAP16 -> r[d] = Short.reverseBytes((short) r[d]) & 0xffff;
                    case Ops.SWAP32 -> r[d] = Integer.reverseBytes((int) r[d]) & U32;
                    case Ops.SWAP64 -> r[d] = Long.reverseBytes(r[d]);
                    // ---- loads (zero-extending, then sign-extending MEMSX)
                    case 0x61 -> r[d] = m.load32(r[s] + o) & U32;
                    case 0x69 -> r[d] = m.load16(r[s] + o) & 0xffff;
                    case 0x71 -> r[d] = m.load8(r[s] + o) & 0xff;
                    case 0x79 -> r[d] = m.load64(r[s] + o);
                    case 0x81 -> r[d] = m.load32(r[s] + o);
                    case 0x89 -> r[d] = m.load16(r[s] + o);
                    case 0x91 -> r[d] = m.load8(r[s] + o);
                    // ---- stores of an immediate, then of a register
                    case 0x62 -> m.store32(r[d] + o, (int) imm[pc]);
                    case 0x6a -> m.store16(r[d] + o, (int) imm[pc]);
                    case 0x72 -> m.store8(r[d] + o, (int) imm[pc]);
                    case 0x7a -> m.store64(r[d] + o, imm[pc]);
                    case 0x63 -> m.store32(r[d] + o, (int) r[s]);
                    case 0x6b -> m.store16(r[d] + o, (int) r[s]);
                    case 0x73 -> m.store8(r[d] + o, (int) r[s]);
                    case 0x7b -> m.store64(r[d] + o, r[s]);
                    // ---- atomics
                    case Ops.A32_ADD, Ops.A32_OR, Ops.A32_AND, Ops.A32_XOR, Ops.A32_FADD, Ops.A32_FOR, Ops.A32_FAND,
                         Ops.A32_FXOR, Ops.A32_XCHG, Ops.A32_CMPXCHG, Ops.A64_ADD, Ops.A64_OR, Ops.A64_AND, Ops.A64_XOR,
                         Ops.A64_FADD, Ops.A64_FOR, Ops.A64_FAND, Ops.A64_FXOR, Ops.A64_XCHG, Ops.A64_CMPXCHG ->
                            atomic(c & 0xffff, r[d] + o, s);
                    // ---- 64-bit constants
                    case 0x18 -> { r[d] = imm[pc]; pc += 2; continue; }
                    case Ops.LDDW_MAP_VALUE -> { r[d] = globalData(o) + imm[pc]; pc += 2; continue; }
                    // ---- JMP: imm sign-extended to 64 bits, then register source
                    case 0x05 -> { pc = o; continue; }
                    case 0x15 -> { if (r[d] == imm[pc]) { pc = o; continue; } }
                    case 0x1d -> { if (r[d] == r[s]) { pc = o; continue; } }
                    case 0x25 -> { if (r[d] + Long.MIN_VALUE > imm[pc] + Long.MIN_VALUE) { pc = o; continue; } }
                    case 0x2d -> { if (r[d] + Long.MIN_VALUE > r[s] + Long.MIN_VALUE) { pc = o; continue; } }
                    case 0x35 -> { if (r[d] + Long.MIN_VALUE >= imm[pc] + Long.MIN_VALUE) { pc = o; continue; } }
                    case 0x3d -> { if (r[d] + Long.MIN_VALUE >= r[s] + Long.MIN_VALUE) { pc = o; continue; } }
                    case 0x45 -> { if ((r[d] & imm[pc]) != 0) { pc = o; continue; } }
                    case 0x4d -> { if ((r[d] & r[s]) != 0) { pc = o; continue; } }
                    case 0x55 -> { if (r[d] != imm[pc]) { pc = o; continue; } }
                    case 0x5d -> { if (r[d] != r[s]) { pc = o; continue; } }
                    case 0x65 -> { if (r[d] > imm[pc]) { pc = o; continue; } }
                    case 0x6d -> { if (r[d] > r[s]) { pc = o; continue; } }
                    case 0x75 -> { if (r[d] >= imm[pc]) { pc = o; continue; } }
                    case 0x7d -> { if (r[d] >= r[s]) { pc = o; continue; } }
                    case 0xa5 -> { if (r[d] + Long.MIN_VALUE < imm[pc] + Long.MIN_VALUE) { pc = o; continue; } }
                    case 0xad -> { if (r[d] + Long.MIN_VALUE < r[s] + Long.MIN_VALUE) { pc = o; continue; } }
                    case 0xb5 -> { if (r[d] + Long.MIN_VALUE <= imm[pc] + Long.MIN_VALUE) { pc = o; continue; } }
                    case 0xbd -> { if (r[d] + Long.MIN_VALUE <= r[s] + Long.MIN_VALUE) { pc = o; continue; } }
                    case 0xc5 -> { if (r[d] < imm[pc]) { pc = o; continue; } }
                    case 0xcd -> { if (r[d] < r[s]) { pc = o; continue; } }
                    case 0xd5 -> { if (r[d] <= imm[pc]) { pc = o; continue; } }
                    case 0xdd -> { if (r[d] <= r[s]) { pc = o; continue; } }
                    // ---- superinstructions: rX = rY + K, then an unsigned jump on rX against rZ (3 slots)
                    case Ops.LEA_JGT, Ops.LEA_JGE, Ops.LEA_JLT, Ops.LEA_JLE -> {
                        if (budget < 2) { r[d] = r[s]; break; } // the budget ends inside: one slot at a time
                        budget -= 2;
                        final long x = r[s] + imm[pc];
                        r[d] = x;
                        final long z = r[(c >>> 24) & 15] + Long.MIN_VALUE;
                        final long xs = x + Long.MIN_VALUE;
                        final boolean taken = switch (c & 0xffff) {
                            case Ops.LEA_JGT -> xs > z;
                            case Ops.LEA_JGE -> xs >= z;
                            case Ops.LEA_JLT -> xs < z;
                            default -> xs <= z;
                        };
                        pc = taken ? o : pc + 3;
                        continue;
                    }
                    // ---- JMP32: low 32 bits only
                    case 0x16 -> { if ((int) r[d] == (int) imm[pc]) { pc = o; continue; } }
                    case 0x1e -> { if ((int) r[d] == (int) r[s]) { pc = o; continue; } }
                    case 0x26 -> { if ((int) r[d] + Integer.MIN_VALUE > (int) imm[pc] + Integer.MIN_VALUE) { pc = o; continue; } }
                    case 0x2e -> { if ((int) r[d] + Integer.MIN_VALUE > (int) r[s] + Integer.MIN_VALUE) { pc = o; continue; } }
                    case 0x36 -> { if ((int) r[d] + Integer.MIN_VALUE >= (int) imm[pc] + Integer.MIN_VALUE) { pc = o; continue; } }
                    case 0x3e -> { if ((int) r[d] + Integer.MIN_VALUE >= (int) r[s] + Integer.MIN_VALUE) { pc = o; continue; } }
                    case 0x46 -> { if (((int) r[d] & (int) imm[pc]) != 0) { pc = o; continue; } }
                    case 0x4e -> { if (((int) r[d] & (int) r[s]) != 0) { pc = o; continue; } }
                    case 0x56 -> { if ((int) r[d] != (int) imm[pc]) { pc = o; continue; } }
                    case 0x5e -> { if ((int) r[d] != (int) r[s]) { pc = o; continue; } }
                    case 0x66 -> { if ((int) r[d] > (int) imm[pc]) { pc = o; continue; } }
                    case 0x6e -> { if ((int) r[d] > (int) r[s]) { pc = o; continue; } }
                    case 0x76 -> { if ((int) r[d] >= (int) imm[pc]) { pc = o; continue; } }
                    case 0x7e -> { if ((int) r[d] >= (int) r[s]) { pc = o; continue; } }
                    case 0xa6 -> { if ((int) r[d] + Integer.MIN_VALUE < (int) imm[pc] + Integer.MIN_VALUE) { pc = o; continue; } }
                    case 0xae -> { if ((int) r[d] + Integer.MIN_VALUE < (int) r[s] + Integer.MIN_VALUE) { pc = o; continue; } }
                    case 0xb6 -> { if ((int) r[d] + Integer.MIN_VALUE <= (int) imm[pc] + Integer.MIN_VALUE) { pc = o; continue; } }
                    case 0xbe -> { if ((int) r[d] + Integer.MIN_VALUE <= (int) r[s] + Integer.MIN_VALUE) { pc = o; continue; } }
                    case 0xc6 -> { if ((int) r[d] < (int) imm[pc]) { pc = o; continue; } }
                    case 0xce -> { if ((int) r[d] < (int) r[s]) { pc = o; continue; } }
                    case 0xd6 -> { if ((int) r[d] <= (int) imm[pc]) { pc = o; continue; } }
                    case 0xde -> { if ((int) r[d] <= (int) r[s]) { pc = o; continue; } }
                    // ---- calls and exit
                    case Ops.CALL_HELPER, Ops.CALLX -> {
                        long target = (c & 0xffff) == Ops.CALLX ? r[d] : imm[pc];
                        if ((c & 0xffff) == Ops.CALLX && (target >>> 32) == AddressSpace.CODE_TAG) {
                            // a function address (ld_imm64 PSEUDO_FUNC): a bpf-to-bpf call
                            depth = enter(depth, pc, current);
                            pc = (int) target;
                            continue;
                        }
                        // callx on a plain number calls that helper, as the conformance suite's callx test expects
                        r[0] = callHelper(target, r[1], r[2], r[3], r[4], r[5]);
                        if (pendingTail != null) {
                            LoadedProgram t = pendingTail;
                            pendingTail = null;
                            current = t;
                            ops = t.ops;
                            imm = t.immediates;
                            r[1] = pendingTailCtx;
                            pc = 0;
                            continue;
                        }
                    }
                    case Ops.CALL_LOCAL -> {
                        depth = enter(depth, pc, current);
                        pc = o;
                        continue;
                    }
                    case 0x95 -> {
                        if (depth == 0) return;
                        depth--;
                        System.arraycopy(savedRegs, depth * 4, r, 6, 4);
                        r[10] = AddressSpace.address(AddressSpace.STACK, (depth + 1) * STACK_SIZE);
                        m.setBounds(AddressSpace.STACK, 0, (depth + 1) * STACK_SIZE);
                        LoadedProgram back = returnProg[depth];
                        if (back != current) {
                            current = back;
                            ops = back.ops;
                            imm = back.immediates;
                        }
                        pc = returnPc[depth] + 1;
                        continue;
                    }
                    case Ops.FELL_OFF -> { pc--; throw new Trap("no exit at the end of the program"); }
                    case Ops.BAD_JUMP -> throw new Trap("jump outside the program");
                    case Ops.LD_LEGACY -> throw new Trap("legacy ld_abs/ld_ind is not available to this program");
                    case Ops.INVALID -> throw new Trap("invalid instruction: " + current.invalid[pc]);
                    default -> throw new Trap("invalid instruction 0x" + Long.toHexString(current.insns[pc]));
                }
                pc++;
            }
        } finally {
            lastPc = pc;
        }
    }

    /** Enters a bpf-to-bpf call: saves r6-r9 and the return place, gives the callee a fresh frame. */
    private int enter(int depth, int pc, LoadedProgram from) {
        if (depth + 1 >= MAX_CALL_DEPTH) throw new Trap("call depth above " + MAX_CALL_DEPTH + " frames");
        System.arraycopy(r, 6, savedRegs, depth * 4, 4);
        returnPc[depth] = pc;
        returnProg[depth] = from;
        depth++;
        r[10] = AddressSpace.address(AddressSpace.STACK, (depth + 1) * STACK_SIZE);
        // callers' frames stay addressable: a callee may get pointers into them
        mem.setBounds(AddressSpace.STACK, 0, (depth + 1) * STACK_SIZE);
        return depth;
    }

    /** The atomic instructions: rare enough to live outside the interpreter loop. */
    private void atomic(int op, long a, int s) {
        long old = atomic(mem, op, a, r[s], r[0]);
        int kind = op - (op >= Ops.A64_ADD ? Ops.A64_ADD : Ops.A32_ADD);
        if (kind == 9) r[0] = old;
        else if (kind >= 4) r[s] = old;
    }

    /**
     * One atomic instruction on {@code a} with the source register's value {@code v} (and r0 for
     * cmpxchg); returns the old value (zero-extended when 32-bit), which the fetch forms and xchg
     * put in the source register and cmpxchg in r0. Compiled code calls it too.
     */
    static long atomic(AddressSpace mem, int op, long a, long v, long r0) {
        boolean wide = op >= Ops.A64_ADD;
        int size = wide ? 8 : 4;
        // kernel atomics must be naturally aligned (the verifier rejects others)
        if ((a & (size - 1)) != 0) throw new Trap("misaligned atomic access at 0x" + Long.toHexString(a));
        int i = mem.write(a, size);
        byte[] b = mem.arrayOf(a);
        int kind = op - (wide ? Ops.A64_ADD : Ops.A32_ADD);
        return switch (kind) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> wide ? Atomics.rmw64(b, i, kind & 3, v) : Atomics.rmw32(b, i, kind & 3, (int) v);
            case 8 -> wide ? Atomics.rmw64(b, i, 8, v) : Atomics.rmw32(b, i, 8, (int) v);
            default -> wide ? Atomics.cmpxchg64(b, i, r0, v) : Atomics.cmpxchg32(b, i, (int) r0, (int) v);
        };
    }

    /** Value 0 of a global-data array map (.data, .rodata, .bss), addressed for this run. */
    long globalData(int mapIndex) {
        BpfMap map = current.maps[mapIndex];
        ValueRef v = map.lookup(ZERO_KEY, 0);
        if (v == null) throw new Trap("map " + map.spec().name() + " has no value 0");
        MapSpec spec = map.spec();
        return mem.mapValue(v.array(), v.offset(), spec.valueSize(), (spec.flags() & MapSpec.F_RDONLY_PROG) == 0);
    }

    static long udiv64(long a, long b) { return b == 0 ? 0 : Long.divideUnsigned(a, b); }

    static long umod64(long a, long b) { return b == 0 ? a : Long.remainderUnsigned(a, b); }

    static long udiv32(int a, int b) { return b == 0 ? 0 : Integer.divideUnsigned(a, b) & U32; }

    static long umod32(int a, int b) { return (b == 0 ? a : Integer.remainderUnsigned(a, b)) & U32; }

    // Java's / and % already give INT_MIN / -1 = INT_MIN and INT_MIN % -1 = 0, as RFC 9669 asks
    static long sdiv64(long a, long b) { return b == 0 ? 0 : a / b; }

    static long smod64(long a, long b) { return b == 0 ? a : a % b; }

    static long sdiv32(int a, int b) { return (b == 0 ? 0 : a / b) & U32; }

    static long smod32(int a, int b) { return (b == 0 ? a : a % b) & U32; }
}
