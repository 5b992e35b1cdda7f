package io.netemu.ebpf.vm;

/**
 * A kernel helper function as a program calls it: arguments in r1-r5, result in r0. Pointer
 * arguments are addresses in the interpreter's {@link AddressSpace}; an invalid one is reported
 * by throwing {@link Trap} (the verifier would have refused the program in the kernel).
 */
@FunctionalInterface
public interface Helper {
    long call(Interpreter vm, long r1, long r2, long r3, long r4, long r5);
}
