package io.netemu.topologies.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netemu.topologies.lab.StepSpec.ActionStep;
import io.netemu.topologies.lab.StepSpec.LinkStep;
import io.netemu.topologies.lab.StepSpec.RunStep;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabLoaderTest {

    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(LabLoaderTest.class.getResource("/labs/" + name).toURI());
    }

    @Test
    void exampleFromTopologyFormatParsesIntoTheExpectedModel() throws Exception {
        Path file = resource("two-subnets.yaml");
        LabLoadResult r = LabLoader.load(file);
        assertEquals(List.of(), r.warnings());
        Lab lab = r.lab();
        assertEquals("two-subnets", lab.name());
        assertEquals(file.toString(), lab.file());
        assertEquals(file.toAbsolutePath().getParent(), lab.dir());
        assertNull(lab.seed());

        assertEquals(List.of("h1", "r1", "sw1", "h2"), List.copyOf(lab.nodes().keySet()));
        assertEquals(new NodeSpec("h1", "linux", Map.of(), List.of(
                new ExecLine("ip addr add 10.0.1.2/24 dev eth0", 9, 11),
                new ExecLine("ip route add default via 10.0.1.1", 10, 11)), null, 6), lab.nodes().get("h1"));
        assertEquals(new NodeSpec("r1", "linux", Map.of("net.ipv4.ip_forward", "1"), List.of(
                new ExecLine("ip addr add 10.0.1.1/24 dev eth0", 15, 11),
                new ExecLine("ip addr add 10.0.2.1/24 dev eth1", 16, 11),
                new ExecLine("iptables -A FORWARD -s 10.0.1.100 -j DROP", 17, 11)), null, 11), lab.nodes().get("r1"));
        assertEquals(new NodeSpec("sw1", "bridge", Map.of(), List.of(), null, 18), lab.nodes().get("sw1"));
        assertEquals(new NodeSpec("h2", "linux", Map.of(), List.of(
                new ExecLine("ip addr add 10.0.2.2/24 dev eth0", 23, 11),
                new ExecLine("ip route add default via 10.0.2.1", 24, 11)), "member-2", 20), lab.nodes().get("h2"));

        assertEquals(List.of(
                new LinkSpec(new Endpoint("h1", "eth0"), new Endpoint("r1", "eth0"), Impairments.NONE, 1500, 26),
                new LinkSpec(new Endpoint("r1", "eth1"), new Endpoint("sw1", "p1"), Impairments.NONE, 1500, 27),
                new LinkSpec(new Endpoint("h2", "eth0"), new Endpoint("sw1", "p2"),
                        new Impairments(2 * MS, MS, 0.5, 100_000_000L, 0.1, 0.1), 1500, 28)),
                lab.links());

        assertEquals(List.of(
                new RunStep(0, "h1", "ping -c 3 -W 1 10.0.2.2", 60 * S, new Expect(0, null), 37),
                new LinkStep(2 * S, new Endpoint("r1", "eth1"), false, null, 41),
                new RunStep(3 * S, "h1", "ping -c 2 -W 1 10.0.2.2", 60 * S, new Expect(1, null), 44),
                new ActionStep(4 * S, "r1", "crash", null, 48),
                new ActionStep(6 * S, "r1", "restart", null, 51)),
                lab.steps());
    }

    @Test
    void defaultsMergeUnderEveryNode() {
        Lab lab = LabLoader.parse("lab.yaml", """
                name: merge
                topology:
                  defaults:
                    kind: bridge
                    placement: member-1
                    sysctl:
                      net.ipv4.ip_forward: 1
                      net.ipv4.conf.all.rp_filter: 2
                    exec:
                      - echo default
                  nodes:
                    a: {}
                    b:
                      kind: linux
                      sysctl:
                        net.ipv4.conf.all.rp_filter: 0
                        kernel.hostname: b
                      exec:
                        - echo own
                    c:
                      exec: []
                """).lab();
        NodeSpec a = lab.nodes().get("a");
        assertEquals("bridge", a.kind());
        assertEquals("member-1", a.placement());
        assertEquals(Map.of("net.ipv4.ip_forward", "1", "net.ipv4.conf.all.rp_filter", "2"), a.sysctl());
        assertEquals(List.of(new ExecLine("echo default", 10, 9)), a.exec());   // where the defaults wrote it

        NodeSpec b = lab.nodes().get("b");
        assertEquals("linux", b.kind());
        assertEquals("member-1", b.placement());
        // key by key, defaults first, in the order they are applied
        assertEquals(List.of("net.ipv4.ip_forward", "net.ipv4.conf.all.rp_filter", "kernel.hostname"),
                List.copyOf(b.sysctl().keySet()));
        assertEquals(List.of("1", "0", "b"), List.copyOf(b.sysctl().values()));
        assertEquals(List.of(new ExecLine("echo own", 19, 11)), b.exec());   // replaced, not appended

        assertEquals(List.of(), lab.nodes().get("c").exec());
    }

    @Test
    void seedLinkOptionsAndBooleanSysctls() {
        Lab lab = LabLoader.parse("lab.yaml", """
                name: s
                seed: 42
                topology:
                  nodes:
                    r1:
                      sysctl: {net.ipv4.ip_forward: true, net.ipv4.conf.all.forwarding: false, net.core.somaxconn: 4096}
                  links:
                    - endpoints: [r1:eth0, r1:eth1]
                      mtu: 9000
                      rate: 1000
                scenario:
                  - node: r1
                    run: "sh -c 'sleep 1'"
                    timeout: 1.5s
                    expect: {exit: 0, stdout: "ok"}
                  - link: r1:eth1
                    state: up
                    at: 250ms
                """).lab();
        assertEquals(42L, lab.seed());
        assertEquals(List.of("1", "0", "4096"), List.copyOf(lab.nodes().get("r1").sysctl().values()));
        LinkSpec link = lab.links().get(0);
        assertEquals(9000, link.mtu());
        assertEquals(1000, link.impairments().rateBitsPerSec());   // a bare rate is bits/s, as in tc
        assertEquals(new RunStep(0, "r1", "sh -c 'sleep 1'", 1500 * MS, new Expect(0, "ok"), 12), lab.steps().get(0));
        assertEquals(new LinkStep(250 * MS, new Endpoint("r1", "eth1"), true, null, 16), lab.steps().get(1));
        assertEquals(link, lab.linkOf(new Endpoint("r1", "eth1")).orElseThrow());
    }

    @Test
    void yamlSyntaxErrorIsOneDiagnosticAtTheParsersPosition() {
        LabException e = assertThrows(LabException.class, () -> LabLoader.parse("lab.yaml", """
                name: x
                topology:
                  nodes:
                    h1: {}
                scenario:
                  - node: h1
                    run: echo a: b
                """));
        assertEquals(List.of("lab.yaml:7:16: YAML syntax error: mapping values are not allowed here"), strings(e.errors()));
        assertEquals("lab.yaml:7:16: YAML syntax error: mapping values are not allowed here", e.getMessage());
    }

    @Test
    void yamlSyntaxErrorWithContextNamesWhereTheConstructStarted() {
        LabException e = assertThrows(LabException.class, () -> LabLoader.parse("lab.yaml", """
                name: x
                topology:
                  nodes: {h1: {}
                """));
        assertEquals(List.of("lab.yaml:4:1: YAML syntax error: expected ',' or '}', but got <stream end>"
                + " (while parsing a flow mapping at 3:10)"), strings(e.errors()));
    }

    @Test
    void tabIndentationIsASyntaxError() {
        LabException e = assertThrows(LabException.class, () -> LabLoader.parse("lab.yaml", "name: x\n\ttopology:\n"));
        assertEquals(1, e.errors().size());
        assertEquals("lab.yaml:2:1: YAML syntax error: found character '\\t(TAB)' that cannot start any token."
                + " (Do not use \\t(TAB) for indentation) (while scanning for the next token)", e.errors().get(0).toString());
    }

    @Test
    void emptyFile() {
        LabException e = assertThrows(LabException.class, () -> LabLoader.parse("lab.yaml", "# nothing\n"));
        assertEquals(List.of("lab.yaml:1:1: empty lab file: expected a mapping with name and topology"), strings(e.errors()));
    }

    @Test
    void missingFileIsALabError() {
        LabException e = assertThrows(LabException.class, () -> LabLoader.load(Path.of("no/such/lab.yaml")));
        assertEquals("no/such/lab.yaml:1:1: cannot read lab file: no such file", e.getMessage());
    }

    @Test
    void errorsComeInFileOrderAndTheExceptionKeepsWarnings() {
        LabException e = assertThrows(LabException.class, () -> LabLoader.parse("lab.yaml", """
                name: x
                topology:
                  nodes:
                    h1: {kind: vm}
                  links:
                    - endpoint: ["h1:eth0", "h1:eth1"]
                      delay: soon
                """));
        assertEquals(List.of(
                "lab.yaml:4:16: kind \"vm\": expected linux or bridge",
                "lab.yaml:6:7: link: missing \"endpoints\": expected two endpoints such as [\"h1:eth0\", \"r1:eth0\"]"
                        + " (found \"endpoint\" on line 6; a typo?)",
                "lab.yaml:7:14: delay: invalid duration \"soon\": expected a number and a unit ns, us, ms, s, m or h"
                        + " (e.g. 10us, 500ms, 2s, 1m); a bare number is seconds"),
                strings(e.errors()));
        assertEquals(String.join("\n", strings(e.errors())), e.getMessage());
        assertEquals(List.of("lab.yaml:6:7: unknown key \"endpoint\" in link, ignored (did you mean endpoints?)"),
                strings(e.warnings()));
    }

    @Test
    void diagnosticToStringIsFileLineColumnMessage() {
        LabDiagnostic d = new LabDiagnostic("labs/a.yaml", 14, 7, LabDiagnostic.Severity.ERROR, "oops");
        assertEquals("labs/a.yaml:14:7: oops", d.toString());
    }

    static List<String> strings(List<LabDiagnostic> ds) {
        return ds.stream().map(LabDiagnostic::toString).toList();
    }
}
