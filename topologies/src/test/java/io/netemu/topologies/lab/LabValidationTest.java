package io.netemu.topologies.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of mistake, with the exact FILE:LINE:COL: message a user sees. */
class LabValidationTest {

    /** Two nodes and a link; line 7 holds the link, columns 19 and 30 its two endpoints. */
    static final String TOPOLOGY = """
            name: t
            topology:
              nodes:
                h1: {}
                r1: {}
              links:
                - endpoints: ["h1:eth0", "r1:eth0"]
            """;

    static List<String> errors(String yaml) {
        LabException e = assertThrows(LabException.class, () -> LabLoader.parse("lab.yaml", yaml));
        return LabLoaderTest.strings(e.errors());
    }

    static List<String> warnings(String yaml) {
        try {
            return LabLoaderTest.strings(LabLoader.parse("lab.yaml", yaml).warnings());
        } catch (LabException e) {
            return fail("unexpected errors:\n" + e.getMessage());
        }
    }

    // --- top level ------------------------------------------------------------------------------

    @Test
    void nameIsRequired() {
        assertEquals(List.of("lab.yaml:1:1: lab: missing \"name\": every lab needs a name matching [a-z0-9][a-z0-9-]*"),
                errors(TOPOLOGY.replace("name: t\n", "")));
    }

    @Test
    void nameMustMatchThePattern() {
        assertEquals(List.of("lab.yaml:1:7: name \"Two_Subnets\": expected lowercase letters, digits and '-', starting"
                        + " with a letter or digit ([a-z0-9][a-z0-9-]*) (did you mean two-subnets?)"),
                errors(TOPOLOGY.replace("name: t", "name: Two_Subnets")));
        assertEquals(List.of("lab.yaml:1:7: name \"-x\": expected lowercase letters, digits and '-', starting"
                        + " with a letter or digit ([a-z0-9][a-z0-9-]*) (did you mean x?)"),
                errors(TOPOLOGY.replace("name: t", "name: -x")));
    }

    @Test
    void seedMustBeAnInteger() {
        assertEquals(List.of("lab.yaml:8:7: seed \"1.5\": expected an integer"), errors(TOPOLOGY + "seed: 1.5\n"));
    }

    @Test
    void rootMustBeAMapping() {
        assertEquals(List.of("lab.yaml:1:1: expected a mapping with name and topology at the top of the file, found a list"),
                errors("- name: x\n"));
    }

    @Test
    void topologyIsRequiredAndAMapping() {
        assertEquals(List.of("lab.yaml:1:1: lab: missing \"topology\": a lab needs a topology with nodes (and links)"),
                errors("name: t\n"));
        assertEquals(List.of("lab.yaml:2:11: topology: expected a mapping with nodes and links, found a list"),
                errors("name: t\ntopology: [h1]\n"));
    }

    @Test
    void nodesAreRequiredAndAMapping() {
        assertEquals(List.of("lab.yaml:3:3: topology: missing \"nodes\": a lab needs a mapping from node name to node settings"),
                errors("name: t\ntopology:\n  links: []\n"));
        assertEquals(List.of("lab.yaml:3:10: nodes: expected a mapping from node name to node settings, found a list"),
                errors("name: t\ntopology:\n  nodes: [h1, h2]\n"));
        assertEquals(List.of("lab.yaml:3:10: nodes: a lab needs at least one node"),
                errors("name: t\ntopology:\n  nodes: {}\n"));
    }

    // --- nodes ----------------------------------------------------------------------------------

    @Test
    void nodeNames() {
        assertEquals(List.of("lab.yaml:4:5: node name \"h 1\": expected letters, digits, '_', '.' or '-',"
                        + " starting with a letter or digit ([A-Za-z0-9][A-Za-z0-9_.-]*)",
                        "lab.yaml:5:5: node name \"-r\": expected letters, digits, '_', '.' or '-',"
                        + " starting with a letter or digit ([A-Za-z0-9][A-Za-z0-9_.-]*)"),
                errors("name: t\ntopology:\n  nodes:\n    h 1: {}\n    -r: {}\n"));
    }

    @Test
    void duplicateNodesAndKeys() {
        assertEquals(List.of("lab.yaml:5:5: duplicate node \"h1\" (first at line 4)",
                        "lab.yaml:6:3: topology: duplicate key \"nodes\" (first at line 3)"),
                errors("name: t\ntopology:\n  nodes:\n    h1: {}\n    h1: {}\n  nodes: {}\n"));
    }

    @Test
    void nonScalarKeysAreReportedWhereTheyAre() {
        assertEquals(List.of("lab.yaml:4:5: node name: expected a name, found a list",
                        "lab.yaml:6:9: node h1: expected a plain key, found a mapping"),
                errors("""
                        name: t
                        topology:
                          nodes:
                            [a, b]: {}
                            h1:
                              ? {x: 1}
                              : 2
                        """));
    }

