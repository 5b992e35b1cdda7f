package io.netemu.test.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netemu run --report --html --sample-interval} as a user runs it: both files, sampled at the interval asked. */
class ReportCliTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void runWritesTheJsonAndTheHtmlReport() throws Exception {
        Files.copy(Path.of(ReportCliTest.class.getResource("/labs/report.yaml").toURI()), dir.resolve("report.yaml"));
        CliProcess.Result r = CliProcess.run(dir, "run", "report.yaml", "--report", "out.json", "--html", "out.html",
                "--sample-interval", "250ms");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("boot done in"), r.stdout());
        Map<String, Object> json = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("out.json")));
        Map<String, Object> series = (Map<String, Object>) json.get("series");
        assertEquals(250.0, series.get("interval_ms"));
        List<Object> steps = (List<Object>) json.get("steps");
        double end = steps.stream().mapToDouble(s -> (Double) ((Map<String, Object>) s).get("ended_ms")).max().orElseThrow();
        double ticks = Math.floor(end / 250) + 1;
        double samples = (Double) series.get("samples");
        double skipped = (Double) series.get("skipped");
        assertTrue(Math.abs(samples + skipped - ticks) <= 2, samples + " + " + skipped + " for " + end + " ms");
        assertEquals(4, ((List<Object>) series.get("devices")).size());
        assertEquals(1, ((List<Object>) json.get("flows")).size());
        assertEquals(2, ((List<Object>) json.get("faults")).size());

        String html = Files.readString(dir.resolve("out.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, Math.min(200, html.length())));
        for (String node : List.of("h1", "r1", "h2")) {
            assertTrue(html.contains("data-node=\"" + node + "\""), node);
        }
    }

    @Test
    void aBadSampleIntervalIsAnError() throws Exception {
        Files.copy(Path.of(ReportCliTest.class.getResource("/labs/report.yaml").toURI()), dir.resolve("report.yaml"));
        CliProcess.Result r = CliProcess.run(dir, "run", "report.yaml", "--report", "out.json", "--sample-interval", "soon");
        assertEquals(2, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("--sample-interval soon: expected a duration"), r.stderr());
    }
}
