package io.netemu.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Namespaces and devices made while the lab runs (issue 9): {@code ip netns}, veth pairs,
 * moving interfaces, deleting namespaces, and what a node crash does to the namespaces it made.
 * Outputs are iproute2 6.1's as printed on Linux 6.x for the same commands (checked by hand on
 * this machine, and by the differential tests in {@code io.netemu.test.linux}).
 */
class RuntimeNamespacesTest {

    /** The lines of one node, then the scenario's runs on that node, each a step 1 s apart. */
    private static RunReport lab(String name, List<String> exec, List<String> runs) {
        StringBuilder y = new StringBuilder("name: " + name + "\ntopology:\n  nodes:\n    host:\n      exec:\n");
        exec.forEach(l -> y.append("        - ").append(l).append('\n'));
        y.append("scenario:\n");
        for (int i = 0; i < runs.size(); i++) {
            y.append("  - at: ").append(i).append("s\n    node: host\n    run: ").append(runs.get(i)).append('\n');
        }
        RunReport r = Labs.run(Labs.parse(name, y.toString()));
        assertEquals(null, r.error(), () -> Labs.describe(r));
        return r;
    }

    private static StepResult step(RunReport r, int i) {
        return r.steps().get(i);
    }

    @Test
    void theTutorialBuildsTwoNamespacesThatPingEachOther() {
        RunReport r = lab("tutorial", List.of(
                        "ip netns add myns",
                        "ip link add veth0 type veth peer name veth1",
                        "ip link set veth1 netns myns",
                        "ip addr add 10.0.0.1/24 dev veth0",
                        "ip link set veth0 up",
                        "ip -n myns addr add 10.0.0.2/24 dev veth1",
                        "ip -n myns link set veth1 up"),
                List.of("ip netns exec myns ip link show",
                        "ping -c 2 -i 0.2 -W 1 10.0.0.2",
                        "ip netns exec myns ping -c 1 -W 1 10.0.0.1",
                        "ip link show veth0",
                        "ip netns list",
                        "ip netns identify"));
        assertEquals("""
                1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                """, step(r, 0).stdout().lines().limit(2).map(l -> l + "\n").reduce("", String::concat));
        assertTrue(step(r, 0).stdout().matches("(?s).*\n2: veth1@if\\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue"
                + " state UP mode DEFAULT group default qlen 1000\n    link/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff"
                + " link-netns host\n"), step(r, 0).stdout());
        assertEquals(0, step(r, 1).exit(), () -> Labs.describe(r));
        assertTrue(step(r, 1).stdout().contains("2 packets transmitted, 2 received"), step(r, 1).stdout());
        assertEquals(0, step(r, 2).exit(), () -> Labs.describe(r));
        assertTrue(step(r, 3).stdout().contains("veth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP>"), step(r, 3).stdout());
        assertTrue(step(r, 3).stdout().contains("link-netns myns"), step(r, 3).stdout());
        assertEquals("myns (id: 0)\nhost\n", step(r, 4).stdout(), "newest first, as a tmpfs /run/netns lists");
        assertEquals("host\n", step(r, 5).stdout());
        assertTrue(r.namespaces().contains(new RunReport.Namespace("myns", false, "host")), r.namespaces()::toString);
        assertTrue(r.namespaces().contains(new RunReport.Namespace("host", true, null)), r.namespaces()::toString);
    }

    @Test
    void movingAnInterfaceDropsItsAddressesAndRoutesAndClosesIt() {
        RunReport r = lab("move", List.of(
                        "ip netns add myns",
                        "ip link add veth0 type veth peer name veth1",
                        "ip addr add 10.1.0.1/24 dev veth0",
                        "ip link set veth0 up",
                        "ip link set veth1 up",
                        "ip route add 10.9.0.0/16 via 10.1.0.2",
                        "ping -c 1 -W 1 10.1.0.1",
                        "ip link set veth0 netns myns"),
                List.of("ip -n myns addr show veth0",
                        "ip route show",
                        "ip -s -n myns link show veth0",
                        "ip link show veth1"));
        String moved = step(r, 0).stdout();
        assertTrue(moved.startsWith("3: veth0@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000\n"),
                moved);
        assertFalse(moved.contains("inet "), moved);
        assertEquals("", step(r, 1).stdout(), "the connected route and the route via it went with the address");
        // no device here has the peer's ifindex (3) any more: DOWN, as Linux 6.12+ computes it
        assertTrue(step(r, 3).stdout().startsWith("2: veth1@if3: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue"
                + " state DOWN"), step(r, 3).stdout());
    }

    @Test
    void deletingANamespaceDeletesItsVethsAndTheirPeers() {
        RunReport r = lab("delete", List.of(
                        "ip netns add a",
                        "ip link add v0 type veth peer name eth0 netns a",
                        "ip link add v1 type veth peer name v1p",
                        "ip link set v1p netns a",
                        "ip netns del a"),
                List.of("ip -br link show",
                        "ip netns list",
                        "ip -n a link show"));
        assertEquals("lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n", step(r, 0).stdout());
        assertEquals("host\n", step(r, 1).stdout());
        assertEquals(255, step(r, 2).exit());
        assertEquals("Cannot open network namespace \"a\": No such file or directory\n", step(r, 2).stderr());
    }

