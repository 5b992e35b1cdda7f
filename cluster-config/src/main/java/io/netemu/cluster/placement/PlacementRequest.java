package io.netemu.cluster.placement;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A lab graph to place: node names in the lab's order, links as pairs of node names (a link may
 * repeat a pair; a link from a node to itself never cuts), pinned = node -> member name (the
 * node's {@code placement:} in the lab). The lists and the map are copied: a request is a value.
 */
public record PlacementRequest(List<String> nodes, List<Link> links, List<String> members, Map<String, String> pinned) {
    public PlacementRequest {
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        links = List.copyOf(Objects.requireNonNull(links, "links"));
        members = List.copyOf(Objects.requireNonNull(members, "members"));
        pinned = Map.copyOf(Objects.requireNonNull(pinned, "pinned"));
    }

    /** One veth pair, by the names of the two nodes it joins. */
    public record Link(String a, String b) {
        public Link {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }
    }
}
