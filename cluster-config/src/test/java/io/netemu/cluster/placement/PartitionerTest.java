package io.netemu.cluster.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.cluster.placement.PlacementRequest.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a lab's author sees: pins, errors, the summary line, repeatability. */
class PartitionerTest {

    @Test
    void pinnedNodesStayWhereTheyArePinnedAndTheRestIsBalanced() {
        // neighbours pinned apart: the partitioner must not pull them together to save a cut
        PlacementRequest r = Labs.pinned(Labs.chain(30, 3),
                Map.of("n0", "member-3", "n1", "member-1", "n2", "member-3", "n29", "member-2"));
        Placement p = Partitioner.place(r);

        assertEquals("member-3", p.memberOf().get("n0"));
        assertEquals("member-1", p.memberOf().get("n1"));
        assertEquals("member-3", p.memberOf().get("n2"));
        assertEquals("member-2", p.memberOf().get("n29"));
        assertEquals(4, p.pinnedCount());
        assertEquals(26, p.automaticCount());
        for (int count : p.nodesPerMember()) {
            assertTrue(count <= Labs.bound(30, 3), () -> "over the bound: " + p.summary());
        }
        assertEquals(Labs.cut(r, p), p.cutLinks());
    }

    @Test
    void aMemberWithMorePinsThanTheBoundGetsNoAutomaticNodes() {
        Map<String, String> pins = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            pins.put("n" + (i * 3 / 2), "member-1"); // spread along the chain, 20 of 30
        }
        PlacementRequest r = Labs.pinned(Labs.chain(30, 3), pins);
        Placement p = Partitioner.place(r);

