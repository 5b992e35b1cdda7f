package io.netemu.cluster.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How well the partitioner places: the balance bound on random graphs, and cuts on fabrics
 * measured against what their structure allows (a placement built by hand from that structure).
 */
class PartitionerQualityTest {

    @Test
    void aChainOf300SplitsIntoThreeWithFewCuts() {
        PlacementRequest r = Labs.chain(300, 3);
        Placement p = Partitioner.place(r);

        assertValid(r, p);
        // three contiguous runs cut 2 links, the fewest possible; allow a stray node at each end
        assertTrue(p.cutLinks() <= 4, p::summary);
    }

    @Test
    void aLeafSpineKeepsEachLeafWithItsHosts() {
        // 4 spines, 12 leaves of 24 hosts = 304 nodes, bound 108 per member. A leaf and its hosts are
        // 25 nodes, so a member holds 4 leaves (the spines fit beside 4, not 5); keeping the spines
        // together with 4 leaves cuts the other 8 leaves' 4 spine links each: 32. Splitting a leaf
        // from its hosts cuts up to 24 host links to save at most 4 spine links.
        PlacementRequest r = Labs.leafSpine(4, 12, 24, 3);
        Placement p = Partitioner.place(r);

        assertValid(r, p);
        assertTrue(p.cutLinks() <= 32 + 4, p::summary);
        for (int l = 0; l < 12; l++) {
            assertEquals(p.memberOf().get("leaf" + l), p.memberOf().get("h" + l + "-0"), "leaf" + l);
        }
    }

    @Test
    void aTenThousandNodeLeafSpineDoesAsWellAsWholeLeavesPlacedByHand() {
        // 48 spines, 200 leaves, 49 hosts each: 10,048 nodes, 19,400 links, bound 3,518
        PlacementRequest r = Labs.leafSpine(48, 200, 49, 3);
        Map<String, String> byHand = new HashMap<>();
        for (int s = 0; s < 48; s++) {
            byHand.put("spine" + s, "member-1");
        }
        for (int l = 0; l < 200; l++) {
            String member = l < 69 ? "member-1" : l < 135 ? "member-2" : "member-3"; // 69 leaves fit beside the spines
            byHand.put("leaf" + l, member);
            for (int h = 0; h < 49; h++) {
                byHand.put("h" + l + "-" + h, member);
            }
        }
        Placement p = Partitioner.place(r);

        assertValid(r, p);
        assertTrue(p.cutLinks() <= cutOfValid(r, byHand), () -> p.summary() + " vs by hand " + cutOfValid(r, byHand));
    }

    @Test
    void aFatTreeDoesNearlyAsWellAsWholePodsPlacedByHand() {
        // k = 32: 32 pods of 288 nodes and 256 cores, 9,472 nodes, 24,576 links, bound 3,316.
        // By hand: pods 11/11/10, cores split over the two 11-pod members; a core then reaches 21
        // pods elsewhere: 256 x 21 = 5,376 cut links.
        PlacementRequest r = Labs.fatTree(32, 3);
        Map<String, String> byHand = new HashMap<>();
        for (int c = 0; c < 256; c++) {
            byHand.put("c" + c, c < 128 ? "member-1" : "member-2");
        }
        for (String node : r.nodes()) {
            if (!node.startsWith("c")) {
                int pod = Integer.parseInt(node.substring(1, node.indexOf('-')));
                byHand.put(node, pod < 11 ? "member-1" : pod < 22 ? "member-2" : "member-3");
            }
        }
        Placement p = Partitioner.place(r);

        assertValid(r, p);
        int reference = cutOfValid(r, byHand);
        assertEquals(5_376, reference);
        assertTrue(p.cutLinks() <= reference * 102 / 100, () -> p.summary() + " vs by hand " + reference);
    }

    @Test
    void randomGraphsWithRandomPinsKeepTheBound() {
        for (int seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            int n = 20 + random.nextInt(3_000);
            int m = 2 + random.nextInt(7);
            PlacementRequest r = Labs.random(random, n, n / 2 + random.nextInt(3 * n), m);
            Map<String, String> pins = new HashMap<>();
            for (int i = 0; i < n / 20; i++) {
                pins.put(r.nodes().get(random.nextInt(n)), r.members().get(random.nextInt(m)));
            }
            r = Labs.pinned(r, pins);

            assertValid(r, Partitioner.place(r));
        }
    }

    @Test
    void manyMembersLeaveNoneIdle() {
        // 40 members of at most 80 nodes each could hold 3,200: without a lower bound, cutting fewer
        // links by leaving members nearly empty would be within the upper bound
        PlacementRequest r = Labs.random(new Random(3), 3_000, 6_000, 40);
        Placement p = Partitioner.place(r);

        assertValid(r, p);
        assertTrue(p.nodesPerMember().stream().allMatch(c -> c >= 3_000 / 40 / 2), p::summary);
    }

    @Test
    void nodesWithoutLinksAreSpreadEvenly() {
        PlacementRequest r = new PlacementRequest(Labs.chain(5_000, 3).nodes(), List.of(), Labs.members(3), Map.of());
        Placement p = Partitioner.place(r);

        assertValid(r, p);
        assertEquals(0, p.cutLinks());
    }

    /** Every promise of {@link Placement}, checked from the request and the map alone. */
    static void assertValid(PlacementRequest r, Placement p) {
        int n = r.nodes().size();
        int m = r.members().size();
        assertEquals(r.nodes(), List.copyOf(p.memberOf().keySet()), "every node, in the lab's order");
        int[] count = new int[m];
        int[] pinnedOn = new int[m];
        for (String node : r.nodes()) {
            count[r.members().indexOf(p.memberOf().get(node))]++;
            String pin = r.pinned().get(node);
            if (pin != null) {
                assertEquals(pin, p.memberOf().get(node), node + " is pinned");
                pinnedOn[r.members().indexOf(pin)]++;
            }
        }
        int bound = Labs.bound(n, m);
        int max = 0;
        for (int i = 0; i < m; i++) {
            assertEquals(count[i], p.nodesPerMember().get(i), r.members().get(i));
            int allowed = Math.max(bound, pinnedOn[i]);
            assertTrue(count[i] <= allowed, p.summary() + ": " + r.members().get(i) + " holds " + count[i]
                    + ", bound " + allowed);
            assertTrue(count[i] >= n / m / 2, p.summary() + ": " + r.members().get(i) + " holds " + count[i]
                    + ", under half its share");
            max = Math.max(max, count[i]);
        }
        assertEquals(Labs.cut(r, p), p.cutLinks());
        assertEquals(r.pinned().size(), p.pinnedCount());
        assertEquals(n - r.pinned().size(), p.automaticCount());
        assertEquals(max / ((double) n / m), p.balance(), 1e-9);
    }

    /** The cut of a hand-made placement, after checking it keeps the bound (else it would prove nothing). */
    private static int cutOfValid(PlacementRequest r, Map<String, String> memberOf) {
        Map<String, Integer> count = new HashMap<>();
        memberOf.values().forEach(member -> count.merge(member, 1, Integer::sum));
        int bound = Labs.bound(r.nodes().size(), r.members().size());
        count.forEach((member, c) -> assertTrue(c <= bound, "by hand: " + member + " holds " + c));
        int cut = 0;
        for (PlacementRequest.Link link : r.links()) {
            if (!memberOf.get(link.a()).equals(memberOf.get(link.b()))) {
                cut++;
            }
        }
        return cut;
    }
}
