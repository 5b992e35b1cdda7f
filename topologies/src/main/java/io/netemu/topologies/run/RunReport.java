package io.netemu.topologies.run;

import java.util.List;

/**
 * The outcome of {@code netemu run}: boot time, every step in file order, whether every
 * expectation held, and the namespaces there were at the end (the lab's nodes and those made
 * with {@code ip netns add}). {@code error} is set (and {@code ok} false) when the lab could not run.
 * {@code telemetry} holds the sampled counters when the run sampled them (else null);
 * {@code cluster} says where the nodes lived when the lab spanned cluster members (else null).
 */
public record RunReport(String name, long bootMs, List<StepResult> steps, boolean ok, String error,
                        List<Namespace> namespaces, List<Capture> captures,
                        io.netemu.topologies.report.Telemetry telemetry, ClusterReport cluster) {

    /** A pcap file the run wrote for an interface ({@code capture:}, {@code --capture}); {@code error} null when written. */
    public record Capture(String iface, String file, long frames, String error) {}

    public RunReport(String name, long bootMs, List<StepResult> steps, boolean ok, String error,
                     List<Namespace> namespaces) {
        this(name, bootMs, steps, ok, error, namespaces, List.of(), null, null);
    }

    /** A namespace at the end of the run: a lab node ({@code createdBy} null) or one a command created. */
    public record Namespace(String name, boolean labNode, String createdBy) {}

    public RunReport(String name, long bootMs, List<StepResult> steps, boolean ok, String error) {
        this(name, bootMs, steps, ok, error, List.of());
    }

    public RunReport {
        steps = List.copyOf(steps);
        namespaces = List.copyOf(namespaces);
        captures = captures == null ? List.of() : List.copyOf(captures);
    }

    /** The same report with the run's capture files. */
    public RunReport withCaptures(List<Capture> files) {
        return new RunReport(name, bootMs, steps, ok, error, namespaces, files, telemetry, cluster);
    }

    /** The same report with the counters sampled during the run ({@code netemu.report.sample-interval}). */
    public RunReport withTelemetry(io.netemu.topologies.report.Telemetry t) {
        return new RunReport(name, bootMs, steps, ok, error, namespaces, captures, t, cluster);
    }

    /** The same report with where the nodes lived on the cluster. */
    public RunReport withCluster(ClusterReport c) {
        return new RunReport(name, bootMs, steps, ok, error, namespaces, captures, telemetry, c);
    }

    /** The process exit status: 0 all held, 1 an expectation failed, 2 the lab could not run. */
    public int exitStatus() {
        if (error != null) {
            return 2;
        }
        return ok ? 0 : 1;
    }
}
