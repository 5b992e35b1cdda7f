package io.netemu.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.gen.LabWriter;
import io.netemu.topologies.gen.Shapes;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.run.RunReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: a generated 1,000-node fabric (leaf-spine: 8 spines, 32 leaves, 30 hosts each) boots,
 * its generated routes carry a sample of 50 host-to-host pings, and it shuts down cleanly: three
 * boots in one JVM leave no threads behind and no heap that grows from boot to boot.
 */
class GeneratedFabricTest {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private static long liveHeap() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void aThousandNodeFabricBootsPingsAndLeavesNothingBehind() throws Exception {
        StringBuilder yaml = new StringBuilder();
        new LabWriter(Shapes.leafSpine(8, 32, 30)).write(yaml, null, true, 50, 7);
        Lab lab = Labs.parse("leafspine-1000", yaml.toString());
        assertEquals(1000, lab.nodes().size());

        int threadsBefore = Thread.activeCount();
        long[] heapAfter = new long[3];
        for (int run = 0; run < 3; run++) {
            RunReport r = Labs.run(lab);
            assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
            assertEquals(50, r.steps().stream().filter(s -> Boolean.TRUE.equals(s.expectOk())).count());
            heapAfter[run] = liveHeap();
        }
        // the actor system's threads stop with each run (a few may still be winding down)
        for (int i = 0; i < 50 && Thread.activeCount() > threadsBefore + 2; i++) {
            Thread.sleep(100);
        }
        assertTrue(Thread.activeCount() <= threadsBefore + 2,
                "threads before " + threadsBefore + ", after three runs " + Thread.activeCount());
        // a leak of the lab would be ~25 MB a run (1,000 namespaces); allow GC noise well below that
        long growth = heapAfter[2] - heapAfter[0];
        assertTrue(growth < 8L << 20, "live heap grew by " + (growth >> 20) + " MiB from the first run's end to the third's");
    }
}
