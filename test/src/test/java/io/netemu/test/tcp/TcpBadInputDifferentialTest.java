package io.netemu.test.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.test.linux.LinuxOracle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link BadTcpCase}'s frames injected into a real Linux client ({@code linux-tcp/tcp_bad_input.py}:
 * two namespaces, a veth, a packet socket) and into netemu's ({@link BadTcpLab}): the same outcome
 * for every case — connection state, bytes read, errno, segments sent back and the counters the case
 * is about. Skips with the reason without root or python3; fails instead under NETEMU_REQUIRE_LINUX=1.
 */
class TcpBadInputDifferentialTest {
    @Test
    void badInputAsRealLinux() throws Exception {
        LinuxOracle.assumeAvailable();
        LinuxOracle.assumeTool("python3", "python3");
        Map<String, String> linux = runScript();
        assertEquals(BadTcpCase.values().length, linux.size(), "cases the script reported: " + linux);
        List<String> diffs = new ArrayList<>();
        for (BadTcpCase k : BadTcpCase.values()) {
            String l = linux.get(k.id);
            assertTrue(l != null, "the script did not report " + k.id);
            String n;
            try (BadTcpLab lab = new BadTcpLab()) {
                n = lab.run(k).toString();
            }
            if (!BadTcpCase.comparable(l).equals(BadTcpCase.comparable(n))) {
                diffs.add(k.id + ":\n  Linux  " + l + "\n  netemu " + n);
            }
        }
        assertEquals(List.of(), diffs, () -> String.join("\n", diffs));
    }

    /** Case name to the rest of its line. */
    private static Map<String, String> runScript() throws Exception {
        Path script = Path.of(TcpBadInputDifferentialTest.class.getResource("/linux-tcp/tcp_bad_input.py").toURI());
        Process p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tcp_bad_input.py did not finish in 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "tcp_bad_input.py failed:\n" + out);
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("CASE ")) {
                String[] f = line.split(" ", 3);
                m.put(f[1], f[2]);
            }
        }
        return m;
    }
}
