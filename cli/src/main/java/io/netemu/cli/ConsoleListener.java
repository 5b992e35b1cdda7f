package io.netemu.cli;

import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.io.PrintStream;

/**
 * Prints the boot's progress and each scenario step as it ends, then a summary. On a terminal a
 * status block at the bottom is redrawn in place: a progress bar while the nodes boot, then one
 * live line per running step; elsewhere (a pipe, a log file) a large lab's boot prints a line
 * every few seconds and a step running long prints a line every few seconds, so logs stay short.
 * Callbacks come from the lab actor; a ticker thread redraws the live lines: both lock this.
 */
final class ConsoleListener implements RunListener, AutoCloseable {
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long LIVE_PIPE_EVERY_NANOS = 5_000_000_000L;
    private static final int MAX_LIVE_LINES = 6;

    private final PrintStream out;
    private final boolean quiet;
    private final LiveStatus status;
    private long bootStart;
    private long lastProgress;
    private String bootBar;
    /** Running steps by index (file order): what they are, when they started (lab ms, wall ns). */
    private final java.util.TreeMap<Integer, Running> running = new java.util.TreeMap<>();
    private Thread ticker;
    private boolean closed;

    private record Running(String what, long startedMs, long wallStart) {}

    ConsoleListener(PrintStream out, boolean quiet) {
        this(out, quiet, false);
    }

    ConsoleListener(PrintStream out, boolean quiet, boolean terminal) {
        this.out = out;
        this.quiet = quiet;
        this.status = terminal ? new LiveStatus(out) : null;
    }

    /** Whether stdout is a terminal (Console.isTerminal, JDK 22+; before it a console exists only on one). */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private synchronized void print(String text) {
        if (status != null) {
            status.printAbove(text);
            redraw();
        } else {
            out.print(text);
        }
    }

    @Override
    public void bootStarted(String lab, int nodes, int links) {
        print(String.format("lab %s: booting %d nodes, %d links%n", lab, nodes, links));
        bootStart = System.nanoTime();
        lastProgress = bootStart;
    }

