package io.netemu.topologies.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario's member faults: member: NAME with kill, members: [..] with partition or heal. */
class MemberStepValidationTest {

    static final String TOPOLOGY = LabValidationTest.TOPOLOGY;

    @Test
    void memberStepsAreRead() {
        Lab lab = LabLoader.parse("lab.yaml", TOPOLOGY + """
                scenario:
                  - at: 1s
                    member: member-2
                    action: kill
                  - at: 2s
                    members: [member-1, member-3]
                    action: partition
                  - at: 3s
                    members: [member-1]
                    action: heal
                """).lab();
        assertEquals(List.of(
                        new StepSpec.MemberStep(1_000_000_000L, List.of("member-2"), "kill", null, 9, null),
                        new StepSpec.MemberStep(2_000_000_000L, List.of("member-1", "member-3"), "partition", null, 12, null),
                        new StepSpec.MemberStep(3_000_000_000L, List.of("member-1"), "heal", null, 15, null)),
                lab.steps());
    }

    @Test
    void mistakesNameThePlaceAndTheFix() {
        assertEquals(List.of(
                        "lab.yaml:10:13: action \"partition\": expected kill for member: (partition and heal take members: [A, B])",
                        "lab.yaml:12:13: action \"kill\": expected partition or heal for members: (kill takes member: NAME)",
                        "lab.yaml:13:11: scenario step: node and member(s) together; an action acts on a node or on members",
                        "lab.yaml:16:14: members: expected a list of member names, e.g. [member-1, member-2]",
                        "lab.yaml:18:5: scenario step: \"member\" applies only to action steps, not to a run step"),
                LabValidationTest.errors(TOPOLOGY + """
                        scenario:
                          - member: member-2
                            action: partition
                          - members: [member-1]
                            action: kill
                          - node: h1
                            member: member-1
                            action: crash
                          - members: member-1
                            action: heal
                          - member: member-1
                            node: h1
                            run: ip link
                        """));
    }
}
