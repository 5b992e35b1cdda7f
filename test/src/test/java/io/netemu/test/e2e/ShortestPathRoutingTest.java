package io.netemu.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import org.junit.jupiter.api.Test;

/**
 * {@code routing: shortest-path}: two hosts behind a diamond of four routers, with addresses only;
 * the routes computed at boot carry pings both ways, and r1 has a multipath route to h2's LAN
 * (added by {@code ip route add}: proto boot, which {@code ip route} does not print, as iproute2).
 */
class ShortestPathRoutingTest {
    static final String LAB = """
            name: spf-diamond
            routing: shortest-path
            topology:
              defaults:
                sysctl: {net.ipv4.ip_forward: 1}
              nodes:
                h1:
                  sysctl: {net.ipv4.ip_forward: 0}
                  exec: ["ip addr add 10.0.1.2/24 dev eth0"]
                r1:
                  exec:
                    - ip addr add 10.0.1.1/24 dev eth0
                    - ip addr add 10.1.12.1/30 dev eth1
                    - ip addr add 10.1.13.1/30 dev eth2
                r2:
                  exec:
                    - ip addr add 10.1.12.2/30 dev eth0
                    - ip addr add 10.1.24.1/30 dev eth1
                r3:
                  exec:
                    - ip addr add 10.1.13.2/30 dev eth0
                    - ip addr add 10.1.34.1/30 dev eth1
                r4:
                  exec:
                    - ip addr add 10.1.24.2/30 dev eth0
                    - ip addr add 10.1.34.2/30 dev eth1
                    - ip addr add 10.0.2.1/24 dev eth2
                h2:
                  sysctl: {net.ipv4.ip_forward: 0}
                  exec: ["ip addr add 10.0.2.2/24 dev eth0"]
              links:
                - endpoints: ["h1:eth0", "r1:eth0"]
                - endpoints: ["r1:eth1", "r2:eth0"]
                - endpoints: ["r1:eth2", "r3:eth0"]
                - endpoints: ["r2:eth1", "r4:eth0"]
                - endpoints: ["r3:eth1", "r4:eth1"]
                - endpoints: ["r4:eth2", "h2:eth0"]
            scenario:
              - node: h1
                run: ping -c 2 -W 1 10.0.2.2
                expect: {exit: 0, stdout: "2 received"}
              - at: 1s
                node: h2
                run: ping -c 2 -W 1 10.0.1.2
                expect: {exit: 0, stdout: "2 received"}
              - at: 2s
                node: r1
                run: ip route
              - at: 2s
                node: h1
                run: ip route
            """;

    @Test
    void hostsPingAcrossTheDiamondAndR1HasAMultipathRoute() {
        RunReport r = Labs.run(Labs.parse("spf-diamond", LAB));
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        StepResult r1 = run(r, "r1", "ip route");
        assertTrue(r1.stdout().contains("""
                10.0.2.0/24\s
                \tnexthop via 10.1.12.2 dev eth1 weight 1\s
                \tnexthop via 10.1.13.2 dev eth2 weight 1\s
                """), () -> Labs.describe(r));
        StepResult h1 = run(r, "h1", "ip route");
        assertTrue(h1.stdout().startsWith("default via 10.0.1.1 dev eth0 \n"), () -> Labs.describe(r));
    }

    private static StepResult run(RunReport r, String node, String command) {
        return r.steps().stream().filter(s -> s.step() instanceof StepSpec.RunStep rs && rs.node().equals(node)
                && rs.command().equals(command)).findFirst().orElseThrow();
    }
}
