package io.netemu.ebpf.elf;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the C fixtures of src/test/c/elf with clang at test time, into target/elf-test.
 * Without clang on PATH the calling test is skipped with the reason shown, unless
 * NETEMU_REQUIRE_CLANG=1 asks for a failure instead (CI images that must run these).
 */
public final class ClangObjects {
    public static final Path SOURCES = Path.of("src/test/c/elf");
    public static final Path OUT = Path.of("target/elf-test");

    private ClangObjects() {}

    /** {@code source} compiled to {@code objectName} (a file name; it prefixes global data map names). */
    public static Path compile(String source, String objectName, boolean debugInfo) {
        requireTool("clang");
        try {
            Files.createDirectories(OUT);
            Path out = OUT.resolve(objectName);
            List<String> cmd = new ArrayList<>(List.of("clang", "-O2", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu"));
            if (debugInfo) cmd.add("-g");
            cmd.addAll(List.of("-c", SOURCES.resolve(source).toString(), "-o", out.toString()));
            run(cmd);
            return out;
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    public static String objdump(Path object) {
        requireTool("llvm-objdump");
        return run(List.of("llvm-objdump", "-d", "-r", object.toString()));
    }

    public static void requireTool(String tool) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) found = true;
        if (found) return;
        String why = tool + " is not on PATH: compiled-BPF loader tests need it (install clang/llvm)";
        if ("1".equals(System.getenv("NETEMU_REQUIRE_CLANG"))) fail(why + " and NETEMU_REQUIRE_CLANG=1");
        assumeTrue(false, why);
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + ": timed out");
            }
            if (p.exitValue() != 0) fail(String.join(" ", cmd) + " failed:\n" + output);
            return output;
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }
}
