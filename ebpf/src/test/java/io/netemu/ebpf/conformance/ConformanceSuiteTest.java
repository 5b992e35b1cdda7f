package io.netemu.ebpf.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every file of the bpf_conformance suite passes in-process (FORMAT.md's execution contract), JITed and interpreted. */
class ConformanceSuiteTest {

    @org.junit.jupiter.params.ParameterizedTest(name = "jit {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void allFilesOfTheSuitePass(boolean jit) throws Exception {
        String root = System.getProperty("netemu.conformance");
        assumeTrue(root != null, "system property netemu.conformance is not set (the module's pom sets it)");
        Path dir = Path.of(root, "bpf");
        assumeTrue(Files.isDirectory(dir), "conformance suite not found at " + dir);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status = ConformanceRunner.run(dir, new PrintStream(buf, true, StandardCharsets.UTF_8), jit);
        String report = buf.toString(StandardCharsets.UTF_8);
        assertEquals(313, ConformanceRunner.dataFiles(dir).size(), "the suite's file count");
        assertEquals("313 passed, 0 failed", report.strip().lines().reduce((a, b) -> b).orElse(""), report);
        assertEquals(0, status, report);
    }

    @Test
    void missingOrEmptyDirectoryIsStatusTwo(@org.junit.jupiter.api.io.TempDir Path tmp) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        assertEquals(2, ConformanceRunner.run(tmp.resolve("nope"), out));
        assertEquals(2, ConformanceRunner.run(tmp, out));
    }

    @Test
    void aWrongResultIsReportedAndStatusOne(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("good.data"), "-- asm\nmov %r0, 3\nexit\n-- result\n0x3\n");
        Files.writeString(tmp.resolve("bad.data"), "-- asm\nmov %r0, 3\nexit\n-- result\n0x4\n");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status = ConformanceRunner.run(tmp, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String report = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, status);
        assertEquals("FAIL bad.data: expected 0x4, got 0x3\n1 passed, 1 failed\n", report);
    }
}
