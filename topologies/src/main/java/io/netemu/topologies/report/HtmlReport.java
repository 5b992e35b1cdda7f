package io.netemu.topologies.report;

import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code netemu run --html FILE}: one self-contained page (CSS, script and SVG inline, nothing
 * fetched) with the topology, the faults, each link's state over time, throughput and drops per
 * link, RTT and loss per flow, and the steps. Every text that comes from the lab or the run's
 * output is escaped ({@link Html#esc}); the script only adds interaction, the page reads the same
 * without it.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** The busiest links plotted in the throughput and drop charts. */
    static final int TOP_LINKS = 10;

    public static String write(ReportModel m) {
        RunReport r = m.run();
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>netemu report: ").append(Html.esc(r.name())).append("</title><style>")
                .append(resource("report.css")).append("</style></head>\n<body data-ready=\"0\">\n");
        header(sb, m);
        Telemetry t = m.telemetry();
        double dur = m.durationMs();
        List<Chart.Marker> markers = m.faults().stream()
                .map(f -> new Chart.Marker(f.atMs(), f.target() + " " + f.event() + " at " + Html.f1(f.atMs() / 1000.0) + " s"))
                .toList();
        if (t != null) {
            sb.append("<section id=\"sec-topology\"><h2>Topology</h2><p class=\"note\"><span id=\"node-count\">")
                    .append(t.nodes().size()).append(" nodes</span>, ").append(t.links().size())
                    .append(" links. A link is drawn red if it was cut during the run, amber if a node at its end was down; click one to find it below.</p>")
                    .append(TopologySvg.graph(t, m.linkStates(), m.faults())).append("</section>\n");
        }
        faults(sb, m, dur);
        if (t != null) {
            sb.append("<section id=\"sec-links\"><h2>Link state over time</h2><p class=\"legend-states\">")
                    .append("<span><i style=\"background:#2da44e\"></i>up</span><span><i style=\"background:#cf222e\"></i>down (cable cut)</span>")
                    .append("<span><i style=\"background:#bf8700\"></i>node down</span></p>")
                    .append(TopologySvg.timeline(t, m.linkStates(), dur)).append("</section>\n");
            linkCharts(sb, t, markers, dur);
        }
        FlowCharts.append(sb, m.flows(), markers, dur);
        steps(sb, r.steps());
        sb.append("<script>").append(resource("report.js")).append("</script>\n</body></html>\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, ReportModel m) {
        RunReport r = m.run();
        sb.append("<header><h1>netemu report: ").append(Html.esc(r.name())).append("</h1>");
        String verdict = r.error() != null ? "could not run" : r.ok() ? "every expectation held" : "an expectation failed";
        sb.append("<span class=\"verdict ").append(r.ok() ? "ok" : "failed").append("\">").append(verdict)
                .append(" (exit ").append(r.exitStatus()).append(")</span><dl class=\"summary\">");
        dd(sb, "boot", r.bootMs() + " ms");
        dd(sb, "scenario", Html.f1(m.durationMs() / 1000.0) + " s, " + r.steps().size() + " steps, " + m.faults().size() + " faults");
        if (m.telemetry() != null) {
            Telemetry t = m.telemetry();
            dd(sb, "samples", t.samples() + " every " + t.intervalMs() + " ms of " + t.devices().size() + " devices"
                    + (t.skipped() > 0 ? " (" + t.skipped() + " ticks skipped: the lab was busy)" : ""));
        }
        if (r.error() != null) {
            sb.append("<dt>error</dt><dd><pre>").append(Html.esc(r.error())).append("</pre></dd>");
        }
        sb.append("</dl></header>\n");
    }

    private static void dd(StringBuilder sb, String k, String v) {
        sb.append("<dt>").append(Html.esc(k)).append("</dt><dd>").append(Html.esc(v)).append("</dd>");
    }

    private static void faults(StringBuilder sb, ReportModel m, double dur) {
        sb.append("<section id=\"sec-faults\"><h2>Faults</h2>");
        if (m.faults().isEmpty()) {
            sb.append("<p class=\"note\">No link or node steps in this run.</p></section>\n");
            return;
        }
        int w = 960;
        int left = 40;
        int pw = w - 2 * left;
        sb.append("<svg class=\"fault-axis\" viewBox=\"0 0 960 64\" width=\"960\" height=\"64\" role=\"img\"><line x1=\"")
                .append(left).append("\" x2=\"").append(left + pw).append("\" y1=\"40\" y2=\"40\"/>");
        Chart.timeTicks(sb, left, pw, 58, dur);
        int k = 0;
        for (Timeline.Fault f : m.faults()) {
            double x = left + pw * Math.min(1, f.atMs() / dur);
            String label = f.target() + " " + f.event();
            boolean up = f.event().equals(Timeline.UP) || f.event().equals(StepSpec.ActionStep.RESTART);
            sb.append("<g><title>").append(Html.esc(label)).append(" at ").append(Html.f1(f.atMs() / 1000.0))
                    .append(" s</title><path class=\"f").append(up ? " up" : "").append("\" d=\"M").append(Html.f1(x))
                    .append(" 40l-6 -10h12z\"/><text x=\"").append(Html.f1(x)).append("\" y=\"").append(k++ % 2 == 0 ? 12 : 24)
                    .append("\" text-anchor=\"middle\">").append(Html.esc(label)).append("</text></g>");
        }
        sb.append("</svg><table><tr><th>at</th><th>fault</th><th>target</th><th>until</th><th>exit</th></tr>");
        for (Timeline.Fault f : m.faults()) {
            sb.append("<tr><td class=\"num\">").append(Html.f1(f.atMs() / 1000.0)).append(" s</td><td>")
                    .append(Html.esc(f.kind() + " " + f.event())).append("</td><td>").append(Html.esc(f.target()))
                    .append("</td><td class=\"num\">").append(Html.f1(f.endedMs() / 1000.0)).append(" s</td><td class=\"num")
                    .append(f.exit() == 0 ? "" : " bad").append("\">").append(f.exit()).append("</td></tr>");
        }
        sb.append("</table></section>\n");
    }

    private static void linkCharts(StringBuilder sb, Telemetry t, List<Chart.Marker> markers, double dur) {
        double[] x = new double[t.samples()];
        for (int k = 0; k < x.length; k++) {
            x[k] = t.tMs()[k];
        }
        double[][] bytes = LinkRates.bytesPerSecond(t);
        double[][] drops = LinkRates.dropsPerSecond(t);
        sb.append("<section id=\"sec-throughput\"><h2>Throughput per link</h2>");
        sb.append(linkChart("throughput", "bytes/s received", t, x, bytes, markers, dur));
        sb.append("</section>\n<section id=\"sec-drops\"><h2>Loss per link</h2>");
        sb.append(linkChart("drops", "drops/s", t, x, drops, markers, dur));
        sb.append("</section>\n");
    }

    /** The busiest links' rates, one line each; the legend toggles a line. */
    private static String linkChart(String id, String unit, Telemetry t, double[] x, double[][] rates,
                                    List<Chart.Marker> markers, double dur) {
        List<Integer> busiest = IntStream.range(0, rates.length).boxed()
                .filter(l -> LinkRates.total(rates[l]) > 0)
                .sorted(Comparator.comparingDouble((Integer l) -> -LinkRates.total(rates[l])))
                .limit(TOP_LINKS).toList();
        if (busiest.isEmpty()) {
            return "<p class=\"note\">Nothing on any link.</p>";
        }
        Chart c = new Chart(id, unit, dur).markers(markers);
        for (int k = 0; k < busiest.size(); k++) {
            int l = busiest.get(k);
            Telemetry.Link link = t.links().get(l);
            c.add(new Chart.Series(link.a() + " — " + link.b(), Chart.PALETTE[k % Chart.PALETTE.length], x, rates[l],
                    Chart.Kind.LINE));
        }
        String what = id.equals("drops") ? "Frames dropped per second at both ends of each link, for every reason (qdisc drops included)"
                : "Bytes per second received at both ends of each link";
        String note = "<p class=\"note\">" + what + (busiest.size() < rates.length ? "; the " + busiest.size() + " busiest of "
                + rates.length + " links" : "") + ". Dashed red lines are the faults.</p>";
        return note + c.svg();
    }

    private static void steps(StringBuilder sb, List<StepResult> steps) {
        sb.append("<section id=\"sec-steps\"><h2>Steps</h2><table><tr><th>#</th><th>started</th><th>ended</th><th>step</th>")
                .append("<th>exit</th><th>expect</th></tr>");
        for (int i = 0; i < steps.size(); i++) {
            StepResult s = steps.get(i);
            sb.append("<tr><td class=\"num\">").append(i).append("</td><td class=\"num\">").append(Html.f1(s.startedMs() / 1000.0))
                    .append(" s</td><td class=\"num\">").append(Html.f1(s.endedMs() / 1000.0)).append(" s</td><td><code>")
                    .append(Html.esc(describe(s.step()))).append("</code>");
            String out = (s.stdout() == null ? "" : s.stdout()) + (s.stderr() == null ? "" : s.stderr());
            if (!out.isBlank()) {
                sb.append("<details><summary>output</summary><pre>").append(Html.esc(out)).append("</pre></details>");
            }
            String verdict = s.expectOk() == null ? "" : s.expectOk() ? "held" : "FAILED";
            sb.append("</td><td class=\"num").append(s.exit() == 0 ? "" : " bad").append("\">").append(s.exit())
                    .append("</td><td class=\"").append(s.expectOk() == null ? "" : s.expectOk() ? "good" : "bad").append("\">")
                    .append(verdict).append("</td></tr>");
        }
        sb.append("</table></section>\n");
    }

    static String describe(StepSpec s) {
        if (s instanceof StepSpec.RunStep r) {
            return r.node() + ": " + r.command();
        } else if (s instanceof StepSpec.LinkStep l) {
            return "link " + l.link() + " " + (l.up() ? "up" : "down");
        } else if (s instanceof StepSpec.ActionStep a) {
            return a.node() + ": " + a.action();
        }
        return String.valueOf(s);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