    @Test
    void kindIsLinuxOrBridge() {
        assertEquals(List.of("lab.yaml:4:16: kind \"linx\": expected linux or bridge (did you mean linux?)",
                        "lab.yaml:5:16: kind \"ceos\": expected linux or bridge"),
                errors("name: t\ntopology:\n  nodes:\n    h1: {kind: linx}\n    r1: {kind: ceos}\n"));
    }

    @Test
    void nodeBodyMustBeAMapping() {
        assertEquals(List.of("lab.yaml:4:9: node h1: expected a mapping of node settings (kind, sysctl, exec, placement, netns-on-crash),"
                        + " found \"linux\""),
                errors("name: t\ntopology:\n  nodes:\n    h1: linux\n"));
    }

    @Test
    void sysctlKeysAndValues() {
        assertEquals(List.of(
                        "lab.yaml:6:9: sysctl key \"ipv4.ip_forward\": expected a dotted name starting with net. or kernel.,"
                                + " e.g. net.ipv4.ip_forward",
                        "lab.yaml:7:9: sysctl key \"net/ipv4/ip_forward\": expected a dotted name starting with net. or"
                                + " kernel., e.g. net.ipv4.ip_forward (did you mean net.ipv4.ip_forward?)",
                        "lab.yaml:8:9: sysctl net.core.x: missing value",
                        "lab.yaml:9:21: sysctl net.core.y: expected a scalar value such as 1, found a list"),
                errors("""
                        name: t
                        topology:
                          nodes:
                            h1:
                              sysctl:
                                ipv4.ip_forward: 1
                                net/ipv4/ip_forward: 1
                                net.core.x:
                                net.core.y: [1, 2]
                        """));
    }

    @Test
    void execLines() {
        assertEquals(List.of(
                        "lab.yaml:5:13: exec: expected a list of commands, one \"- \" item each, found \"ip link\""),
                errors("name: t\ntopology:\n  nodes:\n    h1:\n      exec: ip link\n"));
        assertEquals(List.of(
                        "lab.yaml:6:11: exec line \"echo 'hi\": unterminated quote: the ' at character 6 is never closed",
                        "lab.yaml:7:11: exec line: expected a command, found a mapping (quote the line if it contains \": \")",
                        "lab.yaml:8:10: exec line: empty command"),
                errors("""
                        name: t
                        topology:
                          nodes:
                            h1:
                              exec:
                                - echo 'hi
                                - echo a: b
                                -
                        """));
    }

    // --- links ----------------------------------------------------------------------------------

    @Test
    void unknownNodeInALink() {
        assertEquals(List.of("lab.yaml:7:19: link endpoint \"r9:eth0\": no node r9 in topology.nodes (did you mean r1?)"),
                errors(TOPOLOGY.replace("\"h1:eth0\"", "\"r9:eth0\"")));
    }

    @Test
    void duplicateInterfaceNamesBothPlaces() {
        assertEquals(List.of("lab.yaml:8:30: link endpoint \"r1:eth0\": duplicate interface: r1:eth0 is already an"
                        + " endpoint at lab.yaml:7:30; an interface belongs to one link"),
                errors(TOPOLOGY + "    - endpoints: [\"h1:eth1\", \"r1:eth0\"]\n"));
        assertEquals(List.of("lab.yaml:7:30: link endpoint \"h1:eth0\": duplicate interface: h1:eth0 is already an"
                        + " endpoint at lab.yaml:7:19; an interface belongs to one link"),
                errors(TOPOLOGY.replace("\"r1:eth0\"", "\"h1:eth0\"")));
    }

    @Test
    void aLinkMayJoinTwoInterfacesOfOneNode() {
        assertEquals(List.of(), warnings(TOPOLOGY.replace("\"r1:eth0\"", "\"h1:eth1\"")));
    }

    @Test
    void endpointShape() {
        assertEquals(List.of("lab.yaml:7:19: link endpoint \"h1eth0\": expected NODE:IFACE, e.g. \"r1:eth0\""),
                errors(TOPOLOGY.replace("\"h1:eth0\"", "\"h1eth0\"")));
        assertEquals(List.of("lab.yaml:7:18: endpoints: expected exactly two endpoints \"NODE:IFACE\", found 1"),
                errors(TOPOLOGY.replace("\"h1:eth0\", ", "")));
        assertEquals(List.of("lab.yaml:7:18: endpoints: expected a list of two endpoints such as"
                        + " [\"h1:eth0\", \"r1:eth0\"], found \"h1:eth0 r1:eth0\""),
                errors(TOPOLOGY.replace("[\"h1:eth0\", \"r1:eth0\"]", "h1:eth0 r1:eth0")));
        assertEquals(List.of("lab.yaml:7:19: link endpoint: expected \"NODE:IFACE\" such as \"r1:eth0\", found a mapping"),
                errors(TOPOLOGY.replace("\"h1:eth0\"", "{node: h1, interface: eth0}")));
    }

