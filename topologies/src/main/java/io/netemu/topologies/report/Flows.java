package io.netemu.topologies.report;

import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.StepResult;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the flows in a run's steps: a run step whose command is {@code ping ...} or
 * {@code iperf3 ... -J} and reads what it printed. Only the printed output is used, so the
 * results are exactly what a user reads in the step's stdout.
 */
public final class Flows {
    private Flows() {}

    private static final Pattern REPLY = Pattern.compile("^\\d+ bytes from [^:]+: icmp_seq=(\\d+) .*?time=([0-9.]+) ms");
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) packets transmitted, (\\d+) received");
    private static final Pattern HEADER = Pattern.compile("^PING \\S+ \\(([^)]+)\\)");

    public static List<Flow> of(List<StepResult> steps) {
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepResult r = steps.get(i);
            if (r == null || !(r.step() instanceof StepSpec.RunStep run)) {
                continue;
            }
            String[] argv = run.command().trim().split("\\s+");
            if (argv[0].equals("ping")) {
                flows.add(ping(i, run.node(), run.command(), argv, r.startedMs(), r.endedMs(), r.stdout()));
            } else if (argv[0].equals("iperf3") && List.of(argv).contains("-J")) {
                flows.add(iperf(i, run.node(), run.command(), r.startedMs(), r.endedMs(), r.stdout()));
            }
        }
        return flows;
    }

    static Flow.Ping ping(int step, String node, String command, String[] argv, long startedMs, long endedMs, String stdout) {
        double intervalMs = 1000;
        String target = null;
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("-i") && i + 1 < argv.length) {
                intervalMs = seconds(argv[++i], intervalMs) * 1000;
            } else if (a.startsWith("-i") && a.length() > 2) {
                intervalMs = seconds(a.substring(2), intervalMs) * 1000;
            } else if (a.startsWith("-") && a.length() == 2 && "cWwsItQpmMlF".indexOf(a.charAt(1)) >= 0) {
                i++; // an option with a value
            } else if (!a.startsWith("-")) {
                target = a;
            }
        }
        List<Integer> seqs = new ArrayList<>();
        List<Double> rtts = new ArrayList<>();
        BitSet seen = new BitSet();
        int transmitted = -1;
        int received = -1;
        for (String line : stdout.split("\n")) {
            Matcher m = REPLY.matcher(line);
            if (m.find() && !line.contains("(DUP!)")) {
                int seq = Integer.parseInt(m.group(1));
                if (!seen.get(seq)) {
                    seen.set(seq);
                    seqs.add(seq);
                    rtts.add(Double.parseDouble(m.group(2)));
                }
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (h.find()) {
                target = h.group(1);
            }
            Matcher s = SUMMARY.matcher(line);
            if (s.find()) {
                transmitted = Integer.parseInt(s.group(1));
                received = Integer.parseInt(s.group(2));
            }
        }
        int sent = transmitted >= 0 ? transmitted : (seen.isEmpty() ? 0 : seen.length() - 1);
        List<Integer> lost = new ArrayList<>();
        for (int q = 1; q <= sent; q++) {
            if (!seen.get(q)) {
                lost.add(q);
            }
        }
        int[] seq = seqs.stream().mapToInt(Integer::intValue).toArray();
        double[] rtt = rtts.stream().mapToDouble(Double::doubleValue).toArray();
        double[] t = new double[seq.length];
        for (int k = 0; k < seq.length; k++) {
            t[k] = startedMs + (seq[k] - 1) * intervalMs + rtt[k];
        }
        return new Flow.Ping(step, node, command, target, startedMs, endedMs, intervalMs, transmitted, received, seq, rtt, t,
                lost.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double seconds(String text, double fallbackMs) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return fallbackMs / 1000;
        }
    }

    /** {@code iperf3 -J}'s report: {@code intervals[].sum} of a client (the JSON iperf3 3.x writes). */
    static Flow.Iperf iperf(int step, String node, String command, long startedMs, long endedMs, String stdout) {
        List<double[]> rows = new ArrayList<>();
        String error = null;
        try {
            Object doc = Json.parse(stdout.strip());
            if (doc instanceof Map<?, ?> m) {
                if (m.get("error") instanceof String e) {
                    error = e;
                }
                if (m.get("intervals") instanceof List<?> intervals) {
                    for (Object o : intervals) {
                        if (o instanceof Map<?, ?> iv && iv.get("sum") instanceof Map<?, ?> sum) {
                            rows.add(new double[] {num(sum.get("start")), num(sum.get("end")), num(sum.get("bytes")),
                                    num(sum.get("bits_per_second"))});
                        }
                    }
                }
            } else {
                error = "iperf3 -J output is not a JSON object";
            }
        } catch (IllegalArgumentException e) {
            error = "iperf3 -J output unreadable: " + e.getMessage();
        }
        int n = rows.size();
        double[] start = new double[n];
        double[] end = new double[n];
        long[] bytes = new long[n];
        double[] bps = new double[n];
        for (int k = 0; k < n; k++) {
            start[k] = rows.get(k)[0];
            end[k] = rows.get(k)[1];
            bytes[k] = (long) rows.get(k)[2];
            bps[k] = rows.get(k)[3];
        }
        return new Flow.Iperf(step, node, command, startedMs, endedMs, start, end, bytes, bps, error);
    }

    private static double num(Object o) {
        return o instanceof Double d ? d : 0;
    }
}
