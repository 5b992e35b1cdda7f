package io.netemu.ebpf.verifier;

import static io.netemu.ebpf.isa.Opcodes.*;

import io.netemu.ebpf.isa.Insn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The program's shape, checked before the walk as the kernel's {@code check_subprogs} and
 * {@code check_cfg} do: subprogram boundaries, jumps that stay inside their subprogram and land
 * on an instruction start, no falling off an end, nothing unreachable. It also finds where the
 * walk may prune (jump targets and the instruction after a branch or call) and which registers
 * are live at each instruction, so states differing only in dead registers count as equal.
 */
final class Cfg {
    final int[] subprogStarts;
    /** Start of the subprogram each instruction belongs to. */
    final int[] subprogOf;
    final boolean[] prunePoint;
    /** Bit r set when register r may be read before it is written, from this instruction on. */
    final int[] liveIn;

    private final long[] insns;
    /** True on the second slot of an ld_imm64. */
    private final boolean[] ldTail;

    private Cfg(long[] insns, int[] starts) {
        this.insns = insns;
        this.ldTail = new boolean[insns.length];
        for (int i = 0; i < insns.length; i++) if (Insn.opcode(insns[i]) == LDDW && i + 1 < insns.length) ldTail[++i] = true;
        this.subprogStarts = starts;
        this.subprogOf = new int[insns.length];
        this.prunePoint = new boolean[insns.length];
        this.liveIn = new int[insns.length];
        for (int s = 0; s < starts.length; s++) {
            int end = s + 1 < starts.length ? starts[s + 1] : insns.length;
            Arrays.fill(subprogOf, starts[s], end, starts[s]);
        }
    }

    /** Builds the graph or returns the reason the program's shape is wrong (via the exception). */
    static Cfg build(long[] insns) {
        TreeSet<Integer> starts = new TreeSet<>();
        starts.add(0);
        for (int i = 0; i < insns.length; i++) {
            long w = insns[i];
            if (Insn.opcode(w) == CALL_INSN && Insn.src(w) == PSEUDO_CALL) {
                long t = (long) i + 1 + Insn.imm(w);
                if (t < 0 || t >= insns.length) throw new VerifierError("function call to invalid destination " + t + " from insn " + i);
                starts.add((int) t);
            }
            if (Insn.opcode(w) == LDDW) i++;
        }
        Cfg g = new Cfg(insns, starts.stream().mapToInt(Integer::intValue).toArray());
        g.checkJumps();
        g.checkReachable();
        g.computeLiveness();
        return g;
    }

    private int subprogEnd(int start) {
        int s = Arrays.binarySearch(subprogStarts, start);
        return s + 1 < subprogStarts.length ? subprogStarts[s + 1] : insns.length;
    }

    private boolean isLdImm64Tail(int i) { return ldTail[i]; }

    private void checkJumps() {
        for (int i = 0; i < insns.length; i++) {
            long w = insns[i];
            int code = Insn.opcode(w), cls = code & CLASS_MASK;
            if (code == LDDW) { i++; continue; }
            if ((cls == JMP || cls == JMP32) && code != CALL_INSN && code != EXIT_INSN) {
                long t = (long) i + 1 + Insn.off(w);
                int start = subprogOf[i];
                if (t < start || t >= subprogEnd(start))
                    throw new VerifierError("jump out of range from insn " + i + " to " + t);
                if (isLdImm64Tail((int) t)) throw new VerifierError("jump into the middle of ldimm64 insn " + (t - 1));
                prunePoint[(int) t] = true;
                if ((code & OP_MASK) != JA && i + 1 < insns.length) prunePoint[i + 1] = true;
            }
            if (code == CALL_INSN && i + 1 < insns.length) prunePoint[i + 1] = true;
        }
        for (int s = 0; s < subprogStarts.length; s++) {
            int last = subprogEnd(subprogStarts[s]) - 1;
            int code = Insn.opcode(insns[last]);
            boolean ok = !isLdImm64Tail(last) && (code == EXIT_INSN || code == (JMP | JA));
            if (!ok) throw new VerifierError("last insn is not an exit or jmp");
        }
    }

    /** Instructions control can reach next from i (within its subprogram; calls return to i+1). */
    List<Integer> successors(int i) {
        long w = insns[i];
        int code = Insn.opcode(w), cls = code & CLASS_MASK;
        List<Integer> out = new ArrayList<>(2);
        if (code == LDDW) { out.add(i + 2); return out; }
        if (code == EXIT_INSN) return out;
        if ((cls == JMP || cls == JMP32) && code != CALL_INSN) {
            int t = i + 1 + Insn.off(w);
            if ((code & OP_MASK) != JA) out.add(i + 1);
            out.add(t);
            return out;
        }
        out.add(i + 1);
        return out;
    }

    private void checkReachable() {
        boolean[] seen = new boolean[insns.length];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int s : subprogStarts) { seen[s] = true; work.push(s); }
        while (!work.isEmpty()) {
            for (int n : successors(work.pop())) {
                if (n < insns.length && !seen[n]) { seen[n] = true; work.push(n); }
            }
        }
        for (int i = 0; i < insns.length; i++) {
            if (!seen[i]) throw new VerifierError("unreachable insn " + i);
            if (Insn.opcode(insns[i]) == LDDW) i++;
        }
    }

    private void computeLiveness() {
        // Backward fixed point: live_in(i) = use(i) | (live_out(i) & ~def(i)).
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = insns.length - 1; i >= 0; i--) {
                if (ldTail[i]) continue;
                int out = 0;
                for (int n : successors(i)) if (n < insns.length) out |= liveIn[n];
                int[] ud = useDef(insns[i]);
                int in = ud[0] | (out & ~ud[1]) | (1 << 10);
                if (in != liveIn[i]) { liveIn[i] = in; changed = true; }
            }
        }
    }

    private static int[] useDef(long w) {
        int code = Insn.opcode(w), cls = code & CLASS_MASK, d = 1 << Insn.dst(w), s = 1 << Insn.src(w);
        int op = code & OP_MASK;
        return switch (cls) {
            case ALU, ALU64 -> op == MOV ? new int[] {(code & SRC_MASK) == X ? s : 0, d}
                    : new int[] {d | ((code & SRC_MASK) == X && op != NEG && op != END ? s : 0), d};
            case LDX -> new int[] {s, d};
            case ST -> new int[] {d, 0};
            case STX -> {
                if ((code & MODE_MASK) != ATOMIC) yield new int[] {d | s, 0};
                int imm = Insn.imm(w);
                if (imm == ATOMIC_CMPXCHG) yield new int[] {d | s | 1, 1};
                yield new int[] {d | s, (imm & ATOMIC_FETCH) != 0 ? s : 0};
            }
            case LD -> new int[] {0, code == LDDW ? d : 0};
            default -> {
                if (code == EXIT_INSN) yield new int[] {1, 0};
                if (code == CALL_INSN) {
                    int args = Insn.src(w) == PSEUDO_CALL ? 5 : Helpers.argCount(Insn.imm(w));
                    yield new int[] {((1 << (args + 1)) - 1) & ~1, 0b111111};
                }
                if (op == JA) yield new int[] {0, 0};
                yield new int[] {d | ((code & SRC_MASK) == X ? s : 0), 0};
            }
        };
    }
}