    @Test
    void errorsAreIproute2s() {
        RunReport r = lab("errors", List.of(
                        "ip netns add myns",
                        "ip link add veth0 type veth peer name veth1",
                        "ip -n myns link add dup type dummy"),
                List.of("ip netns add myns",
                        "ip netns exec nosuch ip link",
                        "ip -n nosuch link",
                        "ip link set veth0 netns nosuch",
                        "ip link set veth0 netns 999999",
                        "ip link add dup type veth peer name x netns myns",
                        "ip link add y type veth peer name dup netns myns",
                        "ip netns del nosuch",
                        "ip netns exec myns nosuchprog",
                        "ip link set lo netns myns",
                        "ip -br link show"));
        expect(step(r, 0), 1, "Cannot create namespace file \"/run/netns/myns\": File exists\n");
        expect(step(r, 1), 255, "Cannot open network namespace \"nosuch\": No such file or directory\n");
        expect(step(r, 2), 255, "Cannot open network namespace \"nosuch\": No such file or directory\n");
        expect(step(r, 3), 255, "Error: argument \"nosuch\" is wrong: Invalid \"netns\" value\n\n");
        expect(step(r, 4), 2, "RTNETLINK answers: No such process\n");
        expect(step(r, 6), 2, "RTNETLINK answers: File exists\n");
        expect(step(r, 7), 1, "Cannot remove namespace file \"/run/netns/nosuch\": No such file or directory\n");
        expect(step(r, 8), 1, "exec of \"nosuchprog\" failed: No such file or directory\n");
        expect(step(r, 9), 2, "Error: The interface netns is immutable.\n");
        // the refused pair left nothing behind: no "y", and veth0/veth1 still here
        String links = step(r, 10).stdout();
        assertFalse(links.contains("y@") || links.startsWith("y "), links);
        assertTrue(links.contains("veth0@veth1") && links.contains("veth1@veth0"), links);
    }

    @Test
    void eachNamespaceHasItsOwnSysctlsFirewallAndDevices() {
        RunReport r = lab("own-state", List.of(
                        "ip netns add a",
                        "ip link add d0 type dummy",
                        "ip netns exec a sysctl -w net.ipv4.ip_forward=1",
                        "ip netns exec a iptables -A INPUT -j DROP"),
                List.of("sysctl net.ipv4.ip_forward",
                        "ip netns exec a sysctl net.ipv4.ip_forward",
                        "iptables -S INPUT",
                        "ip netns exec a iptables -S INPUT",
                        "ip netns exec a sysctl -a",
                        "ip link set d0 netns host name d1",
                        "ip -br link show d1"));
        assertEquals("net.ipv4.ip_forward = 0\n", step(r, 0).stdout());
        assertEquals("net.ipv4.ip_forward = 1\n", step(r, 1).stdout());
        assertEquals("-P INPUT ACCEPT\n", step(r, 2).stdout());
        assertEquals("-P INPUT ACCEPT\n-A INPUT -j DROP\n", step(r, 3).stdout());
        String all = step(r, 4).stdout();
        assertTrue(all.contains("net.ipv4.conf.lo.forwarding = 1\n"), "a's own lo, with a's ip_forward");
        assertFalse(all.contains(".d0."), "host's d0 is not a's");
        assertEquals(0, step(r, 5).exit(), "into its own namespace: a plain rename, as on Linux");
        assertTrue(step(r, 6).stdout().startsWith("d1 "), step(r, 6).stdout());
    }

    private static void expect(StepResult s, int exit, String stderr) {
        assertEquals(stderr, s.stderr(), s.step()::toString);
        assertEquals(exit, s.exit(), s.step()::toString);
    }

    @Test
    void aLabLinkMovedIntoANamespaceKeepsItsPeerAndCarriesTraffic() {
        String yaml = """
                name: moved-link
                topology:
                  nodes:
                    h1:
                      exec:
                        - ip netns add inner
                        - ip link set eth0 netns inner
                        - ip -n inner addr add 10.2.0.1/24 dev eth0
                        - ip -n inner link set eth0 up
                    h2:
                      exec:
                        - ip addr add 10.2.0.2/24 dev eth0
                  links:
                    - endpoints: ["h1:eth0", "h2:eth0"]
                scenario:
                  - at: 0s
                    node: h2
                    run: ping -c 2 -i 0.2 -W 1 10.2.0.1
                  - at: 1s
                    node: h2
                    run: ip link show eth0
                  - at: 1s
                    node: h1
                    run: ip link show eth0
                """;
        RunReport r = Labs.run(Labs.parse("moved-link", yaml));
        assertEquals(0, step(r, 0).exit(), () -> Labs.describe(r));
        assertTrue(step(r, 1).stdout().contains("link-netns inner"), step(r, 1).stdout());
        assertEquals(1, step(r, 2).exit());
        assertEquals("Device \"eth0\" does not exist.\n", step(r, 2).stderr());
    }

    @Test
    void aCrashedNodesNamespacesLiveOnUnlessTheLabSaysDelete() {
        for (String policy : List.of("keep", "delete")) {
            String yaml = """
                    name: crash-%s
                    topology:
                      nodes:
                        h1:
                          netns-on-crash: %s
                          exec:
                            - ip netns add made-by-h1
                        h2: {}
                    scenario:
                      - at: 0s
                        node: h1
                        action: crash
                      - at: 1s
                        node: h2
                        run: ip netns list
                    """.formatted(policy, policy);
            RunReport r = Labs.run(Labs.parse("crash-" + policy, yaml));
            assertEquals(policy.equals("keep") ? "made-by-h1\nh2\n" : "h2\n", step(r, 1).stdout(), () -> Labs.describe(r));
        }
    }
}
