package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.iperf3.CJson;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code iperf3 -u -c ... -b 10M -t 3 -J} (linux-labs/iperf3-udp.yaml) with Debian's iperf3 3.12 in
 * real namespaces and with netemu's: the documents have the same field paths (a script that reads
 * one reads the other), the same datagram count within a few, and neither lost anything.
 */
class Iperf3UdpDifferentialTest {
    @Test
    void udpJsonAsRealIperf3() {
        LinuxOracle.assumeAvailable();
        LinuxOracle.assumeTool("iperf3", "iperf3");
        Lab lab = LinuxOracle.lab("iperf3-udp");
        RunReport linux = LinuxLab.run(lab);
        assertNull(linux.error(), () -> "Linux: " + linux.error());
        RunReport netemu = LabRunner.run(lab, RunListener.NONE);
        assertNull(netemu.error(), () -> "netemu: " + netemu.error());
        for (RunReport r : List.of(linux, netemu)) {
            var step = r.steps().get(1);
            assertEquals(0, step.exit(), () -> (r == linux ? "Linux" : "netemu") + " iperf3 -u: " + step.stdout() + step.stderr());
        }
        Object l = CJson.parse(linux.steps().get(1).stdout());
        Object n = CJson.parse(netemu.steps().get(1).stdout());
        Set<String> lp = paths(l, "");
        Set<String> np = paths(n, "");
        Set<String> missing = new TreeSet<>(lp);
        missing.removeAll(np);
        Set<String> extra = new TreeSet<>(np);
        extra.removeAll(lp);
        assertEquals(Set.of(), missing, "fields real iperf3 writes and netemu does not");
        assertEquals(Set.of(), extra, "fields netemu writes and real iperf3 does not");
        Map<?, ?> lr = sumReceived(l);
        Map<?, ?> nr = sumReceived(n);
        long lpk = ((Number) lr.get("packets")).longValue();
        long npk = ((Number) nr.get("packets")).longValue();
        System.out.printf("iperf3 -u 10M 3s: Linux %d packets %s lost, netemu %d packets %s lost%n", lpk,
                lr.get("lost_packets"), npk, nr.get("lost_packets"));
        assertTrue(Math.abs(lpk - npk) <= 0.02 * lpk, "datagrams: Linux " + lpk + ", netemu " + npk);
        assertEquals(0L, ((Number) nr.get("lost_packets")).longValue());
    }

    private static Map<?, ?> sumReceived(Object doc) {
        return (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) doc).get("end")).get("sum_received");
    }

    /** Every field path ("/end/streams[]/udp/jitter_ms"), lists read through their first element. */
    static Set<String> paths(Object o, String prefix) {
        Set<String> out = new TreeSet<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.addAll(paths(v, prefix + "/" + k)));
        } else if (o instanceof List<?> l) {
            out.addAll(l.isEmpty() ? Set.of(prefix + "[]") : paths(l.get(0), prefix + "[]"));
        } else {
            out.add(prefix);
        }
        return out;
    }
}
