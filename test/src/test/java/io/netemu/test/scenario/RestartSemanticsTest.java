package io.netemu.test.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.test.e2e.Labs;
import io.netemu.topologies.run.RunReport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: "a restart boots the node again from the lab, its counters and sockets gone, its links
 * regaining carrier". CrashRestartTest covers the statuses and carrier; this checks that the
 * counters and the neighbour table start again from zero and the peer sees carrier again.
 */
class RestartSemanticsTest {
    private static final String LAB = """
            name: restart
            topology:
              nodes:
                h1:
                  exec:
                    - ip addr add 10.0.1.2/24 dev eth0
                r1:
                  exec:
                    - ip addr add 10.0.1.1/24 dev eth0
              links:
                - endpoints: ["h1:eth0", "r1:eth0"]
            scenario:
              - node: h1
                run: ping -c 20 -i 0.05 10.0.1.1
                expect: {exit: 0}
              - at: 2s
                node: r1
                run: ip -s link show eth0
              - at: 2s
                node: r1
                run: ip neigh show dev eth0
                expect: {stdout: "10.0.1.2"}
              - at: 2.5s
                node: r1
                action: crash
              - at: 2.6s
                node: h1
                run: ip link show eth0
                expect: {stdout: "NO-CARRIER"}
              - at: 3s
                node: r1
                action: restart
                expect: {exit: 0}
              - at: 3.5s
                node: r1
                run: ip -s link show eth0
              - at: 3.5s
                node: r1
                run: ip neigh show dev eth0
                expect: {exit: 0}
              - at: 3.5s
                node: h1
                run: ip link show eth0
                expect: {stdout: "LOWER_UP"}
              - at: 3.5s
                node: r1
                run: ip addr show dev eth0
                expect: {stdout: "10.0.1.1/24"}
            """;

    @Test
    void aRestartedNodeStartsFromItsLabWithFreshCountersAndCarrier() {
        RunReport r = Labs.runVirtual(Labs.parse("restart", LAB));
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        assertTrue(rxPackets(r.steps().get(1).stdout()) >= 20, r.steps().get(1).stdout());
        assertEquals(0, rxPackets(r.steps().get(6).stdout()), "counters start again at boot:\n" + r.steps().get(6).stdout());
        assertEquals("", r.steps().get(7).stdout(), "the neighbour table is gone");
    }

    private static long rxPackets(String ipSLink) {
        Matcher m = Pattern.compile("RX:\\s+bytes\\s+packets.*\\n\\s+\\d+\\s+(\\d+)").matcher(ipSLink);
        assertTrue(m.find(), ipSLink);
        return Long.parseLong(m.group(1));
    }
}
