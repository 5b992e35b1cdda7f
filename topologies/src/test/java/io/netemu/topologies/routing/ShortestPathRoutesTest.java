package io.netemu.topologies.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShortestPathRoutesTest {

    /** A lab in YAML from node -> (forwards, exec lines) and links "a:if b:if". */
    static final class L {
        final Map<String, List<String>> exec = new LinkedHashMap<>();
        final Map<String, String> kind = new LinkedHashMap<>();
        final List<String> links = new ArrayList<>();

        L router(String n, String... lines) { kind.put(n, "r"); exec.put(n, List.of(lines)); return this; }

        L host(String n, String... lines) { kind.put(n, "h"); exec.put(n, List.of(lines)); return this; }

        L bridge(String n) { kind.put(n, "b"); exec.put(n, List.of()); return this; }

        L link(String a, String b) { links.add("[\"" + a + "\", \"" + b + "\"]"); return this; }

        String yaml() {
            StringBuilder sb = new StringBuilder("name: t\nrouting: shortest-path\ntopology:\n  nodes:\n");
            exec.forEach((n, lines) -> {
                sb.append("    ").append(n).append(":\n");
                if (kind.get(n).equals("b")) {
                    sb.append("      kind: bridge\n");
                }
                if (kind.get(n).equals("r")) {
                    sb.append("      sysctl: {net.ipv4.ip_forward: 1}\n");
                }
                if (!lines.isEmpty()) {
                    sb.append("      exec:\n");
                    lines.forEach(l -> sb.append("        - ").append(l).append('\n'));
                }
            });
            sb.append("  links:\n");
            links.forEach(l -> sb.append("    - endpoints: ").append(l).append('\n'));
            return sb.toString();
        }

        ShortestPathRoutes compute() {
            Lab lab = LabLoader.parse("t.yaml", yaml()).lab();
            assertEquals(Lab.ROUTING_SHORTEST_PATH, lab.routing());
            return ShortestPathRoutes.compute(lab);
        }
    }

    static String a(String addr, String dev) { return "ip addr add " + addr + " dev " + dev; }

    @Test
    void chain() {
        // h1 - r1 - r2 - r3 - h2
        ShortestPathRoutes r = new L()
                .host("h1", a("10.0.1.2/24", "eth0"))
                .router("r1", a("10.0.1.1/24", "eth0"), a("10.0.12.1/30", "eth1"))
                .router("r2", a("10.0.12.2/30", "eth0"), a("10.0.23.1/30", "eth1"))
                .router("r3", a("10.0.23.2/30", "eth0"), a("10.0.2.1/24", "eth1"))
                .host("h2", a("10.0.2.2/24", "eth0"))
                .link("h1:eth0", "r1:eth0").link("r1:eth1", "r2:eth0").link("r2:eth1", "r3:eth0").link("r3:eth1", "h2:eth0")
                .compute();
        assertEquals(List.of("ip route add default via 10.0.1.1 dev eth0"), r.commands("h1"));
        assertEquals(List.of("ip route add default via 10.0.2.1 dev eth0"), r.commands("h2"));
        assertEquals(List.of(
                "ip route add 10.0.23.0/30 via 10.0.12.2 dev eth1",
                "ip route add 10.0.2.0/24 via 10.0.12.2 dev eth1"), r.commands("r1"));
        assertEquals(List.of(
                "ip route add 10.0.1.0/24 via 10.0.12.1 dev eth0",
                "ip route add 10.0.2.0/24 via 10.0.23.2 dev eth1"), r.commands("r2"));
        assertEquals(2 + 2 + 2 + 2, r.routeCount());
    }

    static L diamond() {
        //        r2
        // h1 - r1    r4 - h2
        //        r3
        return new L()
                .host("h1", a("10.0.1.2/24", "eth0"))
                .router("r1", a("10.0.1.1/24", "eth0"), a("10.1.12.1/30", "eth1"), a("10.1.13.1/30", "eth2"))
                .router("r2", a("10.1.12.2/30", "eth0"), a("10.1.24.1/30", "eth1"))
                .router("r3", a("10.1.13.2/30", "eth0"), a("10.1.34.1/30", "eth1"))
                .router("r4", a("10.1.24.2/30", "eth0"), a("10.1.34.2/30", "eth1"), a("10.0.2.1/24", "eth2"))
                .host("h2", a("10.0.2.2/24", "eth0"))
                .link("h1:eth0", "r1:eth0").link("r1:eth1", "r2:eth0").link("r1:eth2", "r3:eth0")
                .link("r2:eth1", "r4:eth0").link("r3:eth1", "r4:eth1").link("r4:eth2", "h2:eth0");
    }

    @Test
    void diamondHasEcmp() {
        ShortestPathRoutes r = diamond().compute();
        assertTrue(r.commands("r1").contains(
                "ip route add 10.0.2.0/24 nexthop via 10.1.12.2 dev eth1 nexthop via 10.1.13.2 dev eth2"), r.commands("r1").toString());
        assertTrue(r.commands("r4").contains(
                "ip route add 10.0.1.0/24 nexthop via 10.1.24.1 dev eth0 nexthop via 10.1.34.1 dev eth1"), r.commands("r4").toString());
        // r2 reaches 10.1.34.0/30 (r3-r4) via r4 only: one hop
        assertTrue(r.commands("r2").contains("ip route add 10.1.34.0/30 via 10.1.24.2 dev eth1"), r.commands("r2").toString());
        assertTrue(r.commands("r2").contains("ip route add 10.1.13.0/30 via 10.1.12.1 dev eth0"), r.commands("r2").toString());
        assertEquals(List.of("ip route add default via 10.0.1.1 dev eth0"), r.commands("h1"));
    }

    @Test
    void ringOfFiveTakesTheShortWay() {
        // r0..r4 in a ring, link i between r(i) and r(i+1), subnet 10.9.i.0/30; odd ring: no ties
        L l = new L();
        for (int i = 0; i < 5; i++) {
            int prev = (i + 4) % 5;
            l.router("r" + i, a("10.9." + i + ".1/30", "e" + i), a("10.9." + prev + ".2/30", "w" + prev));
        }
        for (int i = 0; i < 5; i++) {
            l.link("r" + i + ":e" + i, "r" + ((i + 1) % 5) + ":w" + i);
        }
        ShortestPathRoutes r = l.compute();
        // r0 touches links 0 (to r1) and 4 (to r4); link 1 (r1-r2) via r1, link 3 (r3-r4) via r4,
        // link 2 (r2-r3) is two hops either way: ECMP
        List<String> c = r.commands("r0");
        assertEquals(3, c.size(), c.toString());
        assertTrue(c.contains("ip route add 10.9.1.0/30 via 10.9.0.2 dev e0"), c.toString());
        assertTrue(c.contains("ip route add 10.9.3.0/30 via 10.9.4.1 dev w4"), c.toString());
        assertTrue(c.contains("ip route add 10.9.2.0/30 nexthop via 10.9.0.2 dev e0 nexthop via 10.9.4.1 dev w4"), c.toString());
        assertEquals(15, r.routeCount());
    }

    @Test
    void hostsAreNotTransit() {
        // r1 - h (multi-homed host) - r2: r1 must not route r2's subnet through h; h gets ECMP default
        ShortestPathRoutes r = new L()
                .router("r1", a("10.0.1.1/24", "eth0"), a("10.0.10.1/24", "eth1"))
                .host("h", a("10.0.1.2/24", "eth0"), a("10.0.2.2/24", "eth1"))
                .router("r2", a("10.0.2.1/24", "eth0"), a("10.0.20.1/24", "eth1"))
                .link("r1:eth0", "h:eth0").link("h:eth1", "r2:eth0")
                .compute();
        assertEquals(List.of(), r.commands("r1"));
        assertEquals(List.of(), r.commands("r2"));
        assertEquals(List.of("ip route add default nexthop via 10.0.1.1 dev eth0 nexthop via 10.0.2.1 dev eth1"), r.commands("h"));
    }

    @Test
    void bridgesJoinASegmentAndOwnRoutesAreLeftAlone() {
        // h1, h2 and r1 on a switch; r1 - r2 - h3; h2 routes itself
        ShortestPathRoutes r = new L()
                .host("h1", a("10.0.1.11/24", "eth0"))
                .host("h2", a("10.0.1.12/24", "eth0"), "ip route add default via 10.0.1.1")
                .bridge("sw")
                .router("r1", a("10.0.1.1/24", "eth0"), a("10.0.12.1/30", "eth1"), a("10.255.0.1/32", "lo"))
                .router("r2", a("10.0.12.2/30", "eth0"), a("10.0.3.1/24", "eth1"))
                .host("h3", a("10.0.3.2/24", "eth0"))
                .link("h1:eth0", "sw:p1").link("h2:eth0", "sw:p2").link("r1:eth0", "sw:p3")
                .link("r1:eth1", "r2:eth0").link("r2:eth1", "h3:eth0")
                .compute();
        assertEquals(List.of("ip route add default via 10.0.1.1 dev eth0"), r.commands("h1"));
        assertEquals(List.of(), r.commands("h2"));
        assertEquals(List.of(), r.commands("sw"));
        assertEquals(1, r.selfRouted());
        assertEquals(List.of("ip route add 10.0.3.0/24 via 10.0.12.2 dev eth1"), r.commands("r1"));
        assertEquals(List.of("ip route add 10.0.1.0/24 via 10.0.12.1 dev eth0",
                "ip route add 10.255.0.1/32 via 10.0.12.1 dev eth0"), r.commands("r2"));
    }

    /** A W x H grid of routers, each with its own LAN (a bridge) of hosts; prints the timing. */
    static Lab grid(int w, int h, int hostsPerRouter) {
        StringBuilder nodes = new StringBuilder();
        StringBuilder links = new StringBuilder();
        int sub = 0;
        Map<String, List<String>> exec = new LinkedHashMap<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                exec.put("r" + x + "-" + y, new ArrayList<>());
            }
        }
        int[] ifn = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int d = 0; d < 2; d++) {
                    int nx = x + (d == 0 ? 1 : 0);
                    int ny = y + (d == 1 ? 1 : 0);
                    if (nx >= w || ny >= h) {
                        continue;
                    }
                    int s = sub++;
                    String base = "10." + (s >> 14) + "." + ((s >> 6) & 0xff) + "." + ((s & 63) << 2);
                    String pfx = base.substring(0, base.lastIndexOf('.') + 1);
                    int last = (s & 63) << 2;
                    String ia = "e" + ifn[y * w + x]++;
                    String ib = "e" + ifn[ny * w + nx]++;
                    exec.get("r" + x + "-" + y).add(a(pfx + (last + 1) + "/30", ia));
                    exec.get("r" + nx + "-" + ny).add(a(pfx + (last + 2) + "/30", ib));
                    links.append("    - endpoints: [r").append(x).append('-').append(y).append(':').append(ia)
                            .append(", r").append(nx).append('-').append(ny).append(':').append(ib).append("]\n");
                }
            }
        }
        int r = 0;
        for (var e : exec.entrySet()) {
            String lan = "172." + (16 + (r >> 8)) + "." + (r & 0xff) + ".";
            nodes.append("    ").append(e.getKey()).append(":\n      sysctl: {net.ipv4.ip_forward: 1}\n      exec:\n");
            e.getValue().forEach(l -> nodes.append("        - ").append(l).append('\n'));
            if (hostsPerRouter > 0) {
                nodes.append("        - ").append(a(lan + "1/24", "lan")).append('\n');
                nodes.append("    sw").append(r).append(": {kind: bridge}\n");
                links.append("    - endpoints: [").append(e.getKey()).append(":lan, sw").append(r).append(":p0]\n");
                for (int i = 0; i < hostsPerRouter; i++) {
                    String hn = "h" + r + "-" + i;
                    nodes.append("    ").append(hn).append(":\n      exec: [\"").append(a(lan + (i + 10) + "/24", "eth0")).append("\"]\n");
                    links.append("    - endpoints: [").append(hn).append(":eth0, sw").append(r).append(":p").append(i + 1).append("]\n");
                }
            }
            r++;
        }
        String yaml = "name: grid\nrouting: shortest-path\ntopology:\n  nodes:\n" + nodes + "  links:\n" + links;
        return LabLoader.parse("grid.yaml", yaml).lab();
    }

    @Test
    void tenThousandNodeGridIsFast() {
        // 20 x 20 routers, each with a switch and 23 hosts: 400 + 400 + 9200 = 10,000 nodes
        Lab lab = grid(20, 20, 23);
        assertEquals(10_000, lab.nodes().size());
        ShortestPathRoutes r = null;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            r = ShortestPathRoutes.compute(lab);
            best = Math.min(best, r.computeNanos());
        }
        long t0 = System.nanoTime();
        long chars = 0;
        for (String n : lab.nodes().keySet()) {
            for (String c : r.commands(n)) {
                chars += c.length();
            }
        }
        long strings = System.nanoTime() - t0;
        System.out.printf("routing: 10,000-node grid lab (400 routers, 400 bridges, 9,200 hosts, %d links): %d routes,"
                + " computed in %.1f ms (best of 5), all commands as strings in %.1f ms (%d chars)%n",
                lab.links().size(), r.routeCount(), best / 1e6, strings / 1e6, chars);
        // each router: 760 grid links + 400 LANs, less its own 2..4 links and LAN (r1-0: 3 + 1); each host: a default
        assertEquals(9200, lab.nodes().keySet().stream().filter(n -> n.startsWith("h")).mapToInt(r::routeCount).sum());
        assertEquals(1160 - 4, r.routeCount("r1-0"));
        assertTrue(best < 1_000_000_000L, "took " + best / 1e6 + " ms");
    }

    @Test
    void allRouterGrid() {
        // every node a router: 40 x 40 (3,120 links and subnets; every router routes to all of them:
        // ~5e6 routes. A 100 x 100 one would need ~2e8 routes, too many to hold or boot.)
        Lab lab = grid(40, 40, 0);
        long t0 = System.nanoTime();
        ShortestPathRoutes r = ShortestPathRoutes.compute(lab);
        System.out.printf("routing: all-router grid (40 x 40, %d links): %d routes computed in %.1f ms%n",
                lab.links().size(), r.routeCount(), (System.nanoTime() - t0) / 1e6);
        assertEquals(3_120 - 2, r.routeCount("r0-0"));
    }
}
