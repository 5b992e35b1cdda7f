package io.netemu.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigValueFactory;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example lab shipped in topologies/ boots and every expectation in its scenario holds,
 * with its report's counters sampled and its captures written, as `netemu run --report` does.
 */
class ExampleLabsTest {
    static Stream<Path> labs() throws IOException {
        return Files.list(Labs.repo().resolve("topologies")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("labs")
    void exampleLabRunsAndEveryExpectationHolds(Path file, @TempDir Path captures) {
        RunReport r = LabRunner.run(LabLoader.load(file).lab(), RunListener.NONE, Labs.testConfig()
                .withValue("netemu.capture.dir", ConfigValueFactory.fromAnyRef(captures.toString()))
                .withValue(LabRunner.SAMPLE_INTERVAL_KEY, ConfigValueFactory.fromAnyRef("100ms")));
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        assertTrue(r.steps().stream().anyMatch(s -> s.expectOk() != null), "the lab checks something");
        for (RunReport.Capture c : r.captures()) {
            assertNull(c.error(), () -> c.iface() + ": " + c.error());
            assertTrue(c.frames() > 0 && Files.isRegularFile(Path.of(c.file())), () -> c.iface() + " captured nothing");
        }
    }
}
