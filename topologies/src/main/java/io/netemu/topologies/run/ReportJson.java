package io.netemu.topologies.run;

import io.netemu.topologies.lab.StepSpec;

/**
 * The report as JSON (topology-format.md "Output"): name, boot_ms, steps in file order with
 * at_ms, node, run, exit, stdout, stderr, started_ms, ended_ms, expect_ok (link steps add
 * link/state, action steps action), the namespaces at the end (name, kind node|netns,
 * created_by), the capture files (interface, file, frames, and error when one could not be
 * written), ok, and error when the lab could not run. A run that sampled its counters adds
 * topology, faults, series and flows ({@link io.netemu.topologies.report.SectionsJson}); a run on
 * cluster members adds cluster ({@link ClusterJson}).
 */
public final class ReportJson {
    private ReportJson() {}

    public static String write(RunReport r) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\n  \"name\": ").append(str(r.name()))
                .append(",\n  \"boot_ms\": ").append(r.bootMs())
                .append(",\n  \"steps\": [");
        for (int i = 0; i < r.steps().size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ");
            step(sb, r.steps().get(i));
        }
        sb.append(r.steps().isEmpty() ? "]" : "\n  ]");
        sb.append(",\n  \"namespaces\": [");
        for (int i = 0; i < r.namespaces().size(); i++) {
            RunReport.Namespace n = r.namespaces().get(i);
            sb.append(i == 0 ? "\n    " : ",\n    ").append("{\"name\": ").append(str(n.name()))
                    .append(", \"kind\": ").append(str(n.labNode() ? "node" : "netns"))
                    .append(", \"created_by\": ").append(str(n.createdBy())).append('}');
        }
        sb.append(r.namespaces().isEmpty() ? "]" : "\n  ]");
        sb.append(",\n  \"captures\": [");
        for (int i = 0; i < r.captures().size(); i++) {
            RunReport.Capture c = r.captures().get(i);
            sb.append(i == 0 ? "\n    " : ",\n    ").append("{\"interface\": ").append(str(c.iface()))
                    .append(", \"file\": ").append(str(c.file()))
                    .append(", \"frames\": ").append(c.frames());
            if (c.error() != null) {
                sb.append(", \"error\": ").append(str(c.error()));
            }
            sb.append('}');
        }
        sb.append(r.captures().isEmpty() ? "]" : "\n  ]");
        if (r.telemetry() != null) {
            io.netemu.topologies.report.SectionsJson.append(sb, io.netemu.topologies.report.ReportModel.of(r));
        }
        if (r.cluster() != null) {
            ClusterJson.append(sb, r.cluster());
        }
        sb.append(",\n  \"ok\": ").append(r.ok());
        if (r.error() != null) {
            sb.append(",\n  \"error\": ").append(str(r.error()));
        }
        return sb.append("\n}\n").toString();
    }

    private static void step(StringBuilder sb, StepResult s) {
        StepSpec spec = s.step();
        sb.append("{\"at_ms\": ").append(spec.atNanos() / 1_000_000);
        switch (spec) {
            case StepSpec.RunStep run -> sb.append(", \"node\": ").append(str(run.node()))
                    .append(", \"run\": ").append(str(run.command()));
            case StepSpec.LinkStep l -> sb.append(", \"node\": null, \"run\": null, \"link\": ").append(str(l.link().toString()))
                    .append(", \"state\": ").append(str(l.up() ? "up" : "down"));
            case StepSpec.ActionStep a -> sb.append(", \"node\": ").append(str(a.node()))
                    .append(", \"run\": null, \"action\": ").append(str(a.action()));
            case StepSpec.MemberStep m -> sb.append(", \"node\": null, \"run\": null, \"members\": [")
                    .append(String.join(", ", m.members().stream().map(ReportJson::str).toList()))
                    .append("], \"action\": ").append(str(m.action()));
        }
        if (spec.repeat() != null) {
            // a repetition of an every/until step: which one, and the step's own timing
            sb.append(", \"repetition\": ").append(spec.repeat().index())
                    .append(", \"every_ms\": ").append(spec.repeat().everyNanos() / 1_000_000)
                    .append(", \"until_ms\": ").append(spec.repeat().untilNanos() / 1_000_000);
        }
        sb.append(", \"exit\": ").append(s.exit())
                .append(", \"stdout\": ").append(str(s.stdout()))
                .append(", \"stderr\": ").append(str(s.stderr()))
                .append(", \"started_ms\": ").append(s.startedMs())
                .append(", \"ended_ms\": ").append(s.endedMs())
                .append(", \"expect_ok\": ").append(s.expectOk() == null ? "null" : s.expectOk().toString())
                .append('}');
    }

    /** {@code s} as a JSON string literal ({@code null} for null). */
    public static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
