package io.netemu.topologies.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab-level {@code routing:} key. */
class RoutingKeyTest {

    @Test
    void defaultsToNone() {
        assertEquals(Lab.ROUTING_NONE, LabLoader.parse("lab.yaml", LabValidationTest.TOPOLOGY).lab().routing());
    }

    @Test
    void acceptsShortestPathAndNone() {
        assertEquals(Lab.ROUTING_SHORTEST_PATH,
                LabLoader.parse("lab.yaml", "routing: shortest-path\n" + LabValidationTest.TOPOLOGY).lab().routing());
        assertEquals(Lab.ROUTING_NONE, LabLoader.parse("lab.yaml", "routing: none\n" + LabValidationTest.TOPOLOGY).lab().routing());
    }

    @Test
    void unknownModeIsAnErrorWithASuggestion() {
        assertEquals(List.of("lab.yaml:1:10: routing \"shortest_path\": expected one of none, shortest-path"
                        + " (did you mean shortest-path?)"),
                LabValidationTest.errors("routing: shortest_path\n" + LabValidationTest.TOPOLOGY));
        assertEquals(List.of("lab.yaml:1:10: routing: expected one of none, shortest-path, found a list"),
                LabValidationTest.errors("routing: [ospf]\n" + LabValidationTest.TOPOLOGY));
    }

    @Test
    void withSeedKeepsRouting() {
        Lab lab = LabLoader.parse("lab.yaml", "routing: shortest-path\n" + LabValidationTest.TOPOLOGY).lab();
        assertEquals(Lab.ROUTING_SHORTEST_PATH, lab.withSeed(7L).routing());
    }
}
