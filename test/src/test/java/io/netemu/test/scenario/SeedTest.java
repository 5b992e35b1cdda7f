package io.netemu.test.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.test.e2e.Labs;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same run (issue 6 "Seeds"): a lab with netem loss and jitter, ECMP and four ping
 * flows, run on virtual time, gives the same outputs (RTTs included) and the same counters
 * ({@code ip -s link}, {@code tc -s qdisc}) twice with one seed; another seed loses other packets.
 */
class SeedTest {
    @Test
    void theSameSeedRepeatsARunAndAnotherChangesIt() throws Exception {
        Lab lab = LabLoader.load(Path.of(SeedTest.class.getResource("/labs/seeded.yaml").toURI())).lab();
        List<String> first = outputs(Labs.runVirtual(lab));
        List<String> second = outputs(Labs.runVirtual(lab));
        assertEquals(first, second, "seed 7 twice");
        List<String> other = outputs(Labs.runVirtual(lab.withSeed(8L)));
        assertNotEquals(first.subList(0, 4), other.subList(0, 4), "seed 8 loses other echo requests than seed 7");
        // ECMP used both paths: r1's netem on eth1 (to r2) and on eth2 (to r3) each sent two flows' echo requests
        Matcher m = Pattern.compile("qdisc netem \\S+ dev (eth[12]) .*\n Sent \\d+ bytes (\\d+) pkt").matcher(first.get(7));
        int paths = 0;
        while (m.find()) {
            assertTrue(Integer.parseInt(m.group(2)) >= 20, first.get(7));
            paths++;
        }
        assertEquals(2, paths, first.get(7));
    }

    /** Each step's exit status and output, in file order. */
    private static List<String> outputs(RunReport r) {
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        return r.steps().stream().map(s -> s.exit() + "\n" + s.stdout() + s.stderr()).toList();
    }
}
