package io.netemu.cluster.placement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where each node of a lab runs.
 *
 * @param memberOf       every node -> its member, in the lab's node order
 * @param cutLinks       links whose ends sit on different members (each repeat of a pair counts)
 * @param nodesPerMember nodes on each member, in the members' order
 * @param balance        max nodes on a member / (nodes / members); 1.0 is perfect (and the value
 *                       for a lab without nodes)
 * @param pinnedCount    nodes placed by their {@code placement:}
 * @param automaticCount nodes placed by the partitioner
 */
public record Placement(Map<String, String> memberOf, int cutLinks, List<Integer> nodesPerMember, double balance,
                        int pinnedCount, int automaticCount) {
    public Placement {
        // an unmodifiable copy that keeps the lab's order (Map.copyOf would not)
        memberOf = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(memberOf, "memberOf")));
        nodesPerMember = List.copyOf(Objects.requireNonNull(nodesPerMember, "nodesPerMember"));
    }

    /**
     * One line for the boot log, e.g. {@code placement: 300 nodes on 3 members (100/100/100), 12 links
     * cross members, balance 1.00, 2 pinned}. The record does not know how many links the lab has;
     * {@link #summary(int)} says "12 of 420 links".
     */
    public String summary() {
        return line(cutLinks + (cutLinks == 1 ? " link crosses" : " links cross"));
    }

    /** As {@link #summary()}, with the lab's link count: {@code ..., 12 of 420 links cross members, ...}. */
    public String summary(int links) {
        return line(cutLinks + " of " + links + (links == 1 ? " link" : " links") + (cutLinks == 1 ? " crosses" : " cross"));
    }

    private String line(String cut) {
        int nodes = memberOf.size();
        int members = nodesPerMember.size();
        String perMember = nodesPerMember.stream().map(String::valueOf).collect(Collectors.joining("/"));
        return String.format(Locale.ROOT, "placement: %d %s on %d %s (%s), %s members, balance %.2f, %d pinned",
                nodes, nodes == 1 ? "node" : "nodes", members, members == 1 ? "member" : "members", perMember, cut,
                balance, pinnedCount);
    }
}
