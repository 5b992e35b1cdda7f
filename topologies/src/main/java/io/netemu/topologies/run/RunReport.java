package io.netemu.topologies.run;

import java.util.List;

/**
 * The outcome of {@code netemu run}: boot time, every step in file order, and whether every
 * expectation held. {@code error} is set (and {@code ok} false) when the lab could not run.
 */
public record RunReport(String name, long bootMs, List<StepResult> steps, boolean ok, String error) {
    /** The process exit status: 0 all held, 1 an expectation failed, 2 the lab could not run. */
    public int exitStatus() {
        if (error != null) {
            return 2;
        }
        return ok ? 0 : 1;
    }
}
