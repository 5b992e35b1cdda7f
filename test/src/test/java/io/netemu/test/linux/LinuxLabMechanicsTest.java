package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The oracle's own machinery, in the shapes netemu's runner produces: scenario timing, timeouts,
 * boot failures, missing commands, and the refusals (impairments, link and action steps).
 */
class LinuxLabMechanicsTest {

    private static final String ONE_NODE = """
            name: mech
            topology:
              nodes:
                h1:
                  exec:
                    - ip addr add 10.0.0.1/24 dev eth0
                h2: {}
              links:
                - endpoints: ["h1:eth0", "h2:eth0"]
            """;

    @BeforeEach
    void linux() {
        LinuxOracle.assumeAvailable();
    }

    @AfterEach
    void nothingLeftBehind() {
        if (!LinuxOracle.missing().isEmpty()) {
            return;   // skipped: there is no Linux lab to have left anything
        }
        assertEquals(List.of(), LinuxOracle.leftBehind(), "runs left behind in " + NetnsView.BASE);
    }

    private static Lab lab(String text) {
        return LabLoader.parse("mech.yaml", text).lab();
    }

    @Test
    void stepsRunAtTheirOffsetsWithoutHoldingEachOtherBack() {
        RunReport r = LinuxLab.run(lab(ONE_NODE + """
                scenario:
                  - {node: h1, run: sleep 1}
                  - {node: h2, run: sleep 1}
                  - {at: 500ms, node: h1, run: ip -br addr show eth0, expect: {stdout: 10.0.0.1/24}}
                """));
        assertTrue(r.ok(), r.toString());
        StepResult a = r.steps().get(0);
        StepResult b = r.steps().get(1);
        StepResult c = r.steps().get(2);
        // Both sleeps start together, and the third step starts at 500 ms while they still run.
        assertTrue(a.startedMs() < 200 && b.startedMs() < 200, r.toString());
        assertTrue(a.endedMs() >= 1000 && b.endedMs() >= 1000 && a.endedMs() < 1800, r.toString());
        assertTrue(c.startedMs() >= 500 && c.startedMs() < 900, r.toString());
    }

    @Test
    void aStepPastItsTimeoutIsKilledWith124() {
        RunReport r = LinuxLab.run(lab(ONE_NODE + """
                scenario:
                  - {node: h1, run: sleep 30, timeout: 1s, expect: {exit: 124}}
                """));
        StepResult s = r.steps().get(0);
        assertEquals(124, s.exit(), s.toString());
        assertTrue(s.endedMs() - s.startedMs() < 5000, s.toString());
        assertTrue(r.ok());
    }

    @Test
    void aMissingCommandAnswersAsAShellDoes() {
        RunReport r = LinuxLab.run(lab(ONE_NODE + """
                scenario:
                  - {node: h1, run: no-such-tool --help}
                """));
        assertEquals(127, r.steps().get(0).exit());
        assertEquals("no-such-tool: command not found\n", r.steps().get(0).stderr());
    }

    @Test
    void aFailingExecLineStopsTheBootInNetemusWords() {
        RunReport r = LinuxLab.run(lab(ONE_NODE.replace("h2: {}", """
                h2:
                      exec:
                        - ip addr add 10.0.0.2/24 dev eth0
                        - ip route add 10.9.0.0/16 via 10.5.0.1
                """.stripTrailing())));
        assertEquals(2, r.exitStatus(), r.toString());
        assertTrue(r.error().startsWith("mech.yaml:10: node h2: exec line 2 'ip route add 10.9.0.0/16 via 10.5.0.1' "
                + "failed (exit 2): "), r.error());
    }

