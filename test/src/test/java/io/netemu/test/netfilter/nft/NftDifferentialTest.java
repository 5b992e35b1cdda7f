package io.netemu.test.netfilter.nft;

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
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code linux-labs/nft-*.yaml} labs in real Linux namespaces (nftables 1.0.6) and in netemu:
 * exit statuses, expectations and ping outcomes as DifferentialTest compares them, and the exact
 * output of every nft command a scenario runs ({@code nft list ruleset} with its counters,
 * listings with handles, errors). Needs the oracle's tools plus {@code nft} on PATH.
 */
class NftDifferentialTest {
    static List<String> labs() {
        return LinuxOracle.labNames().stream().filter(n -> n.startsWith("nft-")).toList();
    }

    /** As LinuxOracle.assumeAvailable, for nft: skipped without it, failed under NETEMU_REQUIRE_LINUX=1. */
    static void assumeNft() {
        String path = System.getenv("PATH");
        boolean found = path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && (Files.isExecutable(Path.of(d, "nft"))));
        if (found) {
            return;
        }
        String msg = "real-Linux oracle unavailable: nft not on PATH (apt package nftables)";
        if ("1".equals(System.getenv(LinuxOracle.REQUIRE_ENV))) {
            Assertions.fail(msg + "; failing because " + LinuxOracle.REQUIRE_ENV + "=1");
        }
        Assumptions.abort(msg);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void netemuFiltersAsLinux(String name) {
        LinuxOracle.assumeAvailable();
        assumeNft();
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
        if (!Objects.equals(linux.expectOk(), netemu.expectOk())) {
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
        } else if (cmd.startsWith("nft")) {
            if (!linux.stdout().equals(netemu.stdout())) {
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
}
