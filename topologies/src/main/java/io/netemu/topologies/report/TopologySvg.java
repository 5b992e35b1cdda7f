package io.netemu.topologies.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topology as an SVG graph (nodes placed by {@link GraphLayout}, each link coloured by the
 * worst state it was in during the run) and the link states as a timeline, one row per link.
 */
final class TopologySvg {
    private TopologySvg() {}

    private static final int W = 960;

    static String graph(Telemetry t, List<Timeline.LinkStates> states, List<Timeline.Fault> faults) {
        int n = t.nodes().size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(t.nodes().get(i), i);
        }
        List<int[]> edges = new ArrayList<>();
        for (Telemetry.Link l : t.links()) {
            edges.add(new int[] {index.get(Timeline.node(l.a())), index.get(Timeline.node(l.b()))});
        }
        double[][] p = GraphLayout.place(n, edges);
        int h = n <= 12 ? 380 : 560;
        int pad = 40;
        double r = n <= 40 ? 16 : n <= 150 ? 8 : 4;
        boolean labels = n <= 150;
        Set<String> crashed = new HashSet<>();
        for (Timeline.Fault f : faults) {
            if (f.kind().equals("node")) {
                crashed.add(f.target());
            }
        }
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<svg id=\"topology\" viewBox=\"0 0 ").append(W).append(' ').append(h).append("\" width=\"").append(W)
                .append("\" height=\"").append(h).append("\" role=\"img\">");
        for (int l = 0; l < edges.size(); l++) {
            int[] e = edges.get(l);
            Telemetry.Link link = t.links().get(l);
            String worst = worst(states.get(l));
            sb.append("<line class=\"link s-").append(worst).append("\" data-link=\"").append(l).append("\" x1=\"")
                    .append(Html.f1(pad + p[e[0]][0] * (W - 2 * pad))).append("\" y1=\"").append(Html.f1(pad + p[e[0]][1] * (h - 2 * pad)))
                    .append("\" x2=\"").append(Html.f1(pad + p[e[1]][0] * (W - 2 * pad))).append("\" y2=\"")
                    .append(Html.f1(pad + p[e[1]][1] * (h - 2 * pad))).append("\"><title>").append(Html.esc(link.a()))
                    .append(" — ").append(Html.esc(link.b())).append(": ").append(Html.esc(describe(states.get(l))))
                    .append("</title></line>");
        }
        for (int i = 0; i < n; i++) {
            String name = t.nodes().get(i);
            double x = pad + p[i][0] * (W - 2 * pad);
            double y = pad + p[i][1] * (h - 2 * pad);
            sb.append("<g class=\"node").append(crashed.contains(name) ? " crashed" : "").append("\" data-node=\"")
                    .append(Html.esc(name)).append("\"><title>").append(Html.esc(name)).append("</title><circle cx=\"")
                    .append(Html.f1(x)).append("\" cy=\"").append(Html.f1(y)).append("\" r=\"").append(Html.f1(r)).append("\"/>");
            if (labels) {
                sb.append("<text x=\"").append(Html.f1(x)).append("\" y=\"").append(Html.f1(y - r - 4))
                        .append("\" text-anchor=\"middle\">").append(Html.esc(name)).append("</text>");
            }
            sb.append("</g>");
        }
        return sb.append("</svg>").toString();
    }

    /** The link's worst state: a cut beats a node down beats up. */
    private static String worst(Timeline.LinkStates s) {
        String w = Timeline.UP;
        for (String st : s.state()) {
            if (st.equals(Timeline.DOWN)) {
                return Timeline.DOWN;
            }
            if (st.equals(Timeline.NODE_DOWN)) {
                w = st;
            }
        }
        return w;
    }

    static String describe(Timeline.LinkStates s) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < s.tMs().length; k++) {
            sb.append(k == 0 ? "" : ", ").append(s.state()[k]).append(" from ").append(Html.f1(s.tMs()[k] / 1000.0)).append(" s");
        }
        return sb.toString();
    }

    /**
     * One row per link: a bar from 0 to the run's end coloured by state. A lab of more than 60
     * links shows only the links whose state changed (the others were up throughout).
     */
    static String timeline(Telemetry t, List<Timeline.LinkStates> states, double durationMs) {
        List<Integer> rows = new ArrayList<>();
        for (int l = 0; l < states.size(); l++) {
            if (states.size() <= 60 || states.get(l).state().length > 1) {
                rows.add(l);
            }
        }
        int left = 260;
        int rowH = 20;
        int pw = W - left - 20;
        int h = 24 + rows.size() * rowH;
        StringBuilder sb = new StringBuilder(4096);
        if (rows.size() < states.size()) {
            sb.append("<p class=\"note\">").append(states.size() - rows.size())
                    .append(" links were up throughout and are not shown.</p>");
        }
        sb.append("<svg id=\"link-states\" viewBox=\"0 0 ").append(W).append(' ').append(h).append("\" width=\"").append(W)
                .append("\" height=\"").append(h).append("\" role=\"img\">");
        for (int row = 0; row < rows.size(); row++) {
            int l = rows.get(row);
            Telemetry.Link link = t.links().get(l);
            Timeline.LinkStates s = states.get(l);
            int y = 4 + row * rowH;
            sb.append("<g class=\"lsrow\" data-link=\"").append(l).append("\"><text x=\"").append(left - 8).append("\" y=\"")
                    .append(y + 13).append("\" text-anchor=\"end\">").append(Html.esc(link.a() + " — " + link.b())).append("</text>");
            for (int k = 0; k < s.tMs().length; k++) {
                double from = s.tMs()[k];
                double to = k + 1 < s.tMs().length ? s.tMs()[k + 1] : durationMs;
                double x = left + pw * Math.min(1, from / durationMs);
                double w = Math.max(1, pw * (Math.min(to, durationMs) - from) / durationMs);
                sb.append("<rect class=\"s-").append(s.state()[k]).append("\" x=\"").append(Html.f1(x)).append("\" y=\"")
                        .append(y).append("\" width=\"").append(Html.f1(w)).append("\" height=\"").append(rowH - 6)
                        .append("\"><title>").append(Html.esc(link.a() + " — " + link.b())).append(": ").append(s.state()[k])
                        .append(" from ").append(Html.f1(from / 1000)).append(" s to ").append(Html.f1(to / 1000))
                        .append(" s</title></rect>");
            }
            sb.append("</g>");
        }
        int axisY = h - 6;
        Chart.timeTicks(sb, left, pw, axisY, durationMs);
        return sb.append("</svg>").toString();
    }
}
