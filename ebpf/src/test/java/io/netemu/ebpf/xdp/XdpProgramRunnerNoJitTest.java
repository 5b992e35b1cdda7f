package io.netemu.ebpf.xdp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link XdpProgramRunnerTest} with the JIT off (-Dnetemu.bpf.jit=off): the same expectations hold. */
class XdpProgramRunnerNoJitTest extends XdpProgramRunnerTest {
    @BeforeAll
    static void jitOff() { System.setProperty("netemu.bpf.jit", "off"); }

    @AfterAll
    static void jitBack() { System.clearProperty("netemu.bpf.jit"); }
}