    @Test
    void impairedLinksAreRefusedBeforeAnythingIsCreated() {
        Lab lab = lab(ONE_NODE.replace("\"h2:eth0\"]", "\"h2:eth0\"]\n      delay: 5ms"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinuxLab.run(lab));
        assertTrue(e.getMessage().contains("link h1:eth0 <-> h2:eth0 has impairments"), e.getMessage());
    }

    @Test
    void linkAndActionStepsAreRefused() {
        for (String step : List.of("{link: h1:eth0, state: down}", "{node: h2, action: crash}")) {
            Lab lab = lab(ONE_NODE + "scenario:\n  - " + step + "\n");
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> LinuxLab.run(lab));
            assertTrue(e.getMessage().contains("NO-CARRIER"), e.getMessage());
        }
    }

    private static final String RUNTIME_NS = """
            name: mech
            topology:
              nodes:
                h1:
                  exec:
                    - ip netns add myns
                    - ip link add veth0 type veth peer name veth1 netns myns
            """;

    @Test
    void namespacesACommandMakesAreTheRunsOwnAndGoWithIt() throws Exception {
        String hostBefore = Shell.check(List.of("ip", "netns", "list"));
        try (LinuxLab a = LinuxLab.boot(lab(RUNTIME_NS)); LinuxLab b = LinuxLab.boot(lab(RUNTIME_NS))) {
            // The same name in two runs at once: two namespaces, neither on the machine's /run/netns.
            Shell.Result list = a.exec("h1", "ip netns list", Duration.ofSeconds(10));
            assertEquals("myns (id: 0)\nh1\n", list.stdout(), list.toString());
            assertEquals(hostBefore, Shell.check(List.of("ip", "netns", "list")));
            long inA = NetnsView.inode(a.named("myns")).orElseThrow();
            long inB = NetnsView.inode(b.named("myns")).orElseThrow();
            assertTrue(inA != inB);
            Shell.Result link = a.exec("h1", "ip -o link show veth0", Duration.ofSeconds(10));
            assertTrue(link.stdout().contains("link-netns myns"), link.toString());
        }
        assertEquals(List.of(), LinuxOracle.leftBehind());
    }

    @Test
    void aNamespaceACommandMakesStartsAtTheKernelDefaults() {
        try (LinuxLab l = LinuxLab.boot(lab(RUNTIME_NS))) {
            Shell.Result r = l.exec("h1", "ip netns exec myns sysctl net.ipv6.conf.all.disable_ipv6 "
                    + "net.ipv4.conf.all.rp_filter net.ipv4.conf.default.rp_filter", Duration.ofSeconds(10));
            assertEquals("net.ipv6.conf.all.disable_ipv6 = 1\nnet.ipv4.conf.all.rp_filter = 0\n"
                    + "net.ipv4.conf.default.rp_filter = 0\n", r.stdout(), r.toString());
        }
    }

    @Test
    void aNodeOutlivesItsNameAsAShellInItsNamespaceWould() {
        try (LinuxLab l = LinuxLab.boot(lab(RUNTIME_NS))) {
            assertEquals(0, l.exec("h1", "ip netns del h1", Duration.ofSeconds(10)).exit());
            Shell.Result r = l.exec("h1", "ip -o link show veth0", Duration.ofSeconds(10));
            assertEquals(0, r.exit(), r.toString());
            // Nameless now: identify finds no name for it (and prints the empty line iproute2 does).
            assertEquals("\n", l.exec("h1", "ip netns identify", Duration.ofSeconds(10)).stdout());
        }
    }

    @Test
    void processesLeftInTheRunsNamespacesAreKilledAtClose() throws Exception {
        LinuxLab l = LinuxLab.boot(lab(RUNTIME_NS));
        Thread sleeper = Thread.ofVirtual().start(() -> l.exec("h1", "ip netns exec myns sleep 60", Duration.ofSeconds(90)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (l.exec("h1", "ip netns pids myns", Duration.ofSeconds(10)).stdout().isBlank()) {
            assertTrue(System.nanoTime() < deadline, "sleep never started");
            Thread.sleep(50);
        }
        long start = System.nanoTime();
        l.close();
        sleeper.join(Duration.ofSeconds(10));
        assertFalse(sleeper.isAlive());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertEquals(List.of(), LinuxOracle.leftBehind());
    }
}
