package io.netemu.ebpf.vm;

/**
 * Why a run stopped before its exit: an invalid memory access, an unknown helper, too many
 * instructions. Thrown inside the interpreter and its helpers only; {@link Interpreter#run}
 * catches it and reports it, so no exception reaches whoever runs a program. No stack trace:
 * the instruction index is the useful place, and traps must stay cheap when a program misbehaves
 * on every frame.
 */
public final class Trap extends RuntimeException {
    public Trap(String reason) {
        super(reason, null, false, false);
    }
}
