package io.netemu.topologies.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoadResult;
import io.netemu.topologies.lab.LabLoader;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    private static String yaml(Fabric f, int pings) throws IOException {
        StringBuilder sb = new StringBuilder();
        new LabWriter(f).write(sb, "test", true, pings, 1);
        return sb.toString();
    }

    private static Lab load(Fabric f, int pings) throws IOException {
        LabLoadResult r = LabLoader.parse(f.name() + ".yaml", yaml(f, pings));
        assertTrue(r.warnings().isEmpty(), () -> "warnings: " + r.warnings());
        return r.lab();
    }

    private static void assertUniqueAddresses(Fabric f) {
        int[] all = new LabWriter(f).allAddresses();
        Set<Integer> seen = new HashSet<>();
        for (int a : all) {
            assertTrue(seen.add(a), () -> "address used twice: " + LabWriter.ip(a));
        }
        assertEquals(2 * f.linkCount(), seen.size());
    }

    @Test
    void fatTreeK4HasTwentySwitchesAndSixteenHosts() throws IOException {
        Fabric f = Shapes.fatTree(4);
        assertEquals(36, f.nodeCount());
        assertEquals(16, f.hostCount());
        assertEquals(16 + 16 + 16, f.linkCount()); // host, edge-agg, agg-core
        assertUniqueAddresses(f);
        Lab lab = load(f, 20);
        assertEquals(36, lab.nodes().size());
        assertEquals(48, lab.links().size());
        assertEquals(20, lab.steps().size());
    }

    @Test
    void fatTreeK32HasTheIssuesCount() {
        Fabric f = Shapes.fatTree(32);
        assertEquals(9472, f.nodeCount());
        assertEquals(8192, f.hostCount());
        assertEquals(8192 + 32 * 16 * 16 * 2, f.linkCount());
        assertUniqueAddresses(f);
    }

    @Test
    void fatTreeEdgeUsesAllItsAggregationSwitchesAndAggregationAllItsCores() throws IOException {
        String y = yaml(Shapes.fatTree(4), 0);
        String edge = y.substring(y.indexOf("    e0-0:"), y.indexOf("    h0-0-0:"));
        assertTrue(edge.contains("nexthop via 10.0.0.1 nexthop via 10.0.0.3"), edge);
        String agg = y.substring(y.indexOf("    a0-0:"), y.indexOf("    a0-1:"));
        assertTrue(agg.contains("10.128.0.16/28 nexthop via 10.0.0.9 nexthop via 10.0.0.11"), agg);
        assertTrue(y.contains("      sysctl:\n        net.ipv4.ip_forward: 1\n"));
        String host = y.substring(y.indexOf("    h0-0-0:"), y.indexOf("    h0-0-1:"));
        assertTrue(host.contains("ip route add default via 10.128.0.0\n"), host);
        assertTrue(!host.contains("sysctl"), host);
    }

    @Test
    void withoutSummaryEveryRouterHasOneRoutePerOtherHostBlock() throws IOException {
        Fabric f = Shapes.fatTree(4);
        StringBuilder sb = new StringBuilder();
        LabWriter.Stats s = new LabWriter(f).write(sb, null, false, 0, 1);
        // 20 routers: 8 edges see 7 other blocks, 12 others see 8; plus 16 host defaults
        assertEquals(8 * 7 + 12 * 8 + 16, s.routes());
        load(f, 0);
    }

    @Test
    void leafSpineCounts() throws IOException {
        Fabric f = Shapes.leafSpine(4, 6, 3);
        assertEquals(4 + 6 + 18, f.nodeCount());
        assertEquals(18 + 24, f.linkCount());
        assertUniqueAddresses(f);
        load(f, 5);
    }

    @Test
    void linearRingGridRandomCounts() throws IOException {
        Fabric lin = Shapes.linear(5, 2);
        assertEquals(15, lin.nodeCount());
        assertEquals(10 + 4, lin.linkCount());
        Fabric ring = Shapes.ring(5, 1);
        assertEquals(10, ring.nodeCount());
        assertEquals(5 + 5, ring.linkCount());
        Fabric grid = Shapes.grid(4, 3, 1);
        assertEquals(24, grid.nodeCount());
        assertEquals(12 + 3 * 3 + 4 * 2, grid.linkCount());
        Fabric rnd = Shapes.random(30, 4, 7, 1);
        assertEquals(60, rnd.nodeCount());
        assertEquals(30 + 60, rnd.linkCount());
        for (Fabric f : new Fabric[] {lin, ring, grid, rnd}) {
            assertUniqueAddresses(f);
            load(f, 5);
        }
        assertEquals(yaml(Shapes.random(30, 4, 7, 1), 5), yaml(Shapes.random(30, 4, 7, 1), 5), "same seed, same lab");
    }

    @Test
    void interfacesAreNumberedPerNodeInLinkOrder() throws IOException {
        String y = yaml(Shapes.linear(3, 1), 0);
        assertTrue(y.contains("- endpoints: [\"r0:eth0\", \"h0-0:eth0\"]"), y);
        assertTrue(y.contains("- endpoints: [\"r0:eth1\", \"r1:eth1\"]"), y);
        assertTrue(y.contains("- endpoints: [\"r1:eth2\", \"r2:eth1\"]"), y);
    }

    @Test
    void argumentsOutOfRangeSayTheRangeAndWhy() {
        GenException e = assertThrows(GenException.class, () -> Shapes.fatTree(5));
        assertTrue(e.getMessage().contains("even number from 2 to 64"), e.getMessage());
        assertThrows(GenException.class, () -> Shapes.fatTree(66));
        assertTrue(assertThrows(GenException.class, () -> Shapes.ring(2, 1)).getMessage().contains("from 3"));
        assertTrue(assertThrows(GenException.class, () -> Shapes.random(5, 5, 1, 1)).getMessage().contains("--degree"));
        assertTrue(assertThrows(GenException.class, () -> Shapes.leafSpine(2, 2, 200)).getMessage().contains("--hosts"));
        assertThrows(GenException.class, () -> yaml(Shapes.linear(3, 0), 2));
    }
}
