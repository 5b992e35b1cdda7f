package io.netemu.test.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.report.Flow;
import io.netemu.topologies.report.Flows;
import io.netemu.topologies.run.StepResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading flows from what steps printed: ping's reply lines and summary, iperf3's -J report. */
class FlowsTest {
    private static StepResult step(String command, String stdout, long started) {
        return new StepResult(new StepSpec.RunStep(started * 1_000_000, "h1", command, StepSpec.DEFAULT_TIMEOUT_NANOS, null, 1),
                0, stdout, "", started, started + 3000, null);
    }

    @Test
    void pingRepliesInAnyOrderDuplicatesIgnoredLossFromTheSummary() {
        String out = """
                PING h2 (10.0.2.2) 56(84) bytes of data.
                64 bytes from 10.0.2.2: icmp_seq=1 ttl=64 time=0.045 ms
                64 bytes from 10.0.2.2: icmp_seq=3 ttl=64 time=12.3 ms
                64 bytes from 10.0.2.2: icmp_seq=3 ttl=64 time=12.9 ms (DUP!)
                From 10.0.1.1 icmp_seq=4 Destination Host Unreachable
                64 bytes from 10.0.2.2: icmp_seq=2 ttl=64 time=1016 ms

                --- h2 ping statistics ---
                5 packets transmitted, 3 received, +1 duplicates, +1 errors, 40% packet loss, time 4005ms
                """;
        List<Flow> flows = Flows.of(List.of(step("ping -c 5 -i 0.5 h2", out, 1000), step("ip addr", "", 0)));
        assertEquals(1, flows.size());
        Flow.Ping p = (Flow.Ping) flows.get(0);
        assertEquals(0, p.step());
        assertEquals("10.0.2.2", p.target());
        assertArrayEquals(new int[] {1, 3, 2}, p.seq());
        assertArrayEquals(new double[] {0.045, 12.3, 1016}, p.rttMs());
        assertArrayEquals(new double[] {1000.045, 2012.3, 2516}, p.tMs(), 1e-9);
        assertArrayEquals(new int[] {4, 5}, p.lostSeq());
        assertEquals(40.0, p.lossPct(), 1e-9);
    }

    @Test
    void aPingKilledBeforeItsSummaryCountsTheRepliesItPrinted() {
        String out = "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n64 bytes from 10.0.2.2: icmp_seq=2 ttl=64 time=1.00 ms\n";
        Flow.Ping p = (Flow.Ping) Flows.of(List.of(step("ping 10.0.2.2", out, 0))).get(0);
        assertEquals(-1, p.transmitted());
        assertArrayEquals(new int[] {1}, p.lostSeq());
        assertEquals(50.0, p.lossPct(), 1e-9);
    }

    @Test
    void iperf3JsonIntervals() {
        String out = """
                {
                  "start": {"connecting_to": {"host": "10.0.2.2", "port": 5201}},
                  "intervals": [
                    {"streams": [{"socket": 5, "start": 0, "end": 1.000041, "bytes": 117833728}],
                     "sum": {"start": 0, "end": 1.000041, "seconds": 1.000041, "bytes": 117833728, "bits_per_second": 942631138.6, "omitted": false}},
                    {"streams": [],
                     "sum": {"start": 1.000041, "end": 2.000035, "seconds": 0.999994, "bytes": 118226944, "bits_per_second": 9.458211e8, "omitted": false}}
                  ],
                  "end": {"sum_sent": {"bytes": 236060672}}
                }
                """;
        Flow.Iperf f = (Flow.Iperf) Flows.of(List.of(step("iperf3 -c 10.0.2.2 -t 2 -J", out, 500))).get(0);
        assertNull(f.error());
        assertArrayEquals(new double[] {0, 1.000041}, f.startS());
        assertArrayEquals(new double[] {1.000041, 2.000035}, f.endS());
        assertArrayEquals(new long[] {117833728, 118226944}, f.bytes());
        assertArrayEquals(new double[] {942631138.6, 9.458211e8}, f.bitsPerSecond());

        Flow.Iperf failed = (Flow.Iperf) Flows.of(List.of(step("iperf3 -c 10.0.2.2 -J",
                "{\"start\": {}, \"intervals\": [], \"end\": {}, \"error\": \"unable to connect to server: Connection refused\"}", 0))).get(0);
        assertEquals("unable to connect to server: Connection refused", failed.error());
        Flow.Iperf garbled = (Flow.Iperf) Flows.of(List.of(step("iperf3 -c x -J", "iperf3: command not found", 0))).get(0);
        assertTrue(garbled.error().startsWith("iperf3 -J output unreadable"), garbled.error());
    }
}
