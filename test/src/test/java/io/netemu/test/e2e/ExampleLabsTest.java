package io.netemu.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example lab shipped in topologies/ boots and every expectation in its scenario holds. */
class ExampleLabsTest {
    static Stream<Path> labs() throws IOException {
        return Files.list(Labs.repo().resolve("topologies")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("labs")
    void exampleLabRunsAndEveryExpectationHolds(Path file) {
        RunReport r = Labs.run(LabLoader.load(file).lab());
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        assertTrue(r.steps().stream().anyMatch(s -> s.expectOk() != null), "the lab checks something");
    }
}
