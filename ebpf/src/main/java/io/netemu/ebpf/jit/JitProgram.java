package io.netemu.ebpf.jit;

import io.netemu.ebpf.vm.AddressSpace;
import io.netemu.ebpf.vm.Interpreter;

/**
 * A {@link io.netemu.ebpf.vm.LoadedProgram} compiled to JVM bytecode by {@link BpfJit}. Stateless:
 * one instance serves every interpreter (thread) running the program, the state of a run lives
 * in the interpreter passed in.
 */
public interface JitProgram {
    /**
     * Runs the program from its first instruction with r1, r2 as given, r10 at the top of the
     * first stack frame and {@code budget} instructions allowed; returns r0 at its exit. Traps
     * are thrown as the interpreter throws them, with {@code vm}'s trap position set.
     */
    long run(Interpreter vm, AddressSpace m, long r1, long r2, long budget);
}
