package io.netemu.ebpf.jit;

import io.netemu.ebpf.vm.LoadedProgram;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;

/**
 * Compiles a {@link LoadedProgram} to a hidden JVM class implementing {@link JitProgram}, as the
 * kernel JIT-compiles BPF to machine code: C2 then turns each BPF instruction into a few machine
 * instructions instead of a dispatch through the interpreter's switch (docs/PERFORMANCE.md §7).
 *
 * <p>The translation ({@link Translator}) follows the interpreter's decoding slot by slot and
 * keeps its semantics exactly: memory goes through the same checked accessors, a trap is the same
 * exception at the same instruction index, and the instruction budget runs out at the same
 * instruction (compiled code hands the rest of the run to the interpreter when a block would not
 * fit in what is left). Bpf-to-bpf calls and callx, and the target of a tail call, run in the
 * interpreter from that point on.
 */
public final class BpfJit {
    private BpfJit() {}

    /**
     * HotSpot's HugeMethodLimit: it never compiles a longer method, and the JVM's bytecode
     * interpreter would run such a program slower than the BPF interpreter does.
     */
    static final int MAX_CODE_BYTES = 8000;

    /**
     * The compiled program, or null when it is too big to be worth it. {@code lookup} must have
     * full access to the package of {@code io.netemu.ebpf.vm}: the class is defined there, to
     * call the interpreter's and the address space's package-private entry points.
     */
    public static JitProgram compile(LoadedProgram program, MethodHandles.Lookup lookup) {
        byte[] bytes;
        try {
            bytes = new Translator(program, lookup.lookupClass().getPackageName()).classBytes(MAX_CODE_BYTES);
        } catch (MethodTooLargeException | ClassTooLargeException e) {
            return null;
        }
        if (bytes == null) return null;
        try {
            MethodHandles.Lookup hidden = lookup.defineHiddenClass(bytes, true);
            return (JitProgram) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            // a translation bug, not a property of the program: loud, and the run reports it as a trap
            throw new IllegalStateException("BPF JIT failed on " + program.name + ": " + e, e);
        }
    }
}