    @Override
    public synchronized void nodeBooted(String node, int booted, int total) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        if (status != null) {
            if (now - lastProgress >= REDRAW_NANOS || booted == total) {
                lastProgress = now;
                bootBar = bar(booted, total, now);
                redraw();
            }
            return;
        }
        if (total <= 50) {
            out.printf("  booted %s (%d/%d)%n", node, booted, total);
            return;
        }
        // a large lab on a pipe: one progress line every few seconds, with the rate and what is left
        if (now - lastProgress >= PROGRESS_EVERY_NANOS && booted < total) {
            lastProgress = now;
            double rate = booted / ((now - bootStart) / 1e9);
            out.printf(java.util.Locale.ROOT, "  booted %d/%d nodes (%.0f nodes/s, about %.0f s left)%n",
                    booted, total, rate, (total - booted) / rate);
        }
    }

    private String bar(int booted, int total, long now) {
        int cells = 30;
        int full = total == 0 ? cells : (int) ((long) booted * cells / total);
        double secs = (now - bootStart) / 1e9;
        String rate = secs > 0.5 && booted < total
                ? String.format(java.util.Locale.ROOT, " %.0f nodes/s, about %.0f s left", booted / secs, (total - booted) / (booted / secs))
                : "";
        return "  booting [" + "#".repeat(full) + ".".repeat(cells - full) + "] " + booted + "/" + total + " nodes" + rate;
    }

    /** Which member hosts which node: the placement line, then one line per member (long lists cut short). */
    @Override
    public synchronized void placed(String summary, java.util.Map<String, String> memberOf) {
        StringBuilder sb = new StringBuilder(summary).append('\n');
        java.util.Map<String, java.util.List<String>> byMember = new java.util.TreeMap<>();
        memberOf.forEach((node, member) -> byMember.computeIfAbsent(member, k -> new java.util.ArrayList<>()).add(node));
        byMember.forEach((member, nodes) -> {
            nodes.sort(null);
            int shown = Math.min(nodes.size(), 12);
            sb.append("  ").append(member).append(": ").append(String.join(" ", nodes.subList(0, shown)));
            if (shown < nodes.size()) {
                sb.append(" ... and ").append(nodes.size() - shown).append(" more");
            }
            sb.append('\n');
        });
        print(sb.toString());
    }

    @Override
    public void routesComputed(int routes, long millis) {
        print(String.format("routing: shortest-path: %d routes computed in %d ms%n", routes, millis));
    }

    @Override
    public synchronized void bootEnded(long bootMs) {
        bootBar = null;
        print(String.format("boot done in %d ms%n", bootMs));
    }

    @Override
    public synchronized void stepStarted(int index, StepSpec step, long startedMs) {
        if (quiet || closed) {
            return;
        }
        running.put(index, new Running(describe(step), startedMs, System.nanoTime()));
        if (ticker == null) {
            ticker = Thread.ofPlatform().daemon().name("netemu-live").start(this::tick);
        }
        if (status != null) {
            redraw();
        }
    }

    /** Redraws the live lines on a terminal; on a pipe reports the steps running long every few seconds. */
    private void tick() {
        long lastPipe = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(status != null ? 200 : 500);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                long now = System.nanoTime();
                if (status != null) {
                    redraw();
                } else if (now - lastPipe >= LIVE_PIPE_EVERY_NANOS) {
                    lastPipe = now;
                    for (Running r : running.values()) {
                        if (now - r.wallStart() >= LIVE_PIPE_EVERY_NANOS) {
                            out.println(live(r, now));
                        }
                    }
                }
            }
        }
    }

    private static String live(Running r, long now) {
        return String.format(java.util.Locale.ROOT, "[%7.3fs] %s (running %.1fs)", r.startedMs() / 1000.0, r.what(),
                (now - r.wallStart()) / 1e9);
    }

    private void redraw() {
        if (status == null || closed) {
            return;
        }
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (bootBar != null) {
            lines.add(bootBar);
        }
        long now = System.nanoTime();
        for (Running r : running.values()) {
            if (lines.size() == MAX_LIVE_LINES) {
                lines.add("  ... and " + (running.size() - MAX_LIVE_LINES + (bootBar != null ? 1 : 0)) + " more running");
                break;
            }
            lines.add(live(r, now));
        }
        status.show(lines);
    }

    /** Stops the live lines and clears them, before the summary. */
    @Override
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.interrupt();
        }
        if (status != null) {
            status.clear();
        }
    }

    @Override
    public synchronized void stepEnded(StepResult r) {
        running.remove(indexOf(r));
        boolean failed = Boolean.FALSE.equals(r.expectOk());
        if (quiet && !failed) {
            return;
        }
        String verdict = r.expectOk() == null ? "" : r.expectOk() ? "  [ok]" : "  [FAILED: expected " + expected(r.step()) + "]";
        StringBuilder sb = new StringBuilder(String.format("[%7.3fs] %s -> exit %d%s%n", r.startedMs() / 1000.0,
                describe(r.step()), r.exit(), verdict));
        indent(sb, r.stdout());
        indent(sb, r.stderr());
        print(sb.toString());
    }

    /** The running entry a result ends: the step started earliest with the same description. */
    private Integer indexOf(StepResult r) {
        String what = describe(r.step());
        for (var e : running.entrySet()) {
            if (e.getValue().what().equals(what) && e.getValue().startedMs() == r.startedMs()) {
                return e.getKey();
            }
        }
        for (var e : running.entrySet()) {
            if (e.getValue().what().equals(what)) {
                return e.getKey();
            }
        }
        return -1;
    }

    private static void indent(StringBuilder sb, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                sb.append("    ").append(line).append('\n');
            }
        }
    }

    static String describe(StepSpec s) {
        String what = switch (s) {
            case StepSpec.RunStep r -> r.node() + ": " + r.command();
            case StepSpec.LinkStep l -> "link " + l.link() + " " + (l.up() ? "up" : "down");
            case StepSpec.ActionStep a -> a.node() + ": " + a.action();
            case StepSpec.MemberStep m -> (m.members().size() == 1 ? "member " : "members ")
                    + String.join(", ", m.members()) + ": " + m.action();
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
        members(out, r);
        long withExpect = r.steps().stream().filter(s -> s.expectOk() != null).count();
        long failed = r.steps().stream().filter(s -> Boolean.FALSE.equals(s.expectOk())).count();
        if (r.error() != null) {
            out.printf("lab %s could not run (exit 2)%n", r.name());
        } else {
            out.printf("lab %s: %d steps, %d expectations, %d held, %d failed -> %s (exit %d)%n", r.name(),
                    r.steps().size(), withExpect, withExpect - failed, failed, r.ok() ? "OK" : "FAILED", r.exitStatus());
        }
    }

    /** A run on cluster members: each member's end state, what it lost, what crossed its links. */
    private static void members(PrintStream out, RunReport r) {
        if (r.cluster() == null) {
            return;
        }
        for (io.netemu.topologies.run.ClusterReport.Member m : r.cluster().members()) {
            StringBuilder sb = new StringBuilder("member ").append(m.name()).append(" (").append(m.address()).append("): ")
                    .append(m.state()).append(", ").append(m.nodes().size()).append(" nodes");
            if (!m.lostNodes().isEmpty()) {
                sb.append(", lost at ").append(m.lostAtMs()).append(" ms with ").append(String.join(" ", m.lostNodes()));
            }
            if (m.entriesOut() >= 0) {
                sb.append(", links: ").append(m.entriesOut()).append(" entries out in ").append(m.batchesOut())
                        .append(" batches, ").append(m.entriesIn()).append(" in");
                if (m.droppedPartition() > 0) {
                    sb.append(", ").append(m.droppedPartition()).append(" frames dropped at a partition");
                }
            }
            out.println(sb);
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
