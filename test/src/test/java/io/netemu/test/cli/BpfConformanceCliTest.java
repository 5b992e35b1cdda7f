package io.netemu.test.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netemu bpf conformance DIR}: the shared suite passes whole; a broken file is named, exit 1. */
class BpfConformanceCliTest {
    @TempDir
    Path dir;

    private static final Path SUITE = Path.of(System.getProperty("user.dir")).resolve("../../shared/conformance/bpf")
            .normalize();

    private static Path suite() {
        Path p = Path.of("/work/shared/conformance/bpf");
        return Files.isDirectory(SUITE) ? SUITE : p;
    }

    @Test
    void theSharedSuitePasses() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "bpf", "conformance", suite().toString());
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        String[] lines = r.stdout().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("\\d+ passed, 0 failed"), r.stdout());
        assertEquals(1, lines.length, "no failing file is listed: " + r.stdout());
    }

    @Test
    void aFailingFileIsNamedAndTheExitIsOne() throws Exception {
        Files.writeString(dir.resolve("wrong.data"), "-- asm\nmov %r0, 1\nexit\n-- result\n0x2\n");
        Files.writeString(dir.resolve("right.data"), "-- asm\nmov %r0, 2\nexit\n-- result\n0x2\n");
        CliProcess.Result r = CliProcess.run(dir, "bpf", "conformance", dir.toString());
        assertEquals(1, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("wrong.data"), r.stdout());
        assertTrue(r.stdout().strip().endsWith("1 passed, 1 failed"), r.stdout());
    }
}
