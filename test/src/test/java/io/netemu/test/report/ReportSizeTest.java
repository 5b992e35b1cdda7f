package io.netemu.test.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.report.HtmlReport;
import io.netemu.topologies.report.ReportModel;
import io.netemu.topologies.report.Telemetry;
import io.netemu.topologies.run.ReportJson;
import io.netemu.topologies.run.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The report of a large lab stays small: 100 nodes and 150 links sampled every 100 ms for 60 s
 * (300 devices, 601 samples, busy counters and some drops) make a JSON of a few MB, and the
 * HTML page, which plots only the busiest links, stays far below that.
 */
class ReportSizeTest {
    @Test
    void aHundredNodesForAMinuteIsAFewMegabytes() {
        int nodes = 100;
        int links = 150;
        int samples = 601;
        SplittableRandom rnd = new SplittableRandom(1);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            names.add("node" + i);
        }
        List<Telemetry.Link> ls = new ArrayList<>();
        List<Telemetry.DeviceSeries> devices = new ArrayList<>();
        long[] t = new long[samples];
        for (int k = 0; k < samples; k++) {
            t[k] = 100L * k;
        }
        for (int l = 0; l < links; l++) {
            String a = "node" + (l % nodes) + ":eth" + (l / nodes);
            String b = "node" + ((l * 7 + 1) % nodes) + ":eth" + (2 + l / nodes);
            ls.add(new Telemetry.Link(a, b));
            for (int side = 0; side < 2; side++) {
                long[][] c = new long[4][samples];
                long[] drops = new long[samples];
                byte[] carrier = new byte[samples];
                for (int k = 1; k < samples; k++) {
                    long pkts = rnd.nextInt(200); // up to 2000 packets/s per direction
                    c[0][k] = c[0][k - 1] + pkts;
                    c[1][k] = c[1][k - 1] + pkts * 1400;
                    c[2][k] = c[2][k - 1] + pkts;
                    c[3][k] = c[3][k - 1] + pkts * 1400;
                    drops[k] = drops[k - 1] + (rnd.nextInt(20) == 0 ? 1 : 0);
                    carrier[k] = 1;
                }
                String end = side == 0 ? a : b;
                devices.add(new Telemetry.DeviceSeries(end.substring(0, end.indexOf(':')), end.substring(end.indexOf(':') + 1), l,
                        c[0], c[1], c[2], c[3], List.of(new Telemetry.Drops("QDISC_LOSS", drops)), carrier));
            }
        }
        RunReport r = new RunReport("big", 5000, List.of(), true, null, List.of())
                .withTelemetry(new Telemetry(100, t, 0, names, ls, devices));
        int json = ReportJson.write(r).length();
        int html = HtmlReport.write(ReportModel.of(r)).length();
        assertTrue(json < 8_000_000, "JSON of " + json + " bytes");
        assertTrue(html < 1_000_000, "HTML of " + html + " bytes");
        System.out.printf("100 nodes, 150 links, 60 s at 100 ms: JSON %d bytes, HTML %d bytes%n", json, html);
    }
}
