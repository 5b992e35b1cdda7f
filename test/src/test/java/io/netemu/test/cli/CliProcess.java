package io.netemu.test.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code netemu} (io.netemu.cli.Main) in a child JVM, as a user's shell would, and captures what it did. */
final class CliProcess {
    record Result(int exit, String stdout, String stderr) {}

    private CliProcess() {}

    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return runWithInput(dir, null, args);
    }

    /** As {@link #run}, with {@code input} as stdin (a pipe, not a terminal); null: /dev/null. */
    static Result runWithInput(Path dir, String input, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.netemu.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        if (input == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = pb.start();
        if (input != null) {
            try (var stdin = p.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        var out = p.getInputStream();
        var err = p.getErrorStream();
        var outF = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(out));
        var errF = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(err));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("netemu " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), outF.join(), errF.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }
}
