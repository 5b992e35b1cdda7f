package io.netemu.topologies.run;

import java.util.List;

/**
 * The outcome of {@code netemu run}: boot time, every step in file order, whether every
 * expectation held, and the namespaces there were at the end (the lab's nodes and those made
 * with {@code ip netns add}). {@code error} is set (and {@code ok} false) when the lab could not run.
 */
public record RunReport(String name, long bootMs, List<StepResult> steps, boolean ok, String error,
                        List<Namespace> namespaces) {

    /** A namespace at the end of the run: a lab node ({@code createdBy} null) or one a command created. */
    public record Namespace(String name, boolean labNode, String createdBy) {}

    public RunReport(String name, long bootMs, List<StepResult> steps, boolean ok, String error) {
        this(name, bootMs, steps, ok, error, List.of());
    }

    public RunReport {
        steps = List.copyOf(steps);
        namespaces = List.copyOf(namespaces);
    }

    /** The process exit status: 0 all held, 1 an expectation failed, 2 the lab could not run. */
    public int exitStatus() {
        if (error != null) {
            return 2;
        }
        return ok ? 0 : 1;
    }
}
