package io.netemu.test.sock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netemu.test.e2e.Labs;
import io.netemu.test.linux.LinuxLab;
import io.netemu.test.linux.LinuxOracle;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link NcLabTest}'s lab in real Linux namespaces (Debian's netcat-openbsd 1.219, iproute2 6.1's ss)
 * and in netemu: every step's exit status and nc's stderr alike, and ss's output alike once the
 * ephemeral ports (which differ by nature: Linux's are keyed by a random secret) are masked.
 */
class SockDifferentialTest {
    @Test
    void ncAndSsAsLinux() {
        LinuxOracle.assumeAvailable();
        LinuxOracle.assumeTool("nc", "netcat-openbsd");
        LinuxOracle.assumeTool("ss", "iproute2");
        Lab lab = Labs.parse("nc-basic", NcLabTest.LAB);
        RunReport linux = LinuxLab.run(lab);
        assertNull(linux.error(), () -> "the lab did not boot in Linux: " + linux.error());
        RunReport netemu = Labs.run(lab);
        assertNull(netemu.error(), () -> Labs.describe(netemu));
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < linux.steps().size(); i++) {
            StepResult l = linux.steps().get(i);
            StepResult n = netemu.steps().get(i);
            String cmd = ((StepSpec.RunStep) l.step()).command();
            if (l.exit() != n.exit()) {
                diffs.add(cmd + ": exit " + l.exit() + " in Linux, " + n.exit() + " in netemu");
            }
            if (!masked(l.stderr()).equals(masked(n.stderr()))) {
                diffs.add(cmd + ": stderr\n--- Linux ---\n" + l.stderr() + "--- netemu ---\n" + n.stderr());
            }
            if (cmd.startsWith("ss") && !masked(l.stdout()).equals(masked(n.stdout()))) {
                diffs.add(cmd + ": stdout\n--- Linux ---\n" + l.stdout() + "--- netemu ---\n" + n.stdout());
            }
        }
        assertEquals(List.of(), diffs, () -> String.join("\n", diffs));
    }

    /**
     * Ephemeral ports (ip_local_port_range) become EPHEM (always five digits wide); the runners' own
     * line about a step killed at its timeout (worded differently by the oracle) goes.
     */
    static String masked(String s) {
        s = s.replaceAll("(?m)^(netemu-oracle: .*killed after its timeout.*|netemu: killed after its timeout.*)\n?", "");
        StringBuilder b = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<=[: ])(\\d{5})\\b").matcher(s);
        int last = 0;
        while (m.find()) {
            int p = Integer.parseInt(m.group(1));
            b.append(s, last, m.start()).append(p >= 32768 && p <= 60999 ? "EPHEM" : m.group(1));
            last = m.end();
        }
        return b.append(s.substring(last)).toString();
    }
}
