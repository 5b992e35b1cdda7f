package io.netemu.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The RTTs of one {@code ping} run, from its per-reply lines, and their percentiles. */
record PingLatency(double[] sortedMs, long transmitted) {
    private static final Pattern TIME = Pattern.compile(" time=([0-9.]+) ms");
    private static final Pattern SENT = Pattern.compile("(\\d+) packets transmitted");

    static PingLatency parse(String pingOutput) {
        List<Double> times = new ArrayList<>();
        Matcher m = TIME.matcher(pingOutput);
        while (m.find()) {
            times.add(Double.parseDouble(m.group(1)));
        }
        Matcher s = SENT.matcher(pingOutput);
        long sent = s.find() ? Long.parseLong(s.group(1)) : times.size();
        double[] a = times.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return new PingLatency(a, sent);
    }

    int received() {
        return sortedMs.length;
    }

    /** The nearest-rank percentile {@code p} (0..100) in ms; NaN without replies. */
    double percentile(double p) {
        if (sortedMs.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedMs.length);
        return sortedMs[Math.max(0, Math.min(sortedMs.length - 1, rank - 1))];
    }
}
