package io.netemu.topologies.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code every:}/{@code until:} on steps: what they load as, how they expand, and their mistakes with positions. */
class RepeatValidationTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static List<String> errors(String yaml) {
        return LabValidationTest.errors(yaml);
    }

    @Test
    void everyKindOfStepRepeatsFromAtWhileBelowUntil() {
        Lab lab = LabLoader.parse("lab.yaml", LabValidationTest.TOPOLOGY + """
                scenario:
                  - at: 1s
                    every: 1s
                    until: 5s
                    link: r1:eth0
                    state: down
                  - at: 1.5s
                    every: 1s
                    until: 5s
                    link: r1:eth0
                    state: up
                  - at: 0s
                    every: 2s
                    until: 4s
                    node: h1
                    run: ip link
                    expect: {exit: 0}
                  - at: 3s
                    every: 500ms
                    until: 3001ms
                    node: r1
                    action: restart
                  - node: h1
                    run: ip addr
                """).lab();
        assertEquals(5, lab.steps().size(), "the file's steps, once each");
        assertEquals(new Repeat(S, 5 * S, 0), lab.steps().get(0).repeat());
        assertNull(lab.steps().get(4).repeat());
        List<StepSpec> runs = StepSpec.expand(lab.steps());
        // 1,2,3,4 s down; 1.5,2.5,3.5,4.5 s up; 0,2 s the run; 3 s the restart (3.5 s is past until); the plain step
        assertEquals(4 + 4 + 2 + 1 + 1, runs.size());
        assertEquals(List.of(1000L, 2000L, 3000L, 4000L, 1500L, 2500L, 3500L, 4500L, 0L, 2000L, 3000L, 0L),
                runs.stream().map(s -> s.atNanos() / MS).toList());
        assertEquals(List.of(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 0),
                runs.stream().filter(s -> s.repeat() != null).map(s -> s.repeat().index()).toList());
        StepSpec.RunStep second = (StepSpec.RunStep) runs.get(9);
        assertEquals(new Expect(0, null), second.expect(), "each repetition carries the expectation");
        assertEquals("ip link", second.command());
        assertEquals(19, second.line(), "a repetition keeps the line of its step");
    }

    @Test
    void everyAndUntilGoTogether() {
        assertEquals(List.of(
                        "lab.yaml:11:5: scenario step: \"every\" needs \"until\", the offset from the end of boot at which"
                                + " the repetitions stop, e.g. every: 2s, until: 20s",
                        "lab.yaml:14:5: scenario step: \"until\" needs \"every\", the interval at which the step repeats,"
                                + " e.g. every: 2s, until: 20s"),
                errors(LabValidationTest.TOPOLOGY + """
                        scenario:
                          - node: h1
                            run: ip link
                            every: 1s
                          - node: h1
                            run: ip link
                            until: 10s
                        """));
    }

    @Test
    void badValuesNameTheirPlace() {
        assertEquals(List.of(
                        "lab.yaml:11:12: every \"0s\": expected a duration above 0",
                        "lab.yaml:15:12: every: invalid duration \"-1s\": cannot be negative",
                        "lab.yaml:21:12: until \"2s\": expected an offset after at (2s), where the repetitions start",
                        "lab.yaml:26:12: until \"1.5s\": expected an offset after at (2.5s), where the repetitions start",
                        "lab.yaml:29:12: every \"1us\": the step would run 10000000 times before until;"
                                + " at most 10000 repetitions per step"),
                errors(LabValidationTest.TOPOLOGY + """
                        scenario:
                          - link: r1:eth0
                            state: down
                            every: 0s
                            until: 10s
                          - link: r1:eth0
                            state: down
                            every: -1s
                            until: 10s
                          - at: 2s
                            node: r1
                            action: crash
                            every: 1s
                            until: 2s
                          - at: 2.5s
                            node: r1
                            action: crash
                            every: 1s
                            until: 1.5s
                          - node: h1
                            run: ip link
                            every: 1us
                            until: 10s
                        """));
    }
}