        assertEquals(20, p.nodesPerMember().get(0));
        assertEquals(10, p.nodesPerMember().get(1) + p.nodesPerMember().get(2));
        assertTrue(p.nodesPerMember().get(1) <= Labs.bound(30, 3));
        assertTrue(p.nodesPerMember().get(2) <= Labs.bound(30, 3));
        pins.forEach((node, member) -> assertEquals(member, p.memberOf().get(node)));
        assertEquals(2.0, p.balance(), 1e-9); // 20 / (30 / 3)
    }

    @Test
    void oneMemberTakesEverythingWithoutCuts() {
        PlacementRequest r = Labs.leafSpine(2, 3, 4, 1);
        Placement p = Partitioner.place(r);

        assertEquals(List.of(17), p.nodesPerMember());
        assertTrue(p.memberOf().values().stream().allMatch("member-1"::equals));
        assertEquals(0, p.cutLinks());
        assertEquals(1.0, p.balance());
        assertEquals("placement: 17 nodes on 1 member (17), 0 of 18 links cross members, balance 1.00, 0 pinned",
                p.summary(r.links().size()));
    }

    @Test
    void twoDisjointCliquesLandOnSeparateMembers() {
        // clique membership alternates in the lab's order, so keeping the order would cut every link
        List<String> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            nodes.add("x" + i);
            for (int j = i % 2; j < i; j += 2) {
                links.add(new Link("x" + j, "x" + i));
            }
        }
        PlacementRequest r = new PlacementRequest(nodes, links, Labs.members(2), Map.of());
        Placement p = Partitioner.place(r);

        assertEquals(380, links.size()); // two K20
        assertEquals(0, p.cutLinks());
        assertEquals(0, Labs.cut(r, p));
        assertEquals(List.of(20, 20), p.nodesPerMember());
        for (int i = 2; i < 40; i++) {
            assertEquals(p.memberOf().get("x" + (i % 2)), p.memberOf().get("x" + i));
        }
    }

    @Test
    void repeatedLinksCountEachTimeAndSelfLinksNeverCut() {
        List<Link> links = List.of(new Link("a", "b"), new Link("b", "a"), new Link("a", "b"),
                new Link("a", "a"), new Link("c", "c"));
        PlacementRequest r = new PlacementRequest(List.of("a", "b", "c", "d"), links, Labs.members(2),
                Map.of("a", "member-1", "b", "member-2"));
        Placement p = Partitioner.place(r);

        assertEquals(3, p.cutLinks());
        assertEquals(2, p.pinnedCount());
        assertEquals(2, p.automaticCount());
    }

    @Test
    void theSameRequestGivesTheSamePlacementInTheLabsOrder() {
        PlacementRequest r = Labs.random(new java.util.Random(7), 2_000, 4_000, 4);
        Placement first = Partitioner.place(r);
        Placement again = Partitioner.place(new PlacementRequest(new ArrayList<>(r.nodes()), new ArrayList<>(r.links()),
                new ArrayList<>(r.members()), Map.of()));

        assertEquals(first, again);
        assertEquals(r.nodes(), List.copyOf(first.memberOf().keySet()));
    }

    @Test
    void summaryNamesNodesMembersCutBalanceAndPins() {
        // three separate pairs on three members: the only placement without a cut is a pair per member
        PlacementRequest r = new PlacementRequest(List.of("a", "b", "c", "d", "e", "f"),
                List.of(new Link("a", "b"), new Link("c", "d"), new Link("e", "f")), Labs.members(3),
                Map.of("c", "member-1"));
        Placement p = Partitioner.place(r);

        assertEquals("placement: 6 nodes on 3 members (2/2/2), 0 of 3 links cross members, balance 1.00, 1 pinned",
                p.summary(3));
        assertEquals("placement: 6 nodes on 3 members (2/2/2), 0 links cross members, balance 1.00, 1 pinned",
                p.summary());
    }

    @Test
    void aLabWithoutNodesIsPlacedEmpty() {
        Placement p = Partitioner.place(new PlacementRequest(List.of(), List.of(), Labs.members(3), Map.of()));

        assertEquals(List.of(0, 0, 0), p.nodesPerMember());
        assertEquals(Map.of(), p.memberOf());
        assertEquals(1.0, p.balance());
    }

    @Test
    void moreMembersThanNodes() {
        Placement p = Partitioner.place(Labs.chain(5, 8));

        assertEquals(5, p.nodesPerMember().stream().mapToInt(Integer::intValue).sum());
        assertTrue(p.nodesPerMember().stream().allMatch(c -> c <= Labs.bound(5, 8)));
    }

    @Test
    void aPinToAnUnknownMemberNamesTheNodeTheMemberAndTheMembers() {
        PlacementRequest r = Labs.pinned(Labs.chain(3, 3), Map.of("n2", "member-7"));

        PlacementException e = assertThrows(PlacementException.class, () -> Partitioner.place(r));
        assertEquals("node n2: placement member-7 is not a member of the cluster (members: member-1, member-2,"
                + " member-3); fix the lab's placement: or start that member", e.getMessage());
    }

    @Test
    void noMembersIsAnError() {
        PlacementRequest r = new PlacementRequest(List.of("h1"), List.of(), List.of(), Map.of());

        PlacementException e = assertThrows(PlacementException.class, () -> Partitioner.place(r));
        assertEquals("no cluster members to place the lab's 1 node on; start at least one member (or run the lab"
                + " in one JVM)", e.getMessage());
    }

    @Test
    void badNamesAreErrorsThatSayWhatToFix() {
        List<String> members = Labs.members(2);
        assertEquals("link h1 -- h9: node h9 is not a node of the lab; fix the link's endpoints or add the node",
                message(new PlacementRequest(List.of("h1", "h2"), List.of(new Link("h1", "h9")), members, Map.of())));
        assertEquals("placement of node h3 (on member-1): the lab has no node h3; fix the node's name or remove its"
                + " placement",
                message(new PlacementRequest(List.of("h1", "h2"), List.of(), members, Map.of("h3", "member-1"))));
        assertEquals("node h1 appears twice in the lab; rename one of them",
                message(new PlacementRequest(List.of("h1", "h2", "h1"), List.of(), members, Map.of())));
        assertEquals("member member-1 is listed twice in the cluster's members [member-1, member-1]; each member must"
                + " have its own name",
                message(new PlacementRequest(List.of("h1"), List.of(), List.of("member-1", "member-1"), Map.of())));
    }

    private static String message(PlacementRequest r) {
        return assertThrows(PlacementException.class, () -> Partitioner.place(r)).getMessage();
    }
}
