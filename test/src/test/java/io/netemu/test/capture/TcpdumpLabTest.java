package io.netemu.test.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigValueFactory;
import io.netemu.test.e2e.Labs;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tcpdump} as a process in a node: printed lines (compared with the real tcpdump reading
 * the lab's own capture of the same interface), {@code -w} into the lab's folder with a filter,
 * {@code -Q}, and tcpdump's errors.
 */
class TcpdumpLabTest {
    static final String LAB = """
            name: td
            topology:
              nodes:
                h1:
                  exec:
                    - ip addr add 10.0.0.1/24 dev eth0
                h2:
                  exec:
                    - ip addr add 10.0.0.2/24 dev eth0
              links:
                - endpoints: ["h1:eth0", "h2:eth0"]
            capture: ["h2:eth0"]
            scenario:
              - node: h2
                run: tcpdump -nn -c 6 -i eth0
                expect: {exit: 0}
              - node: h2
                run: tcpdump -i eth0 -c 2 -w out/echo.pcap icmp[icmptype] == icmp-echo
              - node: h2
                run: tcpdump -nn -i eth0 -Q out -c 2 icmp
              - node: h2
                run: tcpdump -nn -i eth9
              - node: h2
                run: tcpdump -nn -i eth0 port
              - at: 100ms
                node: h1
                run: ping -c 2 -i 0.2 10.0.0.2
            """;

    @TempDir
    static Path dir;
    static RunReport report;

    @BeforeAll
    @Timeout(120)
    static void run() throws IOException {
        Path file = dir.resolve("td.yaml");
        Files.writeString(file, LAB);
        Files.createDirectories(dir.resolve("out"));
        report = LabRunner.run(LabLoader.load(file).lab(), RunListener.NONE,
                Labs.testConfig().withValue("netemu.capture.dir", ConfigValueFactory.fromAnyRef(dir.toString())));
    }

    private static StepResult step(int i) {
        return report.steps().get(i);
    }

    @Test
    void printsWhatRealTcpdumpPrintsForTheSameFrames() {
        Tshark.assumeTcpdump();
        StepResult s = step(0);
        assertEquals(0, s.exit(), Labs.describe(report));
        List<String> real = Tshark.tcpdump(dir.resolve("td-h2-eth0.pcap"), "-nn", "-c", "6");
        assertEquals(String.join("\n", real) + "\n", s.stdout());
        assertTrue(s.stdout().contains("ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28"), s.stdout());
        assertTrue(s.stdout().contains("IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id "), s.stdout());
        assertEquals("tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n"
                + "listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n"
                + "6 packets captured\n6 packets received by filter\n0 packets dropped by kernel\n", s.stderr());
    }

    @Test
    void writesTheFilteredFramesIntoTheLabsFolder() {
        Tshark.assume();
        assertEquals(0, step(1).exit(), Labs.describe(report));
        assertTrue(step(1).stderr().startsWith("tcpdump: listening on eth0"), step(1).stderr());
        Path f = dir.resolve("out/echo.pcap");
        assertEquals(List.of("8\t1", "8\t2"), Tshark.fields(f, "icmp.type", "icmp.seq"));
        assertEquals(List.of(), Tshark.malformed(f));
    }

    @Test
    void directionSelectsWhatTheDeviceSent() {
        assertEquals(0, step(2).exit(), Labs.describe(report));
        for (String l : step(2).stdout().split("\n")) {
            assertTrue(l.contains("IP 10.0.0.2 > 10.0.0.1: ICMP echo reply"), step(2).stdout());
        }
    }

    @Test
    void errorsAreTcpdumps() {
        assertEquals(1, step(3).exit());
        assertEquals("tcpdump: eth9: No such device exists\n(SIOCGIFHWADDR: No such device)\n", step(3).stderr());
        assertEquals(1, step(4).exit());
        assertEquals("tcpdump: can't parse filter expression: syntax error\n", step(4).stderr());
    }
}
