package io.netemu.topologies.run;

import java.util.List;

/**
 * How a run used the cluster: the placement, each member with the nodes it hosted, what it
 * sent and received over the links between members, and what a kill took with it.
 */
public record ClusterReport(String placement, int cutLinks, List<Member> members) {

    /**
     * {@code state}: up, killed (by the scenario) or lost (it left on its own); {@code lostNodes}:
     * the nodes that went with it; the link counters as its {@code MemberLinks} counted them
     * (-1 when it could not be asked: it was gone).
     */
    public record Member(String name, String address, List<String> nodes, String state, Long lostAtMs,
                         List<String> lostNodes, long entriesOut, long entriesIn, long batchesOut,
                         long droppedPartition) {}

    public ClusterReport {
        members = List.copyOf(members);
    }
}
