package io.netemu.ebpf.verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one path through the program: its call frames, where it is, the checkpoint it
 * last passed (so finishing the path can tell that checkpoint one more branch is done), and the
 * instructions it went through (for the log of a rejected path).
 */
final class VerifierState {
    final List<FuncState> frames = new ArrayList<>();
    int insnIdx;
    Checkpoint parent;
    PathLog log;

    VerifierState copy() {
        VerifierState s = new VerifierState();
        for (FuncState f : frames) s.frames.add(f.copy());
        s.insnIdx = insnIdx;
        s.parent = parent;
        s.log = log;
        return s;
    }

    FuncState cur() { return frames.get(frames.size() - 1); }

    RegState reg(int r) { return cur().regs[r]; }

    /** Every register of every frame and every spilled register: what id-wide updates walk. */
    void forEachReg(java.util.function.Consumer<RegState> f) {
        for (FuncState fs : frames) {
            for (RegState r : fs.regs) f.accept(r);
            for (RegState r : fs.stack.spills) if (r != null) f.accept(r);
        }
    }
}
