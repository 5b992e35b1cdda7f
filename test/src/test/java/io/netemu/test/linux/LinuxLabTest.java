package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.Macs;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle checked against itself, in real Linux only: every lab in {@code linux-labs/} does
 * what its header says, and the specific outcomes the differential tests lean on are there
 * (counts, error lines, derived MACs, kernel-default sysctls).
 */
class LinuxLabTest {

    @BeforeEach
    void linux() {
        LinuxOracle.assumeAvailable();
    }

    @AfterEach
    void nothingLeftBehind() {
        if (LinuxOracle.missing().isEmpty()) {
            assertEquals(List.of(), LinuxOracle.leftBehind(), "runs left behind in " + NetnsView.BASE);
        }
    }

    static List<String> labs() {
        return LinuxOracle.labNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void everyLabMeetsItsOwnExpectations(String name) {
        RunReport r = LinuxLab.run(LinuxOracle.lab(name));
        assertNull(r.error(), r.error());
        for (StepResult s : r.steps()) {
            System.out.printf("[%s line %d, %d..%d ms, exit %d]%n%s%s%n", name, s.step().line(), s.startedMs(),
                    s.endedMs(), s.exit(), s.stdout(), s.stderr());
            assertTrue(s.expectOk() == null || s.expectOk(), () -> name + " line " + s.step().line() + ":\n"
                    + s.stdout() + s.stderr());
        }
        assertTrue(r.ok());
    }

    @Test
    void twoHostsPingWithDerivedMacsAndKernelDefaults() {
        Lab lab = LinuxOracle.lab("two-hosts");
        try (LinuxLab linux = LinuxLab.boot(lab)) {
            Shell.Result ping = linux.exec("h1", "ping -c 2 -i 0.2 -W 1 10.0.0.2", Duration.ofSeconds(10));
            assertEquals(0, ping.exit(), ping.stdout());
            assertEquals(new PingSummary(2, 2, 0, 0, 0), PingSummary.parse(ping.stdout()));

            String link = linux.exec("h2", "ip link show eth0", Duration.ofSeconds(10)).stdout();
            assertTrue(link.contains("link/ether " + Macs.format(Macs.derive("two-hosts", "h2", "eth0"))), link);
            assertTrue(link.contains("mtu 1500") && link.contains("state UP"), link);
            // A new namespace starts at the kernel's defaults, whatever the host has.
            String sysctl = linux.exec("h1", "sysctl net.ipv4.ip_forward net.ipv4.conf.all.rp_filter",
                    Duration.ofSeconds(10)).stdout();
            assertEquals("net.ipv4.ip_forward = 0\nnet.ipv4.conf.all.rp_filter = 0\n", sysctl);
            // No IPv6: netemu does not emulate it, so a Linux node has no inet6 address either.
            String addr = linux.exec("h1", "ip addr show eth0", Duration.ofSeconds(10)).stdout();
            assertFalse(addr.contains("inet6"), addr);
        }
    }

    @Test
    void routerForwardsOnlyWhenForwardingIsOn() {
        assertPing("routed", 0, 2, 2, Set.of());
        assertPing("forwarding-off", 0, 2, 0, Set.of());   // dropped silently: see the lab's header
    }

    @Test
    void ttlOneDiesAtTheRouter() {
        assertPing("ttl-exceeded", 0, 2, 0, Set.of("Time to live exceeded"));
        assertPing("router-chain", 1, 2, 0, Set.of("Time to live exceeded"));
    }

    @Test
    void unknownNeighbourIsReportedWhenArpGivesUp() {
        assertPing("unreachable-host", 0, 4, 0, Set.of("Destination Host Unreachable"));
    }

    @Test
    void tooBigWithDfGetsFragNeeded() {
        assertPing("frag-needed", 0, 2, 0,
                Set.of("Frag needed and DF set (mtu = 1000)", "local error: message too long, mtu=1000"));
    }

    @Test
    void bridgePortsAndAddress() {
        Lab lab = LinuxOracle.lab("bridge");
        try (LinuxLab linux = LinuxLab.boot(lab)) {
            String br = linux.exec("sw1", "ip link show br0", Duration.ofSeconds(10)).stdout();
            assertTrue(br.contains("link/ether " + Macs.format(Macs.derive("bridge", "sw1", "br0"))), br);
            String ports = linux.exec("sw1", "ip link show master br0", Duration.ofSeconds(10)).stdout();
            for (String p : List.of("p1", "p2", "p3")) {
                assertTrue(ports.contains(" " + p + "@"), ports);
            }
            Shell.Result ping = linux.exec("h1", "ping -c 2 -i 0.2 -W 1 10.0.0.3", Duration.ofSeconds(10));
            assertEquals(new PingSummary(2, 2, 0, 0, 0), PingSummary.parse(ping.stdout()), ping.stdout());
        }
    }

    /** Runs {@code lab} and checks its step {@code step}: exit (0 if received == transmitted, else 1), counts, error kinds. */
    private static void assertPing(String lab, int step, int transmitted, int received, Set<String> errorKinds) {
        RunReport r = LinuxLab.run(LinuxOracle.lab(lab));
        assertNull(r.error(), r.error());
        StepResult s = r.steps().get(step);
        String out = s.stdout() + s.stderr();
        assertEquals(received == transmitted ? 0 : 1, s.exit(), out);
        PingSummary p = PingSummary.parse(s.stdout());
        assertEquals(transmitted, p.transmitted(), out);
        assertEquals(received, p.received(), out);
        assertEquals(errorKinds, PingSummary.errorKinds(s.stdout(), s.stderr()), out);
        assertEquals(!errorKinds.isEmpty(), p.errors() > 0, out);
    }
}
