package io.netemu.test.netfilter.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.netemu.test.linux.LinuxLab;
import io.netemu.test.linux.LinuxOracle;
import io.netemu.test.linux.PingSummary;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code linux-labs/iptables-*.yaml} labs in real Linux namespaces (iptables 1.8.9, nf_tables)
 * and in netemu: exit statuses, expectations and ping outcomes as DifferentialTest compares them,
 * and, for every iptables command a scenario runs (listings with counters, -S, iptables-save),
 * the exact output, the save's date aside. Needs the oracle's tools plus {@code iptables}.
 */
class IptablesDifferentialTest {
    static List<String> labs() {
        return LinuxOracle.labNames().stream().filter(n -> n.startsWith("iptables-")).toList();
    }

    /** As LinuxOracle.assumeAvailable, for the iptables tool: skipped without it, failed under NETEMU_REQUIRE_LINUX=1. */
    static void assumeIptables() {
        String path = System.getenv("PATH");
        boolean found = path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "iptables")));
        if (found) {
            return;
        }
        String msg = "real-Linux oracle unavailable: iptables not on PATH (apt package iptables)";
        if ("1".equals(System.getenv(LinuxOracle.REQUIRE_ENV))) {
            Assertions.fail(msg + "; failing because " + LinuxOracle.REQUIRE_ENV + "=1");
        }
        Assumptions.abort(msg);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void netemuFirewallsAsLinux(String name) {
        LinuxOracle.assumeAvailable();
        assumeIptables();
        Lab lab = LinuxOracle.lab(name);
        RunReport linux = LinuxLab.run(lab);
        assertNull(linux.error(), () -> "lab " + name + " did not boot in Linux: " + linux.error());
        for (StepResult s : linux.steps()) {
            if (Boolean.FALSE.equals(s.expectOk())) {
                fail("the oracle itself disagrees with " + name + ".yaml line " + s.step().line() + ":\n" + s.stdout()
                        + s.stderr());
            }
        }
        RunReport netemu = LabRunner.run(lab, RunListener.NONE);
        assertNull(netemu.error(), () -> "lab " + name + " did not run in netemu: " + netemu.error());
        assertEquals(linux.steps().size(), netemu.steps().size(), "steps in the report");
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < linux.steps().size(); i++) {
            String d = compare(linux.steps().get(i), netemu.steps().get(i));
            if (d != null) {
                diffs.add(d);
            }
        }
        if (!diffs.isEmpty()) {
            fail("netemu differs from Linux in lab " + name + ":\n\n" + String.join("\n", diffs));
        }
    }

    static String compare(StepResult linux, StepResult netemu) {
        List<String> what = new ArrayList<>();
        if (linux.exit() != netemu.exit()) {
            what.add("exit " + linux.exit() + " in Linux, " + netemu.exit() + " in netemu");
        }
        if (!java.util.Objects.equals(linux.expectOk(), netemu.expectOk())) {
            what.add("expectation held in Linux: " + linux.expectOk() + ", in netemu: " + netemu.expectOk());
        }
        String cmd = ((StepSpec.RunStep) linux.step()).command();
        if (PingSummary.present(linux.stdout())) {
            PingSummary l = PingSummary.parse(linux.stdout());
            PingSummary n = PingSummary.present(netemu.stdout()) ? PingSummary.parse(netemu.stdout()) : null;
            if (n == null || l.transmitted() != n.transmitted() || l.received() != n.received()
                    || !PingSummary.errorKinds(linux.stdout(), linux.stderr())
                            .equals(PingSummary.errorKinds(netemu.stdout(), netemu.stderr()))) {
                what.add("ping outcome differs");
            }
        } else if (cmd.startsWith("iptables")) {
            if (!undated(linux.stdout()).equals(undated(netemu.stdout()))) {
                what.add("stdout differs");
            }
            if (!linux.stderr().equals(netemu.stderr())) {
                what.add("stderr differs");
            }
        }
        if (what.isEmpty()) {
            return null;
        }
        return "line " + linux.step().line() + ": " + cmd + "\n  " + String.join("\n  ", what)
                + "\n--- Linux ---\n" + linux.stdout() + linux.stderr() + "--- netemu ---\n" + netemu.stdout()
                + netemu.stderr();
    }

    /** iptables-save's "on Wed Nov 25 16:24:41 2026" stamps, which no two runs share. */
    static String undated(String s) {
        return s.replaceAll("on [A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}", "on DATE");
    }
}
