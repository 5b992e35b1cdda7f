package io.netemu.topologies.report;

import java.util.ArrayList;
import java.util.List;

/**
 * An inline SVG chart over the run's time axis (seconds from the end of boot): lines, points,
 * and crosses along the top edge (events without a value, such as lost echoes), with dashed
 * vertical markers at the faults. No script and no external library: the page draws the same
 * with JavaScript off.
 */
final class Chart {
    enum Kind { LINE, POINTS, CROSSES }

    record Series(String name, String color, double[] xMs, double[] y, Kind kind) {}

    record Marker(double xMs, String label) {}

    static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf"};

    private static final int W = 960;
    private static final int H = 230;
    private static final int LEFT = 64;
    private static final int RIGHT = 190;
    private static final int TOP = 14;
    private static final int BOTTOM = 30;

    private final String id;
    private final String yLabel;
    private final double xMaxMs;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    Chart(String id, String yLabel, double xMaxMs) {
        this.id = id;
        this.yLabel = yLabel;
        this.xMaxMs = Math.max(1, xMaxMs);
    }

    Chart add(Series s) {
        series.add(s);
        return this;
    }

    Chart markers(List<Marker> m) {
        markers.addAll(m);
        return this;
    }

    boolean isEmpty() { return series.isEmpty(); }

    String svg() {
        double yMax = 0;
        for (Series s : series) {
            if (s.kind() != Kind.CROSSES) {
                for (double v : s.y()) {
                    if (Double.isFinite(v)) {
                        yMax = Math.max(yMax, v);
                    }
                }
            }
        }
        yMax = nice(yMax);
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg class=\"chart\" id=\"").append(Html.esc(id)).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" role=\"img\">");
        // grid and axes
        for (int i = 0; i <= 4; i++) {
            double v = yMax * i / 4;
            double py = TOP + ph - ph * i / 4.0;
            sb.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + pw).append("\" y1=\"")
                    .append(Html.f1(py)).append("\" y2=\"").append(Html.f1(py)).append("\"/>");
            sb.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(Html.f1(py + 4))
                    .append("\" text-anchor=\"end\">").append(Html.si(v)).append("</text>");
        }
        timeTicks(sb, LEFT, pw, H - BOTTOM + 16, xMaxMs);
        sb.append("<text class=\"axis\" x=\"12\" y=\"").append(TOP + ph / 2).append("\" transform=\"rotate(-90 12 ")
                .append(TOP + ph / 2).append(")\" text-anchor=\"middle\">").append(Html.esc(yLabel)).append("</text>");
        sb.append("<rect class=\"frame\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(pw)
                .append("\" height=\"").append(ph).append("\"/>");
        for (Marker m : markers) {
            double px = LEFT + pw * Math.min(1, m.xMs() / xMaxMs);
            sb.append("<line class=\"marker\" x1=\"").append(Html.f1(px)).append("\" x2=\"").append(Html.f1(px))
                    .append("\" y1=\"").append(TOP).append("\" y2=\"").append(TOP + ph).append("\"><title>")
                    .append(Html.esc(m.label())).append("</title></line>");
        }
        for (int k = 0; k < series.size(); k++) {
            plot(sb, series.get(k), k, yMax, pw, ph);
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private void plot(StringBuilder sb, Series s, int k, double yMax, int pw, int ph) {
        String name = Html.esc(s.name());
        sb.append("<g class=\"series\" data-series=\"").append(name).append("\" style=\"color:").append(s.color())
                .append("\"><title>").append(name).append("</title>");
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < s.xMs().length; i++) {
            double px = LEFT + pw * Math.min(1, Math.max(0, s.xMs()[i] / xMaxMs));
            double v = s.y()[i];
            if (s.kind() == Kind.CROSSES) {
                double py = TOP + 6;
                sb.append("<path class=\"cross\" d=\"M").append(Html.f1(px - 4)).append(' ').append(Html.f1(py - 4))
                        .append("l8 8m0 -8l-8 8\"/>");
                continue;
            }
            if (!Double.isFinite(v)) {
                pen = false;
                continue;
            }
            double py = TOP + ph - ph * Math.min(1, v / yMax);
            if (s.kind() == Kind.POINTS) {
                sb.append("<circle class=\"pt\" cx=\"").append(Html.f1(px)).append("\" cy=\"").append(Html.f1(py))
                        .append("\" r=\"2.5\"><title>").append(name).append(": ").append(Html.si(v)).append(" at ")
                        .append(Html.f1(s.xMs()[i] / 1000)).append(" s</title></circle>");
            } else {
                path.append(pen ? 'L' : 'M').append(Html.f1(px)).append(' ').append(Html.f1(py));
                pen = true;
            }
        }
        if (!path.isEmpty()) {
            sb.append("<path class=\"line\" d=\"").append(path).append("\"/>");
        }
        sb.append("</g>");
        int ly = TOP + 8 + 16 * k;
        if (ly < H - 8) {
            sb.append("<g class=\"legend\" data-series=\"").append(name).append("\"><rect x=\"").append(W - RIGHT + 12)
                    .append("\" y=\"").append(ly - 8).append("\" width=\"10\" height=\"10\" fill=\"").append(s.color())
                    .append("\"/><text x=\"").append(W - RIGHT + 28).append("\" y=\"").append(ly + 1).append("\">")
                    .append(Html.esc(shorten(s.name()))).append("</text></g>");
        }
    }

    private static String shorten(String s) {
        return s.length() <= 26 ? s : s.substring(0, 25) + "…";
    }

    /** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above {@code v} (1 for nothing to show). */
    static double nice(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Labels along a time axis from x {@code left} over {@code width} px: seconds at round steps, about eight of them. */
    static void timeTicks(StringBuilder sb, double left, double width, int y, double durationMs) {
        double step = nice(Math.max(durationMs / 1000 / 8, 0.001));
        for (int i = 0; i * step <= durationMs / 1000 + 1e-9; i++) {
            double s = i * step;
            double px = left + width * s * 1000 / durationMs;
            sb.append("<text class=\"tick\" x=\"").append(Html.f1(px)).append("\" y=\"").append(y)
                    .append("\" text-anchor=\"middle\">").append(Html.si(s)).append("s</text>");
        }
    }
}
