package io.netemu.topologies.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Mistakes in scenario steps, and the warnings a lab can earn, with the exact FILE:LINE:COL: message. */
class ScenarioValidationTest {

    static final String TOPOLOGY = LabValidationTest.TOPOLOGY;

    static List<String> errors(String yaml) {
        return LabValidationTest.errors(yaml);
    }

    static List<String> warnings(String yaml) {
        return LabValidationTest.warnings(yaml);
    }

    // --- scenario -------------------------------------------------------------------------------

    @Test
    void stepIsExactlyOneOfRunLinkOrAction() {
        assertEquals(List.of(
                        "lab.yaml:9:5: scenario step: expected exactly one of run, link (with state) or action, found none",
                        "lab.yaml:11:5: scenario step: expected exactly one of run, link (with state) or action,"
                                + " found run and action",
                        "lab.yaml:14:5: scenario step: expected exactly one of run, link (with state) or action,"
                                + " found state without link"),
                errors(TOPOLOGY + """
                        scenario:
                          - at: 1s
                            node: h1
                          - node: h1
                            run: ping -c 1 10.0.0.1
                            action: crash
                          - state: down
                        """));
    }

    @Test
    void runSteps() {
        assertEquals(List.of(
                        "lab.yaml:9:11: node \"h2\": no node h2 in topology.nodes (did you mean h1?)",
                        "lab.yaml:11:5: scenario step: missing \"node\": a run step names the node it acts on",
                        "lab.yaml:11:9: at: invalid duration \"soon\": expected a number and a unit ns, us, ms, s, m or h"
                                + " (e.g. 10us, 500ms, 2s, 1m); a bare number is seconds",
                        "lab.yaml:13:14: timeout \"0s\": expected a duration above 0",
                        "lab.yaml:15:10: run \"echo \"hi\": unterminated quote: the \" at character 6 is never closed"),
                errors(TOPOLOGY + """
                        scenario:
                          - node: h2
                            run: ip link
                          - at: soon
                            run: ip link
                            timeout: 0s
                          - node: r1
                            run: 'echo "hi'
                        """));
    }

    @Test
    void linkStepsNameAnEndpointOfSomeLink() {
        assertEquals(List.of(
                        "lab.yaml:9:11: link \"r1:eth9\": node r1 has no such interface in links (did you mean r1:eth0?)",
                        "lab.yaml:11:11: link \"r9:eth0\": no node r9 in topology.nodes (did you mean r1?)",
                        "lab.yaml:13:11: link \"r1\": expected NODE:IFACE, the endpoint of a link, e.g. \"r1:eth0\"",
                        "lab.yaml:16:12: state \"dwn\": expected up or down (did you mean down?)",
                        "lab.yaml:17:5: scenario step: missing \"state\": a link step sets the link up or down",
                        "lab.yaml:18:5: scenario step: \"node\" applies only to run and action steps, not to a link step"),
                errors(TOPOLOGY + """
                        scenario:
                          - link: r1:eth9
                            state: down
                          - link: r9:eth0
                            state: down
                          - link: r1
                            state: down
                          - link: r1:eth0
                            state: dwn
                          - link: r1:eth0
                            node: r1
                        """));
    }

    @Test
    void actionSteps() {
        assertEquals(List.of(
                        "lab.yaml:10:13: action \"reboot\": expected crash or restart",
                        "lab.yaml:13:5: scenario step: \"timeout\" applies only to run steps, not to an action step",
                        "lab.yaml:14:5: scenario step: \"state\" applies only to link steps, not to an action step"),
                errors(TOPOLOGY + """
                        scenario:
                          - node: r1
                            action: reboot
                          - node: r1
                            action: crash
                            timeout: 1s
                            state: up
                        """));
        assertEquals(List.of("lab.yaml:9:5: scenario step: missing \"node\": an action step names the node it acts on"),
                errors(TOPOLOGY + "scenario:\n  - action: crash\n"));
        assertEquals(List.of("lab.yaml:10:13: action \"crahs\": expected crash or restart (did you mean crash?)"),
                errors(TOPOLOGY + "scenario:\n  - node: r1\n    action: crahs\n"));
    }

    @Test
    void expectations() {
        assertEquals(List.of(
                        "lab.yaml:11:20: exit \"zero\": expected an exit status from 0 to 255",
                        "lab.yaml:14:20: exit \"256\": expected an exit status from 0 to 255",
                        "lab.yaml:17:13: expect: expected exit and/or stdout, e.g. {exit: 0}, found neither",
                        "lab.yaml:20:13: expect: expected a mapping with exit and/or stdout, e.g. {exit: 0}, found \"0\""),
                errors(TOPOLOGY + """
                        scenario:
                          - node: h1
                            run: "true"
                            expect: {exit: zero}
                          - node: h1
                            run: "true"
                            expect: {exit: 256}
                          - node: h1
                            run: "true"
                            expect: {exitcode: 0}
                          - node: h1
                            run: "true"
                            expect: 0
                        """));
    }

    // --- warnings -------------------------------------------------------------------------------

    @Test
    void unknownKeysAreWarningsWithSuggestions() {
        assertEquals(List.of(
                        "lab.yaml:4:10: unknown key \"knd\" in node h1, ignored (did you mean kind?)",
                        "lab.yaml:8:7: unknown key \"dealy\" in link, ignored (did you mean delay?)",
                        "lab.yaml:9:1: unknown key \"scenarios\" in lab, ignored (did you mean scenario?)",
                        "lab.yaml:10:1: unknown key \"prefix\" in lab, ignored"),
                warnings(TOPOLOGY.replace("h1: {}", "h1: {knd: linux}") + "      dealy: 1ms\nscenarios: []\nprefix: x\n"));
    }

    @Test
    void containerlabKeysAreIgnoredOnceEach() {
        assertEquals(List.of(
                        "lab.yaml:2:1: key \"mgmt\" ignored (containerlab key; does not apply to netemu)",
                        "lab.yaml:5:3: key \"kinds\" ignored (containerlab key; does not apply to netemu)",
                        "lab.yaml:8:5: key \"image\" ignored (containerlab key; does not apply to netemu; also on lines 11, 14)",
                        "lab.yaml:12:7: key \"startup-config\" ignored (containerlab key; does not apply to netemu)",
                        "lab.yaml:15:7: key \"binds\" ignored (containerlab key; does not apply to netemu)"),
                warnings("""
                        name: clab
                        mgmt:
                          network: custom
                        topology:
                          kinds:
                            linux: {image: alpine}
                          defaults:
                            image: alpine:3
                          nodes:
                            h1:
                              image: alpine
                              startup-config: h1.cfg
                            h2:
                              image: alpine
                              binds: [a:/b]
                        """));
    }
}
