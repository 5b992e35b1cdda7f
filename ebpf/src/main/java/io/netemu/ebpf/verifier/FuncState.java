package io.netemu.ebpf.verifier;

/** One call frame, as {@code struct bpf_func_state}: eleven registers and a stack. */
final class FuncState {
    final RegState[] regs = new RegState[11];
    final StackState stack;
    /** The call instruction that made this frame, -1 for the main program. */
    final int callsite;
    /** First instruction of the subprogram running in this frame. */
    final int subprog;
    final int frameno;

    FuncState(int callsite, int subprog, int frameno) {
        for (int i = 0; i < regs.length; i++) regs[i] = new RegState();
        stack = new StackState();
        this.callsite = callsite;
        this.subprog = subprog;
        this.frameno = frameno;
        regs[10].markPointer(RegType.PTR_TO_STACK, 0);
        regs[10].frameno = frameno;
    }

    private FuncState(FuncState o) {
        for (int i = 0; i < regs.length; i++) regs[i] = o.regs[i].copy();
        stack = o.stack.copy();
        callsite = o.callsite;
        subprog = o.subprog;
        frameno = o.frameno;
    }

    FuncState copy() { return new FuncState(this); }
}
