package io.netemu.topologies.run;

import java.util.List;

/**
 * The report's {@code cluster} section (a run on cluster members only): the placement line, the
 * number of links between members, and per member its address, nodes, state (up, killed, lost),
 * when it went and which nodes went with it, and its link counters (-1: it could not be asked).
 */
final class ClusterJson {
    private ClusterJson() {}

    static void append(StringBuilder sb, ClusterReport c) {
        sb.append(",\n  \"cluster\": {\"placement\": ").append(ReportJson.str(c.placement()))
                .append(", \"cut_links\": ").append(c.cutLinks()).append(", \"members\": [");
        for (int i = 0; i < c.members().size(); i++) {
            ClusterReport.Member m = c.members().get(i);
            sb.append(i == 0 ? "\n    " : ",\n    ").append("{\"name\": ").append(ReportJson.str(m.name()))
                    .append(", \"address\": ").append(ReportJson.str(m.address()))
                    .append(", \"state\": ").append(ReportJson.str(m.state()))
                    .append(", \"lost_at_ms\": ").append(m.lostAtMs())
                    .append(", \"nodes\": ").append(names(m.nodes()))
                    .append(", \"lost_nodes\": ").append(names(m.lostNodes()))
                    .append(", \"link_entries_out\": ").append(m.entriesOut())
                    .append(", \"link_entries_in\": ").append(m.entriesIn())
                    .append(", \"link_batches_out\": ").append(m.batchesOut())
                    .append(", \"partition_dropped_frames\": ").append(m.droppedPartition()).append('}');
        }
        sb.append(c.members().isEmpty() ? "]}" : "\n  ]}");
    }

    private static String names(List<String> names) {
        return "[" + String.join(", ", names.stream().map(ReportJson::str).toList()) + "]";
    }
}
