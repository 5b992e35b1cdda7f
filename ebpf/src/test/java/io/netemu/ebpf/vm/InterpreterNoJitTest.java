package io.netemu.ebpf.vm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link InterpreterTest} with the JIT off, as -Dnetemu.bpf.jit=off gives it: every expectation
 * holds for both (the base class runs with the default, the JIT). The property is read when an
 * interpreter is made, and test classes run one after another.
 */
class InterpreterNoJitTest extends InterpreterTest {
    @BeforeAll
    static void jitOff() { System.setProperty("netemu.bpf.jit", "off"); }

    @AfterAll
    static void jitBack() { System.clearProperty("netemu.bpf.jit"); }
}
