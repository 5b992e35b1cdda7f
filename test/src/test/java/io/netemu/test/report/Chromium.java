package io.netemu.test.report;

import io.netemu.test.linux.LinuxOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as the HTML report's independent reader: it loads a file, runs
 * its script and prints the DOM it ended with ({@code --dump-dom}) and its console messages on
 * stderr ({@code --enable-logging=stderr}). Each run gets a fresh profile directory and no
 * network services, so nothing is fetched and nothing is left behind.
 */
final class Chromium {
    record Result(int exit, String stdout, String stderr) {}

    private Chromium() {}

    /** Skips the test (visibly) without chromium, fails it under NETEMU_REQUIRE_LINUX=1. */
    static void assume() {
        LinuxOracle.assumeTool("chromium", "chromium");
    }

    static Result dumpDom(Path html) throws IOException, InterruptedException {
        return run(html, "--dump-dom");
    }

    static Result screenshot(Path html, Path png) throws IOException, InterruptedException {
        return run(html, "--screenshot=" + png.toAbsolutePath(), "--window-size=1280,900", "--hide-scrollbars");
    }

    private static Result run(Path html, String... what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("netemu-chromium");
        try {
            List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--enable-logging=stderr",
                    "--v=0"));
            cmd.addAll(List.of(what));
            cmd.add(html.toAbsolutePath().toUri().toString());
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish in 120 s: " + cmd);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } finally {
            deleteTree(profile);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
