package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.Macs;
import io.netemu.topologies.lab.NodeSpec;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9's runtime namespaces: the {@code linux-labs/netns-*.yaml} labs run in real Linux (each
 * run with its own /run/netns, see {@link NetnsView}) and in netemu, every step compared as
 * {@link ToolDifferential} compares a tool's: exit status, expectation verdict, ping outcome, and
 * for every {@code ip} command the exact stderr and the stdout with one thing normalised: the
 * MAC addresses the lab does not fix. Linux gives a veth made by {@code ip link add} a random
 * address (eth_hw_addr_random), netemu a derived one; each such address becomes
 * {@code <mac1>}, {@code <mac2>}... in order of first appearance in that output, so which
 * interfaces share an address still counts. The lab's own (derived) addresses are compared as
 * they are.
 */
class NetnsDifferentialTest {
    private static final Pattern MAC = Pattern.compile("\\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\\b");

    static List<String> labs() {
        return LinuxOracle.labNames().stream().filter(n -> n.startsWith("netns-")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void netemuBehavesAsLinux(String name) {
        Lab lab = LinuxOracle.lab(name);
        BothRuns runs = BothRuns.of(name, lab);
        RunReport linux = runs.linux();
        RunReport netemu = runs.netemu();
        for (StepResult s : linux.steps()) {
            System.out.printf("[Linux %s line %d, exit %d] %s%n%s%s%n", name, s.step().line(), s.exit(),
                    ((io.netemu.topologies.lab.StepSpec.RunStep) s.step()).command(), s.stdout(), s.stderr());
        }
        UnaryOperator<String> normalize = randomMacs(lab);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < linux.steps().size(); i++) {
            String d = ToolDifferential.compare(linux.steps().get(i), netemu.steps().get(i), "ip", normalize);
            if (d != null) {
                diffs.add(d);
            }
        }
        if (!diffs.isEmpty()) {
            fail("netemu differs from Linux in lab " + name + ":\n\n" + String.join("\n", diffs));
        }
    }

    /** Replaces every MAC address {@code lab} does not derive (nor all-zero, nor broadcast) by {@code <macN>}. */
    static UnaryOperator<String> randomMacs(Lab lab) {
        Set<String> fixed = new HashSet<>(Set.of("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"));
        for (LinkSpec link : lab.links()) {
            for (Endpoint e : List.of(link.a(), link.b())) {
                fixed.add(Macs.format(Macs.derive(lab.name(), e.node(), e.iface())));
            }
        }
        for (NodeSpec n : lab.nodes().values()) {
            if (n.isBridge()) {
                fixed.add(Macs.format(Macs.derive(lab.name(), n.name(), "br0")));
            }
        }
        return text -> {
            Map<String, String> seen = new LinkedHashMap<>();
            Matcher m = MAC.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String mac = m.group();
                String as = fixed.contains(mac) ? mac : seen.computeIfAbsent(mac, k -> "<mac" + (seen.size() + 1) + ">");
                m.appendReplacement(out, Matcher.quoteReplacement(as));
            }
            m.appendTail(out);
            return out.toString();
        };
    }

    @Test
    void onlyTheMacsTheLabDoesNotFixAreNormalised() {
        Lab lab = LabLoader.parse("n.yaml", """
                name: n
                topology:
                  nodes:
                    host: {}
                  links:
                    - endpoints: ["host:eth0", "host:eth1"]
                """).lab();
        String eth1 = Macs.format(Macs.derive("n", "host", "eth1"));
        String out = """
                2: veth1@if3: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                    link/ether c2:b7:28:2a:2f:02 brd ff:ff:ff:ff:ff:ff link-netns host
                3: eth1@if2: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                    link/ether %s brd ff:ff:ff:ff:ff:ff link-netns host
                4: veth2@if5: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000
                    link/ether d6:ab:bf:31:c8:3c brd ff:ff:ff:ff:ff:ff link-netns host
                lo 00:00:00:00:00:00 c2:b7:28:2a:2f:02
                """.formatted(eth1);
        String expected = out.replace("c2:b7:28:2a:2f:02", "<mac1>").replace("d6:ab:bf:31:c8:3c", "<mac2>");
        assertEquals(expected, randomMacs(lab).apply(out));
    }
}
