package io.netemu.test.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigValueFactory;
import io.netemu.test.e2e.Labs;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.ReportJson;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab's {@code capture:} (issue 6, "Captures"): routed pings, with their ARP, recorded on
 * three interfaces; tshark decodes every frame without a malformed-packet warning, the fields
 * are the pings', and each file holds exactly as many frames as its device sent and received.
 */
class LabCaptureTest {
    static final String LAB = """
            name: cap
            topology:
              nodes:
                h1:
                  exec:
                    - ip addr add 10.0.1.2/24 dev eth0
                    - ip route add default via 10.0.1.1
                r1:
                  sysctl:
                    net.ipv4.ip_forward: 1
                  exec:
                    - ip addr add 10.0.1.1/24 dev eth0
                    - ip addr add 10.0.2.1/24 dev eth1
                h2:
                  exec:
                    - ip addr add 10.0.2.2/24 dev eth0
                    - ip route add default via 10.0.2.1
              links:
                - endpoints: ["h1:eth0", "r1:eth0"]
                - endpoints: ["r1:eth1", "h2:eth0"]
                  delay: 5ms
            capture: ["r1:eth0", "h2:eth0"]
            scenario:
              - at: 0s
                node: h1
                run: ping -c 3 -i 0.2 -W 1 10.0.2.2
                expect: {exit: 0}
              - at: 2s
                node: r1
                run: ip -s link show dev eth0
              - at: 2s
                node: h2
                run: ip -s link show dev eth0
              - at: 2s
                node: h1
                run: ip -s link show dev eth0
            """;

    @TempDir
    static Path dir;
    static RunReport report;

    @BeforeAll
    @org.junit.jupiter.api.Timeout(120)
    static void run() {
        Lab lab = Labs.parse("cap", LAB).withCapture(List.of(io.netemu.topologies.lab.Endpoint.parse("h1:eth0")));
        report = LabRunner.run(lab, RunListener.NONE,
                Labs.testConfig().withValue("netemu.capture.dir", ConfigValueFactory.fromAnyRef(dir.toString())));
    }

    private static Path file(String node) {
        return dir.resolve("cap-" + node + "-eth0.pcap");
    }

    @Test
    void reportListsEveryFileWithItsFrameCount() {
        assertTrue(report.ok(), Labs.describe(report));
        assertEquals(List.of("r1:eth0", "h2:eth0", "h1:eth0"), report.captures().stream().map(RunReport.Capture::iface).toList());
        for (RunReport.Capture c : report.captures()) {
            assertNull(c.error());
            assertEquals(Path.of(c.file()), file(c.iface().split(":")[0]));
        }
        String json = ReportJson.write(report);
        assertTrue(json.contains("\"captures\": [\n    {\"interface\": \"r1:eth0\", \"file\": \"" + file("r1") + "\", \"frames\": "), json);
    }

    @Test
    void tsharkDecodesThePingsAndTheirArp() {
        Tshark.assume();
        List<String> rows = Tshark.fields(file("h2"), "frame.number", "eth.src", "arp.opcode", "ip.src", "ip.dst",
                "icmp.type", "icmp.seq", "ip.ttl");
        // r1 asks for h2's address, h2 answers; three echoes arrive routed (TTL 63) and leave answered (TTL 64)
        assertEquals(List.of(
                "1\t" + mac("r1", "eth1") + "\t1\t\t\t\t\t",
                "2\t" + mac("h2", "eth0") + "\t2\t\t\t\t\t",
                "3\t" + mac("r1", "eth1") + "\t\t10.0.1.2\t10.0.2.2\t8\t1\t63",
                "4\t" + mac("h2", "eth0") + "\t\t10.0.2.2\t10.0.1.2\t0\t1\t64",
                "5\t" + mac("r1", "eth1") + "\t\t10.0.1.2\t10.0.2.2\t8\t2\t63",
                "6\t" + mac("h2", "eth0") + "\t\t10.0.2.2\t10.0.1.2\t0\t2\t64",
                "7\t" + mac("r1", "eth1") + "\t\t10.0.1.2\t10.0.2.2\t8\t3\t63",
                "8\t" + mac("h2", "eth0") + "\t\t10.0.2.2\t10.0.1.2\t0\t3\t64"), rows.subList(0, Math.min(8, rows.size())));
        List<String> h1 = Tshark.fields(file("h1"), "ip.src", "ip.dst", "icmp.type", "icmp.seq", "ip.ttl");
        assertTrue(h1.contains("10.0.2.2\t10.0.1.2\t0\t1\t63"), "h1 sees the reply routed back: " + h1);
    }

    @Test
    void tsharkFindsNothingMalformed() {
        Tshark.assume();
        for (String node : List.of("h1", "r1", "h2")) {
            assertEquals(List.of(), Tshark.malformed(file(node)), node);
        }
    }

    @Test
    void frameCountsEqualTheDeviceCounters() {
        Tshark.assume();
        for (String node : List.of("h1", "r1", "h2")) {
            long counted = rxTx(stepOutput(node));
            long captured = report.captures().stream().filter(c -> c.iface().equals(node + ":eth0")).findFirst().orElseThrow().frames();
            assertEquals(counted, captured, node + ":eth0");
            assertEquals(captured, Tshark.fields(file(node), "frame.number").size(), node + ":eth0 per tshark");
        }
    }

    /** Timestamps are the run's clock: the second and third echo reach h2 ping's interval (200 ms) apart. */
    @Test
    void timestampsAreTheRunClock() {
        Tshark.assume();
        List<String> r1 = Tshark.fields(file("h2"), "frame.time_epoch", "icmp.type");
        assertTrue(r1.size() >= 8, String.valueOf(r1));
        double second = Double.parseDouble(r1.get(4).split("\t")[0]);
        double third = Double.parseDouble(r1.get(6).split("\t")[0]);
        assertTrue(third - second > 0.15 && third - second < 0.3, "echoes 200 ms apart: " + r1);
        double now = System.currentTimeMillis() / 1000.0;
        assertTrue(Math.abs(now - third) < 600, "the time of day, not the run's clock origin: " + third);
    }

    static String mac(String node, String iface) {
        long m = io.netemu.topologies.lab.Macs.derive("cap", node, iface);
        return io.netemu.topologies.lab.Macs.format(m);
    }

    private static String stepOutput(String node) {
        for (StepResult s : report.steps()) {
            if (s.step().toString().contains(node) && s.stdout().contains("RX:")) {
                if (s.stdout().contains(node.equals("h1") ? "eth0" : "eth0")) {
                    String stepNode = s.step() instanceof io.netemu.topologies.lab.StepSpec.RunStep r ? r.node() : "";
                    if (stepNode.equals(node)) {
                        return s.stdout();
                    }
                }
            }
        }
        throw new AssertionError("no ip -s link output for " + node + ": " + Labs.describe(report));
    }

    /** rx packets + tx packets from {@code ip -s link}'s RX and TX blocks. */
    static long rxTx(String out) {
        Matcher m = Pattern.compile("(RX|TX):[^\\n]*\\n\\s*(\\d+)\\s+(\\d+)").matcher(out);
        long sum = 0;
        int n = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(3));
            n++;
        }
        assertEquals(2, n, out);
        return sum;
    }
}
