package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;

/**
 * One lab run in real Linux namespaces and in netemu, step for step: the Linux run must boot and
 * meet the lab's own expectations (else the lab, not netemu, is wrong), then netemu must run the
 * same steps. The differential tests compare the two reports.
 */
record BothRuns(RunReport linux, RunReport netemu) {
    static BothRuns of(String name, Lab lab) {
        LinuxOracle.assumeAvailable();
        RunReport linux = LinuxLab.run(lab);
        assertNull(linux.error(), () -> "lab " + name + " did not boot in Linux: " + linux.error());
        for (StepResult s : linux.steps()) {
            if (Boolean.FALSE.equals(s.expectOk())) {
                fail("the oracle itself disagrees with " + name + ".yaml line " + s.step().line()
                        + " (fix the lab's expect):\n" + s.stdout() + s.stderr());
            }
        }
        RunReport netemu = LabRunner.run(lab, RunListener.NONE);
        assertNull(netemu.error(), () -> "lab " + name + " did not run in netemu: " + netemu.error());
        assertEquals(linux.steps().size(), netemu.steps().size(), "steps in the report");
        return new BothRuns(linux, netemu);
    }
}
