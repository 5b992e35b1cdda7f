package io.netemu.topologies.report;

import io.netemu.topologies.run.RunReport;
import java.util.List;

/**
 * Everything the JSON sections and the HTML page show, derived once from a {@link RunReport}:
 * the sampled counters (null when the run did not sample, or could not run), the fault
 * timeline, each link's states over time and the flows read from the steps' output.
 */
public record ReportModel(RunReport run, Telemetry telemetry, List<Timeline.Fault> faults,
                          List<Timeline.LinkStates> linkStates, List<Flow> flows) {

    public static ReportModel of(RunReport r) {
        List<Timeline.Fault> faults = Timeline.faults(r.steps());
        Telemetry t = r.telemetry();
        return new ReportModel(r, t, faults, t == null ? List.of() : Timeline.linkStates(t.links(), faults),
                Flows.of(r.steps()));
    }

    /** The run's length in ms: the last sample, step end or fault, whichever is latest. */
    public long durationMs() {
        long d = 0;
        if (telemetry != null && telemetry.samples() > 0) {
            d = telemetry.tMs()[telemetry.samples() - 1];
        }
        for (var s : run.steps()) {
            d = Math.max(d, s.endedMs());
        }
        return Math.max(d, 1);
    }
}
