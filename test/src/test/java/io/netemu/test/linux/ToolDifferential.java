package io.netemu.test.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A lab from linux-labs/ run in real Linux and in netemu, step by step: same exit status, same
 * expectation verdict, same ping outcome, and for the commands of one tool (iptables, nft) the
 * exact output, after {@code normalize} (e.g. iptables-save's date).
 */
public final class ToolDifferential {
    private ToolDifferential() {}

    public static void assertSameAsLinux(String name, String tool, UnaryOperator<String> normalize) {
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
            String d = compare(linux.steps().get(i), netemu.steps().get(i), tool, normalize);
            if (d != null) {
                diffs.add(d);
            }
        }
        if (!diffs.isEmpty()) {
            fail("netemu differs from Linux in lab " + name + ":\n\n" + String.join("\n", diffs));
        }
    }

    static String compare(StepResult linux, StepResult netemu, String tool, UnaryOperator<String> normalize) {
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
        } else if (cmd.startsWith(tool)) {
            if (!normalize.apply(linux.stdout()).equals(normalize.apply(netemu.stdout()))) {
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
