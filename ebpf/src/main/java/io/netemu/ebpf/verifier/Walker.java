package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;

import io.netemu.ebpf.isa.Insn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The walk over every path, as the kernel's {@code do_check}: one path at a time, the other side
 * of each branch kept on a stack, a path ending at the main program's exit or where a state
 * already shown safe covers it.
 */
final class Walker {
    static final int COMPLEXITY_LIMIT_INSNS = 1_000_000;
    static final int MAX_CALL_FRAMES = 8;
    /** Saved states kept per instruction; older ones are dropped, which only costs pruning. */
    private static final int MAX_STATES_PER_INSN = 64;

    private final Env env;
    private final List<List<Checkpoint>> explored;
    private final ArrayDeque<VerifierState> pending = new ArrayDeque<>();
    int processed, totalStates, maxStatesPerInsn;
    private int jmpsProcessed, prevJmps, prevInsns;
    /** Deepest stack each subprogram used, and who calls whom, for the combined-depth check. */
    private final Map<Integer, Integer> stackDepth = new HashMap<>();
    private final Map<Integer, Set<Integer>> callees = new HashMap<>();

    VerifierState cur;

    Walker(Env env) {
        this.env = env;
        explored = new ArrayList<>(env.insns.length);
        for (int i = 0; i < env.insns.length; i++) explored.add(null);
    }

    void run() {
        cur = new VerifierState();
        FuncState main = new FuncState(-1, 0, 0);
        main.regs[1].markPointer(RegType.PTR_TO_CTX, 0);
        cur.frames.add(main);
        while (cur != null) {
            if (++processed > COMPLEXITY_LIMIT_INSNS)
                throw Env.fail("BPF program is too large. Processed " + processed + " insn");
            int idx = cur.insnIdx;
            if (env.cfg.prunePoint[idx] && visited(idx)) {
                finishPath();
                continue;
            }
            cur.log = PathLog.append(cur.log, idx);
            if (step(idx)) finishPath();
        }
        checkStackDepth(0, 0, 0);
    }

    private void finishPath() {
        for (Checkpoint c = cur.parent; c != null; c = c.parent) if (--c.branches > 0) break;
        cur = pending.pollLast();
    }

    /** True when an explored state covers the current one; adds the current one as a checkpoint. */
    private boolean visited(int idx) {
        List<Checkpoint> list = explored.get(idx);
        if (list != null) {
            for (Checkpoint c : list) {
                if (c.branches == 0) {
                    if (StateEquiv.covers(env.cfg, c.state, cur, false)) return true;
                } else if (StateEquiv.covers(env.cfg, c.state, cur, true)) {
                    throw Env.fail("infinite loop detected at insn " + idx);
                }
            }
        }
        // Saving a state at every pruning point costs memory for long straight paths; save once
        // enough has happened since the last one (the kernel's heuristic).
        boolean add = list == null || (jmpsProcessed - prevJmps >= 2 && processed - prevInsns >= 8);
        if (!add) return false;
        prevJmps = jmpsProcessed;
        prevInsns = processed;
        if (list == null) explored.set(idx, list = new ArrayList<>());
        if (list.size() >= MAX_STATES_PER_INSN) list.remove(0).state = null; // paths below still count down through it
        Checkpoint cp = new Checkpoint(cur.copy(), cur.parent);
        list.add(cp);
        cur.parent = cp;
        totalStates++;
        maxStatesPerInsn = Math.max(maxStatesPerInsn, list.size());
        return false;
    }

    /** Runs one instruction of the current path; true when the path ended. */
    private boolean step(int idx) {
        long w = env.insns[idx];
        int code = Insn.opcode(w), cls = code & CLASS_MASK;
        switch (cls) {
            case ALU, ALU64 -> { Alu.check(env, cur, w); cur.insnIdx = idx + 1; }
            case LDX -> {
                Env.readable(cur, Insn.src(w));
                if (Insn.dst(w) == 10) throw Env.fail("frame pointer is read only");
                MemAccess.access(env, cur, Insn.src(w), Insn.off(w), sizeBytes(code), MemAccess.Kind.READ, -1, 0, Insn.dst(w));
                cur.insnIdx = idx + 1;
            }
            case ST -> {
                MemAccess.access(env, cur, Insn.dst(w), Insn.off(w), sizeBytes(code), MemAccess.Kind.WRITE, -1, Insn.imm(w), -1);
                cur.insnIdx = idx + 1;
            }
            case STX -> {
                if ((code & MODE_MASK) == ATOMIC) Atomic.check(env, cur, w);
                else {
                    Env.readable(cur, Insn.src(w));
                    MemAccess.access(env, cur, Insn.dst(w), Insn.off(w), sizeBytes(code), MemAccess.Kind.WRITE, Insn.src(w), 0, -1);
                }
                cur.insnIdx = idx + 1;
            }
            case LD -> { ldImm64(idx, w); cur.insnIdx = idx + 2; }
            default -> { return jump(idx, w, code); }
        }
        return false;
    }

