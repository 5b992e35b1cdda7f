package io.netemu.topologies.report;

import java.util.Arrays;
import java.util.List;

/**
 * The flows' part of the page: each ping's RTTs over time (a point per reply, a cross along the
 * top per lost echo), its cumulative loss over time, iperf3's throughput per interval, and a
 * table of every flow's totals.
 */
final class FlowCharts {
    private FlowCharts() {}

    static void append(StringBuilder sb, List<Flow> flows, List<Chart.Marker> markers, double dur) {
        sb.append("<section id=\"sec-flows\"><h2>Flows</h2>");
        if (flows.isEmpty()) {
            sb.append("<p class=\"note\">No ping or iperf3 -J steps in this run.</p></section>\n");
            return;
        }
        Chart rtt = new Chart("rtt", "RTT ms", dur).markers(markers);
        Chart loss = new Chart("flow-loss", "echoes lost so far, %", dur).markers(markers);
        Chart bps = new Chart("iperf", "bits/s", dur).markers(markers);
        int k = 0;
        for (Flow f : flows) {
            String color = Chart.PALETTE[k++ % Chart.PALETTE.length];
            String name = "#" + f.step() + " " + f.node() + " → " + target(f);
            if (f instanceof Flow.Ping p) {
                rtt.add(new Chart.Series(name, color, p.tMs(), p.rttMs(), Chart.Kind.POINTS));
                if (p.lostSeq().length > 0) {
                    double[] lx = new double[p.lostSeq().length];
                    for (int i = 0; i < lx.length; i++) {
                        lx[i] = p.startedMs() + (p.lostSeq()[i] - 1) * p.intervalMs();
                    }
                    rtt.add(new Chart.Series(name + " lost", color, lx, new double[lx.length], Chart.Kind.CROSSES));
                }
                cumulativeLoss(loss, name, color, p);
            } else if (f instanceof Flow.Iperf ip && ip.endS().length > 0) {
                double[] x = new double[ip.endS().length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = ip.startedMs() + ip.endS()[i] * 1000;
                }
                bps.add(new Chart.Series(name, color, x, ip.bitsPerSecond(), Chart.Kind.LINE));
            }
        }
        if (!rtt.isEmpty()) {
            sb.append("<h3>RTT per flow</h3><p class=\"note\">One point per reply (ping's printed time=), a cross on top per echo without reply.</p>")
                    .append(rtt.svg());
        }
        if (!loss.isEmpty()) {
            sb.append("<h3>Loss per flow</h3>").append(loss.svg());
        }
        if (!bps.isEmpty()) {
            sb.append("<h3>iperf3 throughput</h3>").append(bps.svg());
        }
        table(sb, flows);
        sb.append("</section>\n");
    }

    /** After each echo's due time: the share of echoes so far that got no reply. */
    private static void cumulativeLoss(Chart c, String name, String color, Flow.Ping p) {
        int sent = p.seq().length + p.lostSeq().length;
        if (sent == 0) {
            return;
        }
        boolean[] lost = new boolean[sent + 1];
        for (int q : p.lostSeq()) {
            if (q <= sent) {
                lost[q] = true;
            }
        }
        double[] x = new double[sent];
        double[] y = new double[sent];
        int lostSoFar = 0;
        for (int q = 1; q <= sent; q++) {
            if (lost[q]) {
                lostSoFar++;
            }
            x[q - 1] = p.startedMs() + (q - 1) * p.intervalMs();
            y[q - 1] = 100.0 * lostSoFar / q;
        }
        c.add(new Chart.Series(name, color, x, y, Chart.Kind.LINE));
    }

    private static String target(Flow f) {
        return f instanceof Flow.Ping p && p.target() != null ? p.target() : "iperf3";
    }

    private static void table(StringBuilder sb, List<Flow> flows) {
        sb.append("<h3>Flow results</h3><table><tr><th>#</th><th>flow</th><th>started</th><th>sent</th><th>received</th>")
                .append("<th>loss</th><th>RTT min/avg/max</th></tr>");
        for (Flow f : flows) {
            sb.append("<tr><td class=\"num\">").append(f.step()).append("</td><td><code>").append(Html.esc(f.node() + ": " + f.command()))
                    .append("</code></td><td class=\"num\">").append(Html.f1(f.startedMs() / 1000.0)).append(" s</td>");
            if (f instanceof Flow.Ping p) {
                int sent = p.transmitted() >= 0 ? p.transmitted() : p.seq().length + p.lostSeq().length;
                DoubleSummary s = DoubleSummary.of(p.rttMs());
                sb.append("<td class=\"num\">").append(sent).append("</td><td class=\"num\">").append(p.seq().length)
                        .append("</td><td class=\"num").append(p.lossPct() > 0 ? " bad" : "").append("\">")
                        .append(Html.f1(p.lossPct())).append(" %</td><td class=\"num\">")
                        .append(s == null ? "–" : s.min + " / " + SectionsJson.num(s.avg) + " / " + s.max + " ms").append("</td>");
            } else if (f instanceof Flow.Iperf ip) {
                long bytes = Arrays.stream(ip.bytes()).sum();
                sb.append("<td class=\"num\" colspan=\"4\">").append(ip.error() != null ? Html.esc(ip.error())
                        : Html.si(bytes) + "B in " + ip.endS().length + " intervals").append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</table>");
    }

    private record DoubleSummary(String min, double avg, String max) {
        static DoubleSummary of(double[] v) {
            if (v.length == 0) {
                return null;
            }
            double min = Double.MAX_VALUE, max = 0, sum = 0;
            for (double d : v) {
                min = Math.min(min, d);
                max = Math.max(max, d);
                sum += d;
            }
            return new DoubleSummary(SectionsJson.num(min), sum / v.length, SectionsJson.num(max));
        }
    }
}
