package io.netemu.test.capture;

import io.netemu.test.linux.LinuxOracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tshark or tcpdump on a pcap file: the independent decoder the capture tests trust. */
final class Tshark {
    private Tshark() {}

    /** Skips the test (visibly) without tshark, fails it under NETEMU_REQUIRE_LINUX=1. */
    static void assume() {
        LinuxOracle.assumeTool("tshark", "tshark");
    }

    static void assumeTcpdump() {
        LinuxOracle.assumeTool("tcpdump", "tcpdump");
    }

    /** One line per frame: the fields, tab-separated, as {@code tshark -T fields} prints them. */
    static List<String> fields(Path file, String... fields) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        return lines(run(cmd));
    }

    /** The frames tshark marks malformed (an empty list is what a correct capture gives). */
    static List<String> malformed(Path file) {
        return lines(run(List.of("tshark", "-n", "-r", file.toString(), "-Y", "_ws.malformed || _ws.expert.severity >= 8388608")));
    }

    /** {@code tcpdump ARGS -r FILE}'s stdout lines. */
    static List<String> tcpdump(Path file, String... args) {
        List<String> cmd = new ArrayList<>(List.of("tcpdump"));
        cmd.addAll(List.of(args));
        cmd.add("-r");
        cmd.add(file.toString());
        return lines(run(cmd));
    }

    static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(cmd + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(cmd + " exited " + p.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }
}
