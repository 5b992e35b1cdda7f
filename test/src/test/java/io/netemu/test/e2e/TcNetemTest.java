package io.netemu.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.run.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code tc qdisc ... root netem} inside a node (issue 6): the qdisc reaches the device actor
 * (ping's RTTs carry its delay), {@code tc -s} reads the device's qdisc counters, and
 * {@code tc qdisc del} takes the delay away.
 */
class TcNetemTest {
    private static final String LAB = """
            name: tc-netem
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
            scenario:
              - at: 0s
                node: h1
                run: tc qdisc add dev eth0 root netem delay 100ms
              - at: 1s
                node: h1
                run: ping -c 3 -i 0.2 -W 2 10.0.0.2
              - at: 3s
                node: h1
                run: tc -s qdisc show dev eth0
              - at: 3s
                node: h1
                run: tc qdisc del dev eth0 root
              - at: 4s
                node: h1
                run: ping -c 3 -i 0.2 -W 2 10.0.0.2
              - at: 5s
                node: h1
                run: tc qdisc show dev eth0
            """;

    private static List<Double> rtts(String out) {
        List<Double> r = new ArrayList<>();
        Matcher m = Pattern.compile("time=([0-9.]+) ms").matcher(out);
        while (m.find()) {
            r.add(Double.parseDouble(m.group(1)));
        }
        return r;
    }

    @Test
    void netemDelayReachesTheWireAndGoesAway() {
        RunReport r = Labs.run(Labs.parse("tc-netem", LAB));
        assertEquals(null, r.error(), () -> Labs.describe(r));
        assertEquals(0, r.steps().get(0).exit(), () -> Labs.describe(r));

        List<Double> slow = rtts(r.steps().get(1).stdout());
        assertEquals(3, slow.size(), () -> Labs.describe(r));
        slow.forEach(t -> assertTrue(t >= 100, () -> "RTT " + t + " with 100 ms of netem delay\n" + Labs.describe(r)));

        String stats = r.steps().get(2).stdout();
        assertTrue(stats.startsWith("qdisc netem 8001: root refcnt 2 limit 1000 delay 100ms\n Sent "), stats);
        Matcher m = Pattern.compile(" Sent (\\d+) bytes (\\d+) pkt \\(dropped 0, overlimits 0 requeues 0\\) \n").matcher(stats);
        assertTrue(m.find(), stats);
        long pkts = Long.parseLong(m.group(2));
        assertTrue(pkts >= 3, "three echo requests (and ARP) went through the qdisc:\n" + stats);
        assertTrue(Long.parseLong(m.group(1)) >= 3 * 98, stats);

        assertEquals(0, r.steps().get(3).exit(), () -> Labs.describe(r));
        List<Double> fast = rtts(r.steps().get(4).stdout());
        assertEquals(3, fast.size(), () -> Labs.describe(r));
        fast.forEach(t -> assertTrue(t < 50, () -> "RTT " + t + " with the qdisc gone\n" + Labs.describe(r)));
        assertEquals("qdisc noqueue 0: root refcnt 2 \n", r.steps().get(5).stdout());
    }
}
