package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.util.function.Supplier;

/**
 * One lab run in real Linux namespaces and in netemu, step for step: the Linux run must boot and
 * meet the lab's own expectations (else the lab, not netemu, is wrong), then netemu must run the
 * same steps. The differential tests compare the two reports.
 */
record BothRuns(RunReport linux, RunReport netemu) {
    static BothRuns of(String name, Lab lab) {
        LinuxOracle.assumeAvailable();
        return checked(name, LinuxLab.run(lab), () -> LabRunner.run(lab, RunListener.NONE));
    }

    /**
     * As {@link #of}, the steps played by {@link OrderedSteps} in both worlds: each offset's
     * steps once every earlier one has ended, for labs whose readings must follow their traffic.
     */
    static BothRuns inOrder(String name, Lab lab) {
        LinuxOracle.assumeAvailable();
        return checked(name, OrderedSteps.linux(lab), () -> OrderedSteps.netemu(lab));
    }

    /** {@code netemuRun} runs only once the Linux run has shown that the lab itself is right. */
    private static BothRuns checked(String name, RunReport linux, Supplier<RunReport> netemuRun) {
        assertNull(linux.error(), () -> "lab " + name + " did not boot in Linux: " + linux.error());
        for (StepResult s : linux.steps()) {
            if (Boolean.FALSE.equals(s.expectOk())) {
                fail("the oracle itself disagrees with " + name + ".yaml line " + s.step().line()
                        + " (fix the lab's expect):\n" + s.stdout() + s.stderr());
            }
        }
        RunReport netemu = netemuRun.get();
        assertNull(netemu.error(), () -> "lab " + name + " did not run in netemu: " + netemu.error());
        assertEquals(linux.steps().size(), netemu.steps().size(), "steps in the report");
        return new BothRuns(linux, netemu);
    }
}
