package io.netemu.test.linux;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one host command (no shell in between) with a timeout, capturing its exit status and output. */
final class Shell {
    /** The status a command killed at its timeout records, as coreutils' timeout(1) and netemu do. */
    static final int TIMEOUT_EXIT = 124;

    private Shell() {
    }

    record Result(int exit, String stdout, String stderr) {
        boolean ok() {
            return exit == 0;
        }
    }

    /**
     * Runs {@code argv} and waits for it. Output goes to temporary files rather than pipes: a
     * command that leaves a daemon behind ({@code iperf3 -s -D}) would otherwise keep the pipe
     * open and block the reader forever. On timeout the command and its descendants are killed
     * and the result is {@link #TIMEOUT_EXIT} with whatever output was written so far.
     */
    static Result run(List<String> argv, Duration timeout) {
        File out = null;
        File err = null;
        try {
            out = File.createTempFile("nx-out", ".txt");
            err = File.createTempFile("nx-err", ".txt");
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out).redirectError(err).start();
            boolean ended = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!ended) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            String stderr = read(err);
            if (!ended) {
                stderr += "netemu-oracle: '" + String.join(" ", argv) + "' killed after its timeout of " + timeout + "\n";
            }
            return new Result(ended ? p.exitValue() : TIMEOUT_EXIT, read(out), stderr);
        } catch (IOException e) {
            // What a shell prints when it cannot start a command; the caller's checks name the command.
            return new Result(127, "", argv.get(0) + ": " + e.getMessage() + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    /** Runs {@code argv} and returns its stdout, or throws with its stderr when it fails. */
    static String check(List<String> argv) {
        Result r = run(argv, Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new IllegalStateException("'" + String.join(" ", argv) + "' failed (exit " + r.exit() + "): "
                    + r.stderr().strip());
        }
        return r.stdout();
    }

    private static String read(File f) throws IOException {
        // Not Files.readString: it throws on bytes that are not UTF-8; a command's output may hold any.
        return new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
    }

    private static void delete(File f) {
        if (f != null) {
            f.delete();   // best effort: a leftover temp file must not hide the command's own outcome
        }
    }
}
