package io.netemu.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Node crash and restart, run timeouts and link state across restarts, as topology-format.md "Details" says. */
class CrashRestartTest {
    @Test
    void crashRestartAndTimeoutsRecordTheSpecifiedStatuses() throws Exception {
        Path file = Path.of(CrashRestartTest.class.getResource("/labs/crash-restart.yaml").toURI());
        RunReport r = Labs.run(LabLoader.load(file).lab());
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        StepResult downRun = r.steps().stream().filter(s -> s.exit() == 255).findFirst().orElseThrow();
        assertEquals("r1 is down\n", downRun.stderr());
        assertTrue(r.steps().stream().anyMatch(s -> s.exit() == 137), "a run its node crashed under");
        assertTrue(r.steps().stream().anyMatch(s -> s.exit() == 124), "a run killed at its timeout");
    }
}
