package io.netemu.topologies.gen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import org.junit.jupiter.api.Test;

/** Boots generated labs and checks the generated routes carry pings between random host pairs. */
class GeneratedLabRunTest {
    private static void runs(Fabric f, int pings, long seed) throws Exception {
        StringBuilder sb = new StringBuilder();
        new LabWriter(f).write(sb, null, true, pings, seed);
        Lab lab = LabLoader.parse(f.name() + ".yaml", sb.toString()).lab();
        RunReport r = LabRunner.run(lab, RunListener.NONE);
        StringBuilder why = new StringBuilder(f.name()).append(" error=").append(r.error());
        for (StepResult s : r.steps()) {
            if (!Boolean.TRUE.equals(s.expectOk())) {
                why.append("\n").append(s.step()).append(" -> ").append(s.exit()).append("\n").append(s.stdout()).append(s.stderr());
            }
        }
        assertTrue(r.ok(), why::toString);
    }

    @Test
    void fatTreeK4PingsASample() throws Exception {
        runs(Shapes.fatTree(4), 20, 3);
    }

    @Test
    void ringPingsASample() throws Exception {
        runs(Shapes.ring(7, 1), 10, 5);
    }
}
