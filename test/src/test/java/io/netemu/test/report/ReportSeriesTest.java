package io.netemu.test.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.test.e2e.Labs;
import io.netemu.topologies.report.Json;
import io.netemu.topologies.run.ReportJson;
import io.netemu.topologies.run.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report's time series, link states and flows, read back from the JSON a user gets: a ping
 * across a link that is cut at 1.2 s and restored at 2 s, sampled every 100 ms.
 */
class ReportSeriesTest {
    private static RunReport run;
    private static Map<String, Object> json;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void runLab() {
        run = ReportLabs.run(ReportLabs.lab(), "100ms");
        assertEquals(0, run.exitStatus(), () -> Labs.describe(run));
        json = (Map<String, Object>) Json.parse(ReportJson.write(run));
    }

    @Test
    void theSeriesHasOneSampleOrSkipPerIntervalOfTheRun() {
        Map<String, Object> series = map(json.get("series"));
        assertEquals(100.0, series.get("interval_ms"));
        List<Double> t = nums(series.get("t_ms"));
        int samples = ((Double) series.get("samples")).intValue();
        int skipped = ((Double) series.get("skipped")).intValue();
        assertEquals(samples, t.size());
        // ticks at 0, 100, 200 ... until the last step ended (give or take the tick at the end)
        long end = run.steps().stream().mapToLong(s -> s.endedMs()).max().orElseThrow();
        long ticks = end / 100 + 1;
        assertTrue(Math.abs(samples + skipped - ticks) <= 2, samples + " samples + " + skipped + " skipped for " + end + " ms");
        assertTrue(samples >= ticks / 2, "most ticks sampled: " + samples + " of " + ticks);
        for (int k = 1; k < t.size(); k++) {
            assertTrue(t.get(k) > t.get(k - 1), "sample times increase: " + t);
        }
        for (Object d : list(series.get("devices"))) {
            Map<String, Object> dev = map(d);
            for (String c : List.of("tx_packets", "tx_bytes", "rx_packets", "rx_bytes")) {
                assertEquals(samples, list(dev.get(c)).size(), dev.get("device") + " " + c);
            }
            assertEquals(samples, ((String) dev.get("carrier")).length());
        }
    }

    @Test
    void countersNeverDecrease() {
        for (Object d : list(map(json.get("series")).get("devices"))) {
            Map<String, Object> dev = map(d);
            for (String c : List.of("tx_packets", "tx_bytes", "rx_packets", "rx_bytes")) {
                List<Double> v = nums(dev.get(c));
                for (int k = 1; k < v.size(); k++) {
                    assertTrue(v.get(k) >= v.get(k - 1), dev.get("device") + " " + c + " decreased at sample " + k + ": " + v);
                }
            }
            for (Object col : map(dev.get("drops")).values()) {
                List<Double> v = nums(col);
                for (int k = 1; k < v.size(); k++) {
                    assertTrue(v.get(k) >= v.get(k - 1), dev.get("device") + " drops decreased: " + v);
                }
            }
        }
    }

    @Test
    void theCutShowsInTheLinkStatesAndTheCounters() {
        List<Object> faults = list(json.get("faults"));
        assertEquals(2, faults.size(), faults::toString);
        double down = (Double) map(faults.get(0)).get("at_ms");
        double up = (Double) map(faults.get(1)).get("at_ms");
        assertEquals("down", map(faults.get(0)).get("event"));
        assertEquals("r1:eth1", map(faults.get(0)).get("target"));

        Map<String, Object> link = map(list(map(json.get("topology")).get("links")).get(1));
        List<Object> states = list(link.get("states"));
        assertEquals(List.of("up", "down", "up"), states.stream().map(s -> map(s).get("state")).toList());
        assertEquals(down, map(states.get(1)).get("t_ms"));
        assertEquals(up, map(states.get(2)).get("t_ms"));

        Map<String, Object> series = map(json.get("series"));
        List<Double> t = nums(series.get("t_ms"));
        Map<String, Object> h2 = device(series, "h2:eth0");
        List<Double> rx = nums(h2.get("rx_packets"));
        String carrier = (String) h2.get("carrier");
        Double rxInCut = null;
        int inCut = 0;
        for (int k = 0; k < t.size(); k++) {
            if (t.get(k) > down + 100 && t.get(k) < up) {
                inCut++;
                assertEquals('0', carrier.charAt(k), "no carrier during the cut at " + t.get(k) + ": " + carrier);
                if (rxInCut == null) {
                    rxInCut = rx.get(k);
                }
                assertEquals(rxInCut, rx.get(k), "h2:eth0 receives nothing while its cable is cut: " + rx);
            }
            if (t.get(k) < down) {
                assertEquals('1', carrier.charAt(k), "carrier before the cut at " + t.get(k));
            }
        }
        assertTrue(inCut >= 3, "samples during the cut: " + inCut + " in " + t);
        assertTrue(rxInCut > rx.get(0), "h2 received echoes before the cut: " + rx);
        assertTrue(rx.getLast() > rxInCut, "and after the cable came back: " + rx);
        // r1's frames to h2 during the cut are dropped for want of carrier
        Map<String, Object> r1 = device(series, "r1:eth1");
        assertTrue(map(r1.get("drops")).containsKey("NO_CARRIER"), () -> String.valueOf(r1.get("drops")));
    }

    @Test
    void pingRttsInTheFlowsAreThosePingPrinted() {
        List<Object> flows = list(json.get("flows"));
        assertEquals(1, flows.size(), flows::toString);
        Map<String, Object> f = map(flows.get(0));
        assertEquals("ping", f.get("kind"));
        assertEquals("10.0.2.2", f.get("target"));
        String stdout = run.steps().get(0).stdout();
        List<Double> printed = new ArrayList<>();
        List<Double> seqs = new ArrayList<>();
        Matcher m = Pattern.compile("icmp_seq=(\\d+) ttl=\\d+ time=([0-9.]+) ms").matcher(stdout);
        while (m.find()) {
            seqs.add(Double.valueOf(m.group(1)));
            printed.add(Double.valueOf(m.group(2)));
        }
        assertFalse(printed.isEmpty(), stdout);
        Map<String, Object> replies = map(f.get("replies"));
        assertEquals(printed, nums(replies.get("rtt_ms")), stdout);
        assertEquals(seqs, nums(replies.get("seq")));
        assertEquals(14.0, f.get("transmitted"));
        double lost = list(f.get("lost_seq")).size();
        assertEquals(14 - printed.size(), lost, stdout);
        assertTrue(lost >= 1, "the lossy link (20 % each way, seed 7) loses echoes: " + stdout);
        assertEquals(100.0 * lost / 14, (Double) f.get("loss_pct"), 0.001);
    }

    private static Map<String, Object> device(Map<String, Object> series, String name) {
        return list(series.get("devices")).stream().map(ReportSeriesTest::map).filter(d -> name.equals(d.get("device")))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static List<Double> nums(Object o) {
        return list(o).stream().map(x -> (Double) x).toList();
    }
}