    private void ldImm64(int idx, long w) {
        int dst = Insn.dst(w);
        if (dst == 10) throw Env.fail("frame pointer is read only");
        RegState r = cur.reg(dst);
        long hi = Insn.imm(env.insns[idx + 1]);
        switch (Insn.src(w)) {
            case PSEUDO_MAP_FD -> { r.markPointer(RegType.CONST_PTR_TO_MAP, 0); r.mapIndex = Insn.imm(w); }
            case PSEUDO_MAP_VALUE -> {
                r.markPointer(RegType.PTR_TO_MAP_VALUE, (int) (hi & 0xffffffffL));
                r.mapIndex = Insn.imm(w);
            }
            default -> r.markConst((hi << 32) | (Insn.imm(w) & 0xffffffffL));
        }
    }

    private boolean jump(int idx, long w, int code) {
        int op = code & OP_MASK;
        jmpsProcessed++;
        if (code == CALL_INSN) {
            if (Insn.src(w) == PSEUDO_CALL) { call(idx, w); return false; }
            HelperCall.check(env, cur, Insn.imm(w));
            cur.insnIdx = idx + 1;
            return false;
        }
        if (code == EXIT_INSN) return exit();
        if (op == JA) { cur.insnIdx = idx + 1 + Insn.off(w); return false; }
        VerifierState[] sides = Branches.split(env, cur, w);
        VerifierState fall = sides[0], taken = sides[1];
        if (taken != null) taken.insnIdx = idx + 1 + Insn.off(w);
        if (fall != null) fall.insnIdx = idx + 1;
        if (fall != null && taken != null) {
            if (taken.parent != null) taken.parent.branches++;
            pending.addLast(taken);
            cur = fall;
        } else if (fall != null) cur = fall;
        else if (taken != null) cur = taken;
        else return true; // neither side can happen: this path was impossible
        return false;
    }

    private void call(int idx, long w) {
        if (cur.frames.size() >= MAX_CALL_FRAMES)
            throw Env.fail("the call stack of " + (cur.frames.size() + 1) + " frames is too deep !");
        int target = idx + 1 + Insn.imm(w);
        FuncState caller = cur.cur();
        FuncState callee = new FuncState(idx, target, cur.frames.size());
        for (int r = 1; r <= 5; r++) callee.regs[r].set(caller.regs[r]);
        cur.frames.add(callee);
        callees.computeIfAbsent(caller.subprog, k -> new HashSet<>()).add(target);
        cur.insnIdx = target;
    }

    private boolean exit() {
        FuncState f = cur.cur();
        RegState r0 = Env.readable(cur, 0);
        stackDepth.merge(f.subprog, f.stack.depth(), Math::max);
        if (cur.frames.size() > 1) {
            if (r0.type == RegType.PTR_TO_STACK && r0.frameno == f.frameno)
                throw Env.fail("cannot return stack pointer to the caller frame");
            RegState ret = r0.copy();
            cur.frames.remove(cur.frames.size() - 1);
            FuncState caller = cur.cur();
            for (int r = 1; r <= 5; r++) caller.regs[r].markNotInit();
            caller.regs[0].set(ret);
            cur.insnIdx = f.callsite + 1;
            return false;
        }
        ExitCheck.check(env.type, r0);
        return true;
    }

    /** The kernel rounds each frame up to 32 bytes and wants the deepest call chain within 512. */
    private void checkStackDepth(int subprog, int depthSoFar, int frames) {
        int own = roundUp32(Math.max(stackDepth.getOrDefault(subprog, 0), 1));
        int total = depthSoFar + own;
        if (total > StackState.MAX_STACK)
            throw Env.fail("combined stack size of " + (frames + 1) + " calls is " + total + ". Too large");
        if (frames >= MAX_CALL_FRAMES) return;
        for (int c : callees.getOrDefault(subprog, Set.of())) checkStackDepth(c, total, frames + 1);
    }

    private static int roundUp32(int v) { return (v + 31) & ~31; }

    static int sizeBytes(int code) {
        return switch (code & SIZE_MASK) { case B -> 1; case H -> 2; case W -> 4; default -> 8; };
    }
}
