package io.netemu.topologies.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The report's sections beside the steps (docs/LABS.md "Output and report"): {@code topology}
 * with each link's states over time, {@code faults}, {@code series} (the sampled counters,
 * one array per counter per device, null where the device did not exist; carrier as a string
 * of 1, 0 and - for absent) and {@code flows}. Appended by ReportJson inside the top object.
 */
public final class SectionsJson {
    private SectionsJson() {}

    public static void append(StringBuilder sb, ReportModel m) {
        Telemetry t = m.telemetry();
        if (t != null) {
            topology(sb, t, m.linkStates());
        }
        sb.append(",\n  \"faults\": [");
        for (int i = 0; i < m.faults().size(); i++) {
            Timeline.Fault f = m.faults().get(i);
            sb.append(i == 0 ? "\n    " : ",\n    ").append("{\"step\": ").append(f.step())
                    .append(", \"at_ms\": ").append(f.atMs()).append(", \"ended_ms\": ").append(f.endedMs())
                    .append(", \"kind\": ").append(str(f.kind())).append(", \"target\": ").append(str(f.target()))
                    .append(", \"event\": ").append(str(f.event())).append(", \"exit\": ").append(f.exit()).append('}');
        }
        sb.append(m.faults().isEmpty() ? "]" : "\n  ]");
        if (t != null) {
            series(sb, t);
        }
        sb.append(",\n  \"flows\": [");
        for (int i = 0; i < m.flows().size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ");
            flow(sb, m.flows().get(i));
        }
        sb.append(m.flows().isEmpty() ? "]" : "\n  ]");
    }

    private static void topology(StringBuilder sb, Telemetry t, List<Timeline.LinkStates> states) {
        sb.append(",\n  \"topology\": {\"nodes\": [");
        for (int i = 0; i < t.nodes().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(str(t.nodes().get(i)));
        }
        sb.append("], \"links\": [");
        for (int l = 0; l < t.links().size(); l++) {
            Telemetry.Link link = t.links().get(l);
            Timeline.LinkStates s = states.get(l);
            sb.append(l == 0 ? "\n    " : ",\n    ").append("{\"a\": ").append(str(link.a())).append(", \"b\": ")
                    .append(str(link.b())).append(", \"states\": [");
            for (int k = 0; k < s.tMs().length; k++) {
                sb.append(k == 0 ? "" : ", ").append("{\"t_ms\": ").append(s.tMs()[k]).append(", \"state\": ")
                        .append(str(s.state()[k])).append('}');
            }
            sb.append("]}");
        }
        sb.append(t.links().isEmpty() ? "]}" : "\n  ]}");
    }

    private static void series(StringBuilder sb, Telemetry t) {
        sb.append(",\n  \"series\": {\"interval_ms\": ").append(t.intervalMs()).append(", \"samples\": ").append(t.samples())
                .append(", \"skipped\": ").append(t.skipped()).append(",\n    \"t_ms\": ");
        longs(sb, t.tMs());
        sb.append(",\n    \"devices\": [");
        for (int d = 0; d < t.devices().size(); d++) {
            Telemetry.DeviceSeries s = t.devices().get(d);
            sb.append(d == 0 ? "\n      " : ",\n      ").append("{\"device\": ").append(str(s.name()))
                    .append(", \"link\": ").append(s.link()).append(",\n       \"carrier\": \"");
            for (byte c : s.carrier()) {
                sb.append(c == Telemetry.CARRIER_ABSENT ? '-' : c == 1 ? '1' : '0');
            }
            sb.append("\",\n       \"tx_packets\": ");
            longs(sb, s.txPackets());
            sb.append(",\n       \"tx_bytes\": ");
            longs(sb, s.txBytes());
            sb.append(",\n       \"rx_packets\": ");
            longs(sb, s.rxPackets());
            sb.append(",\n       \"rx_bytes\": ");
            longs(sb, s.rxBytes());
            sb.append(",\n       \"drops\": {");
            for (int k = 0; k < s.drops().size(); k++) {
                Telemetry.Drops col = s.drops().get(k);
                sb.append(k == 0 ? "" : ", ").append(str(col.reason())).append(": ");
                longs(sb, col.values());
            }
            sb.append("}}");
        }
        sb.append(t.devices().isEmpty() ? "]}" : "\n    ]}");
    }

    private static void flow(StringBuilder sb, Flow f) {
        sb.append("{\"step\": ").append(f.step()).append(", \"kind\": ")
                .append(str(f instanceof Flow.Ping ? "ping" : "iperf3")).append(", \"node\": ").append(str(f.node()))
                .append(", \"command\": ").append(str(f.command())).append(", \"started_ms\": ").append(f.startedMs())
                .append(", \"ended_ms\": ").append(f.endedMs());
        switch (f) {
            case Flow.Ping p -> {
                sb.append(", \"target\": ").append(str(p.target())).append(", \"interval_ms\": ").append(num(p.intervalMs()))
                        .append(", \"transmitted\": ").append(p.transmitted()).append(", \"received\": ").append(p.received())
                        .append(", \"loss_pct\": ").append(num(p.lossPct())).append(",\n     \"replies\": {\"seq\": [");
                for (int k = 0; k < p.seq().length; k++) {
                    sb.append(k == 0 ? "" : ", ").append(p.seq()[k]);
                }
                sb.append("], \"rtt_ms\": ");
                doubles(sb, p.rttMs());
                sb.append(", \"t_ms\": ");
                doubles(sb, p.tMs());
                sb.append("}, \"lost_seq\": [");
                for (int k = 0; k < p.lostSeq().length; k++) {
                    sb.append(k == 0 ? "" : ", ").append(p.lostSeq()[k]);
                }
                sb.append("]}");
            }
            case Flow.Iperf ip -> {
                sb.append(", \"intervals\": {\"start_s\": ");
                doubles(sb, ip.startS());
                sb.append(", \"end_s\": ");
                doubles(sb, ip.endS());
                sb.append(", \"bytes\": ");
                longs(sb, ip.bytes());
                sb.append(", \"bits_per_second\": ");
                doubles(sb, ip.bitsPerSecond());
                sb.append('}');
                if (ip.error() != null) {
                    sb.append(", \"error\": ").append(str(ip.error()));
                }
                sb.append('}');
            }
        }
    }

    /** Absent values ({@link Telemetry#ABSENT}) as null. */
    private static void longs(StringBuilder sb, long[] v) {
        sb.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (v[i] == Telemetry.ABSENT) {
                sb.append("null");
            } else {
                sb.append(v[i]);
            }
        }
        sb.append(']');
    }

    private static void doubles(StringBuilder sb, double[] v) {
        sb.append('[');
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ",").append(num(v[i]));
        }
        sb.append(']');
    }

    /** A plain decimal, at most 3 places (ping prints RTTs to the microsecond), never an exponent. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    static String str(String s) {
        return io.netemu.topologies.run.ReportJson.str(s);
    }
}
