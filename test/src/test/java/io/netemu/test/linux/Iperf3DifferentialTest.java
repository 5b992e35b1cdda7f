package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.iperf3.CJson;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * iperf3 over the same tbf-shaped path (linux-labs/iperf3-tbf.yaml) in real namespaces with real
 * iperf3 and in netemu with netemu's: both -J documents are read by the same code, and the
 * receiver's throughput agrees within ±15 % (the band covers slow start's share of a 4 s test and
 * the kernel's GSO bursts against tbf's bucket, which netemu, without offloads, does not make).
 */
class Iperf3DifferentialTest {
    private static final double BAND = 0.15;

    @Test
    void throughputThroughTbfAsLinux() {
        Lab lab = LinuxOracle.lab("iperf3-tbf");
        RunReport linux = LinuxLab.run(lab);
        assertNull(linux.error(), () -> "Linux: " + linux.error());
        RunReport netemu = LabRunner.run(lab, RunListener.NONE);
        assertNull(netemu.error(), () -> "netemu: " + netemu.error());
        double l = receivedBps(linux.steps().get(1).stdout());
        double n = receivedBps(netemu.steps().get(1).stdout());
        assertEquals(0, netemu.steps().get(0).exit(), netemu.steps().get(0).stdout() + netemu.steps().get(0).stderr());
        System.out.printf("iperf3 through tbf 20mbit: Linux %.2f Mbit/s, netemu %.2f Mbit/s%n", l / 1e6, n / 1e6);
        assertTrue(Math.abs(n - l) <= BAND * l, String.format("receiver: Linux %.2f Mbit/s, netemu %.2f Mbit/s", l / 1e6,
                n / 1e6));
        assertTrue(l <= 20e6 * 1.05 && l >= 20e6 * 0.7, "Linux itself off the shaped rate: " + l / 1e6);
    }

    /** end.sum_received.bits_per_second of an iperf3 -J document. */
    static double receivedBps(String json) {
        Map<?, ?> doc = (Map<?, ?>) CJson.parse(json);
        Map<?, ?> end = (Map<?, ?>) doc.get("end");
        Map<?, ?> recv = (Map<?, ?>) end.get("sum_received");
        return ((Number) recv.get("bits_per_second")).doubleValue();
    }
}
