package io.netemu.test.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code netemu member ...} (io.netemu.cli.Main) in a child JVM with this JVM's class path, as CliProcess does for other commands. */
final class MemberProcess {
    /** What it did, and how long it took from start to exit. */
    record Result(int exit, String stdout, String stderr, long millis) {}

    private MemberProcess() {}

    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // as ./netemu does: no Unsafe warning on stderr
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.netemu.cli.Main");
        cmd.add("member");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs it to its end; fails the test if it is still running after {@code boundSeconds}. */
    static Result run(int boundSeconds, Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        var out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        var err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(boundSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("netemu member " + String.join(" ", args) + " still ran after " + boundSeconds + " s");
        }
        return new Result(p.exitValue(), out.join(), err.join(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }
}