    @Test
    void interfaceNames() {
        assertEquals(List.of(
                        "lab.yaml:7:19: link endpoint \"h1:a-very-long-name0\": interface name \"a-very-long-name0\" is"
                                + " 17 bytes long; Linux allows at most 15 (IFNAMSIZ)",
                        "lab.yaml:7:43: link endpoint \"r1:a/b\": interface name \"a/b\" contains '/', which Linux does"
                                + " not allow in interface names"),
                errors(TOPOLOGY.replace("[\"h1:eth0\", \"r1:eth0\"]", "[\"h1:a-very-long-name0\", \"r1:a/b\"]")));
        assertEquals(List.of("lab.yaml:7:30: link endpoint \"r1:eth0:1\": interface name \"eth0:1\" contains ':', which"
                        + " Linux does not allow in interface names"),
                errors(TOPOLOGY.replace("\"r1:eth0\"", "\"r1:eth0:1\"")));
        assertEquals(List.of("lab.yaml:7:30: link endpoint \"r1:..\": interface name \"..\" is not allowed"),
                errors(TOPOLOGY.replace("\"r1:eth0\"", "\"r1:..\"")));
    }

    @Test
    void reservedInterfaceNames() {
        assertEquals(List.of("lab.yaml:7:30: link endpoint \"r1:lo\": interface name \"lo\" is reserved:"
                        + " every node has its own loopback"),
                errors(TOPOLOGY.replace("\"r1:eth0\"", "\"r1:lo\"")));
        String bridge = TOPOLOGY.replace("r1: {}", "r1: {kind: bridge}").replace("\"r1:eth0\"", "\"r1:br0\"");
        assertEquals(List.of("lab.yaml:7:30: link endpoint \"r1:br0\": interface name \"br0\" is reserved on bridge"
                        + " node r1 for its bridge device"), errors(bridge));
        // only on bridge nodes
        assertEquals(List.of(), warnings(TOPOLOGY.replace("\"r1:eth0\"", "\"r1:br0\"")));
    }

    @Test
    void impairmentValues() {
        assertEquals(List.of(
                        "lab.yaml:8:14: delay: invalid duration \"2 days\": expected a number and a unit ns, us, ms, s, m"
                                + " or h (e.g. 10us, 500ms, 2s, 1m); a bare number is seconds",
                        "lab.yaml:9:15: jitter: invalid duration \"-1ms\": cannot be negative",
                        "lab.yaml:10:13: loss: invalid percentage \"101%\": expected a number from 0 to 100, e.g. 0.5%"
                                + " (a bare number is a percentage)",
                        "lab.yaml:11:13: rate: invalid rate \"fast\": expected a number and one of tc's units bit, kbit,"
                                + " mbit, gbit, tbit (bits/s) or bps, kbps, mbps, gbps, tbps (bytes/s), e.g. 100mbit;"
                                + " a bare number is bits/s",
                        "lab.yaml:12:16: corrupt: invalid percentage \"lots\": expected a number from 0 to 100, e.g. 0.5%"
                                + " (a bare number is a percentage)",
                        "lab.yaml:13:18: duplicate: expected a percentage such as 0.5%, found a list",
                        "lab.yaml:14:12: mtu \"64\": expected an integer from 68 to 65535",
                        "lab.yaml:15:7: link: duplicate key \"mtu\" (first at line 14)"),
                errors(TOPOLOGY + """
                              delay: 2 days
                              jitter: -1ms
                              loss: 101%
                              rate: fast
                              corrupt: lots
                              duplicate: [1]
                              mtu: 64
                              mtu: 1500
                        """));
        assertEquals(List.of("lab.yaml:8:12: mtu \"jumbo\": expected an integer from 68 to 65535"),
                errors(TOPOLOGY + "      mtu: jumbo\n"));
    }

    @Test
    void linksMustBeAListOfMappings() {
        assertEquals(List.of("lab.yaml:5:5: links: expected a list of links, each a mapping with endpoints, found a mapping"),
                errors("name: t\ntopology:\n  nodes: {h1: {}}\n  links:\n    endpoints: [\"h1:a\", \"h1:b\"]\n"));
        assertEquals(List.of("lab.yaml:5:7: link: expected a mapping with endpoints, found \"h1:a h1:b\""),
                errors("name: t\ntopology:\n  nodes: {h1: {}}\n  links:\n    - h1:a h1:b\n"));
    }
}
