package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.fail;

import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lab in {@code linux-labs/} run twice, in real Linux namespaces and in netemu, and every
 * run step compared: exit status, the step's own expectation, and for ping the transmitted and
 * received counts and which kinds of error line appeared (each lab file says in its header what
 * Linux does and why). Round-trip times, error counts and timestamps are left out: they depend
 * on timing, not on behaviour.
 *
 * <p>Linux runs first and must match the lab's own expectations, so a broken oracle (a host
 * without the tools, a lab that no longer says what Linux does) fails as such rather than as a
 * netemu difference.
 */
class DifferentialTest {

    static List<String> labs() {
        return LinuxOracle.labNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labs")
    void netemuBehavesAsLinux(String name) {
        BothRuns runs = BothRuns.of(name, LinuxOracle.lab(name));
        RunReport linux = runs.linux();
        RunReport netemu = runs.netemu();

        List<String> differences = new ArrayList<>();
        for (int i = 0; i < linux.steps().size(); i++) {
            String diff = compare(linux.steps().get(i), netemu.steps().get(i));
            if (diff != null) {
                differences.add(diff);
            }
        }
        if (!differences.isEmpty()) {
            fail("netemu differs from Linux in lab " + name + ":\n\n" + String.join("\n", differences));
        }
    }

    /** What differs between one step's two runs, with both outputs side by side, or null. */
    static String compare(StepResult linux, StepResult netemu) {
        List<String> what = new ArrayList<>();
        if (linux.exit() != netemu.exit()) {
            what.add("exit " + linux.exit() + " in Linux, " + netemu.exit() + " in netemu");
        }
        if (!Objects.equals(linux.expectOk(), netemu.expectOk())) {
            what.add("expect " + linux.step().expect() + " held in Linux: " + linux.expectOk()
                    + ", in netemu: " + netemu.expectOk());
        }
        if (PingSummary.present(linux.stdout())) {
            comparePing(linux, netemu, what);
        }
        if (what.isEmpty()) {
            return null;
        }
        StepSpec.RunStep s = (StepSpec.RunStep) linux.step();
        return "line " + s.line() + ", " + s.node() + ": " + s.command() + "\n  " + String.join("\n  ", what) + "\n"
                + SideBySide.of("Linux", linux, "netemu", netemu);
    }

    private static void comparePing(StepResult linux, StepResult netemu, List<String> what) {
        if (!PingSummary.present(netemu.stdout())) {
            what.add("netemu's ping printed no statistics line");
            return;
        }
        PingSummary l = PingSummary.parse(linux.stdout());
        PingSummary n = PingSummary.parse(netemu.stdout());
        if (l.transmitted() != n.transmitted() || l.received() != n.received()) {
            what.add("ping " + l.transmitted() + " transmitted/" + l.received() + " received in Linux, "
                    + n.transmitted() + "/" + n.received() + " in netemu");
        }
        var lk = PingSummary.errorKinds(linux.stdout(), linux.stderr());
        var nk = PingSummary.errorKinds(netemu.stdout(), netemu.stderr());
        if (!lk.equals(nk)) {
            what.add("ping error lines " + lk + " in Linux, " + nk + " in netemu");
        }
        if ((l.errors() > 0) != (n.errors() > 0)) {
            what.add("ping +errors " + l.errors() + " in Linux, " + n.errors() + " in netemu");
        }
    }
}
