package io.netemu.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The NIC knobs through the commands users paste (issue 10): ethtool's settings reach the device
 * actors (channels spread frames over queues, counted per queue), and ethtool -S and
 * /proc/net/softnet_stat read the device actors' counters.
 */
class NicCommandsTest {
    private static final String LAB = """
            name: nic-commands
            topology:
              nodes:
                h1:
                  exec:
                    - ip addr add 10.0.0.1/24 dev eth0
                h2:
                  exec:
                    - ip addr add 10.0.0.2/24 dev eth0
                    - ethtool -L eth0 combined 4
                    - ethtool -G eth0 rx 64 tx 512
                    - sysctl -w net.core.dev_weight=128
              links:
                - endpoints: ["h1:eth0", "h2:eth0"]
            scenario:
              - node: h1
                run: ping -c 3 -i 0.1 -W 1 10.0.0.2
              - at: 1s
                node: h2
                run: ethtool -S eth0
              - at: 1s
                node: h2
                run: cat /proc/net/softnet_stat
              - at: 1s
                node: h2
                run: ethtool -g eth0
              - at: 1s
                node: h2
                run: ethtool -K eth0 tso off gro on
              - at: 2s
                node: h2
                run: ethtool -k eth0
              - at: 2s
                node: h2
                run: ethtool -L eth0 combined 65
            """;

    private static long stat(String out, String name) {
        Matcher m = Pattern.compile("\\n\\s+" + Pattern.quote(name) + ": (\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    void ethtoolSettingsReachTheDeviceAndItsCountersComeBack() {
        RunReport r = Labs.run(Labs.parse("nic-commands", LAB));
        assertEquals(null, r.error(), () -> Labs.describe(r));
        assertEquals(0, r.steps().get(0).exit(), () -> Labs.describe(r));
        String stats = r.steps().get(1).stdout();
        long total = 0;
        int echoQueues = 0;
        for (int q = 0; q < 4; q++) {
            long p = stat(stats, "rx_queue_" + q + "_packets");
            assertTrue(p >= 0, "queue " + q + " listed:\n" + stats);
            total += p;
        }
        assertEquals(-1, stat(stats, "rx_queue_4_packets"), "four channels, four queues");
        assertEquals(4, total, "an ARP request and three echo requests:\n" + stats);
        for (int q = 0; q < 4; q++) {
            echoQueues += stat(stats, "rx_queue_" + q + "_packets") >= 3 ? 1 : 0;
        }
        assertEquals(1, echoQueues, "one flow, one queue:\n" + stats);

        String[] rows = r.steps().get(2).stdout().split("\n");
        assertEquals(4, rows.length, "a row per queue index (\"CPU\")");
        long processed = 0;
        for (String row : rows) {
            processed += Long.parseLong(row.split(" ")[0], 16);
        }
        assertEquals(4, processed);

        assertTrue(r.steps().get(3).stdout().contains("Current hardware settings:\nRX:\t\t64\n"), r.steps().get(3).stdout());
        StepResult k = r.steps().get(5);
        assertTrue(k.stdout().contains("\ntcp-segmentation-offload: off\n") && k.stdout().contains("\ngeneric-receive-offload: on\n"),
                k.stdout());
        assertEquals(1, r.steps().get(6).exit(), "65 channels exceed the maximum of 64");
    }
}
