package io.netemu.cli;

import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.io.PrintStream;

/** Prints boot progress and each scenario step as it ends, then a summary. */
final class ConsoleListener implements RunListener {
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final boolean quiet;
    private long bootStart;
    private long lastProgress;

    ConsoleListener(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void bootStarted(String lab, int nodes, int links) {
        out.printf("lab %s: booting %d nodes, %d links%n", lab, nodes, links);
        bootStart = System.nanoTime();
        lastProgress = bootStart;
    }

    @Override
    public void nodeBooted(String node, int booted, int total) {
        if (quiet) {
            return;
        }
        if (total <= 50) {
            out.printf("  booted %s (%d/%d)%n", node, booted, total);
            return;
        }
        // a large lab: one progress line a second, with the rate and what is left
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS && booted < total) {
            lastProgress = now;
            double rate = booted / ((now - bootStart) / 1e9);
            out.printf(java.util.Locale.ROOT, "  booted %d/%d nodes (%.0f nodes/s, about %.0f s left)%n",
                    booted, total, rate, (total - booted) / rate);
        }
    }

    @Override
    public void routesComputed(int routes, long millis) {
        out.printf("routing: shortest-path: %d routes computed in %d ms%n", routes, millis);
    }

    @Override
    public void bootEnded(long bootMs) {
        out.printf("boot done in %d ms%n", bootMs);
    }

    @Override
    public void stepEnded(StepResult r) {
        boolean failed = Boolean.FALSE.equals(r.expectOk());
        if (quiet && !failed) {
            return;
        }
        String verdict = r.expectOk() == null ? "" : r.expectOk() ? "  [ok]" : "  [FAILED: expected " + expected(r.step()) + "]";
        out.printf("[%7.3fs] %s -> exit %d%s%n", r.startedMs() / 1000.0, describe(r.step()), r.exit(), verdict);
        indent(r.stdout());
        indent(r.stderr());
    }

    private void indent(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.println("    " + line);
            }
        }
    }

    static String describe(StepSpec s) {
        String what = switch (s) {
            case StepSpec.RunStep r -> r.node() + ": " + r.command();
            case StepSpec.LinkStep l -> "link " + l.link() + " " + (l.up() ? "up" : "down");
            case StepSpec.ActionStep a -> a.node() + ": " + a.action();
        };
        // a repetition of an every/until step says which one, counting from 1 as people do
        return s.repeat() == null ? what : what + " (#" + (s.repeat().index() + 1) + ")";
    }

    private static String expected(StepSpec s) {
        StringBuilder sb = new StringBuilder();
        if (s.expect().exit() != null) {
            sb.append("exit ").append(s.expect().exit());
        }
        if (s.expect().stdout() != null) {
            sb.append(sb.isEmpty() ? "" : " and ").append("stdout containing \"").append(s.expect().stdout()).append('"');
        }
        return sb.toString();
    }

    static void summary(PrintStream out, RunReport r) {
        namespaces(out, r);
        long withExpect = r.steps().stream().filter(s -> s.expectOk() != null).count();
        long failed = r.steps().stream().filter(s -> Boolean.FALSE.equals(s.expectOk())).count();
        if (r.error() != null) {
            out.printf("lab %s could not run (exit 2)%n", r.name());
        } else {
            out.printf("lab %s: %d steps, %d expectations, %d held, %d failed -> %s (exit %d)%n", r.name(),
                    r.steps().size(), withExpect, withExpect - failed, failed, r.ok() ? "OK" : "FAILED", r.exitStatus());
        }
    }

    /** Namespaces made at run time are listed beside the nodes (only when there are some: a plain lab's output stays short). */
    private static void namespaces(PrintStream out, RunReport r) {
        if (r.namespaces().stream().allMatch(RunReport.Namespace::labNode)) {
            return;
        }
        StringBuilder sb = new StringBuilder("namespaces at the end:");
        for (RunReport.Namespace n : r.namespaces()) {
            sb.append(' ').append(n.name()).append(n.labNode() ? " (node)" : " (netns, created by " + n.createdBy() + ")")
                    .append(',');
        }
        sb.setLength(sb.length() - 1);
        out.println(sb);
    }
}
