package io.netemu.test.linux;

import io.netemu.cli.console.LabSession;
import io.netemu.node.cmd.CommandResult;
import io.netemu.topologies.lab.Expect;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A lab's run steps played in the order their offsets give, in real Linux and in netemu alike:
 * the steps that share an offset start together, and a later offset's steps start when every
 * step of the earlier offsets has ended (and not before their offset). A reading then never
 * races the traffic it counts, nor a bpftool update meant to come before it.
 *
 * <p>Why not the lab's own timeline ({@link LinuxScenario}, netemu's scenario runner): there a
 * step starts at its offset whatever is still running, so {@code at: 3.0} reading a counter
 * after a ping at {@code 0} counts on the ping having ended within 3 s, and {@code at: 1.5}
 * before {@code at: 1.6} on two processes starting in that order. On a loaded machine neither
 * holds (a ping's process may start a second late, and two steps 0.1 s apart swap), in either
 * world; a step's end, on the other hand, is a condition both worlds report.
 */
final class OrderedSteps {
    private OrderedSteps() {
    }

    /** Boots {@code lab} in real Linux namespaces, plays its steps in order, cleans up. */
    static RunReport linux(Lab lab) {
        LinuxLab.requireSupportedSteps(lab);
        LinuxLab linux;
        try {
            linux = LinuxLab.boot(lab);
        } catch (LinuxLab.BootException e) {
            return new RunReport(lab.name(), 0, List.of(), false, e.getMessage());
        }
        try (linux) {
            return report(lab, linux.bootMs(), play(lab, s -> {
                Shell.Result r = linux.exec(s.node(), s.command(), Duration.ofNanos(s.timeoutNanos()));
                return new CommandResult(r.exit(), r.stdout(), r.stderr());
            }));
        }
    }

    /**
     * Boots {@code lab} in netemu as a console session does (the lab actor answering commands,
     * no scenario of its own), plays its steps in order through the session, ends the run.
     */
    static RunReport netemu(Lab lab) {
        LinuxLab.requireSupportedSteps(lab);
        AtomicLong bootMs = new AtomicLong();
        AtomicReference<RunReport> failed = new AtomicReference<>();
        RunListener listener = new RunListener() {
            @Override
            public void bootEnded(long ms) {
                bootMs.set(ms);
            }
        };
        LabSession session;
        try {
            session = LabSession.boot(lab, listener, false, failed::set);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RunReport(lab.name(), 0, List.of(), false, "interrupted while booting");
        }
        if (session == null) {
            return failed.get();
        }
        try (session) {
            return report(lab, bootMs.get(), play(lab, s -> session.run(s.node(), s.command(), s.timeoutNanos())));
        }
    }

    private static RunReport report(Lab lab, long bootMs, List<StepResult> results) {
        boolean ok = results.stream().allMatch(r -> r.expectOk() == null || r.expectOk());
        return new RunReport(lab.name(), bootMs, results, ok, null);
    }

    /** The steps by offset, each group on its own virtual threads; results in file order. */
    static List<StepResult> play(Lab lab, Function<StepSpec.RunStep, CommandResult> exec) {
        List<StepSpec> steps = StepSpec.expand(lab.steps());
        Map<Long, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < steps.size(); i++) {
            groups.computeIfAbsent(steps.get(i).atNanos(), at -> new ArrayList<>()).add(i);
        }
        StepResult[] results = new StepResult[steps.size()];
        long origin = System.nanoTime();
        for (Map.Entry<Long, List<Integer>> g : groups.entrySet()) {
            sleepUntil(origin + g.getKey());
            List<Future<StepResult>> running = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i : g.getValue()) {
                    StepSpec.RunStep s = (StepSpec.RunStep) steps.get(i);
                    running.add(pool.submit(() -> step(s, exec, origin)));
                }
            }   // close() waits for the whole group: the condition the next group starts on
            for (int k = 0; k < running.size(); k++) {
                results[g.getValue().get(k)] = running.get(k).resultNow();
            }
        }
        return List.of(results);
    }

    private static StepResult step(StepSpec.RunStep s, Function<StepSpec.RunStep, CommandResult> exec, long origin) {
        long started = System.nanoTime();
        CommandResult r = exec.apply(s);
        long ended = System.nanoTime();
        Expect e = s.expect();
        return new StepResult(s, r.exit(), r.stdout(), r.stderr(), (started - origin) / 1_000_000,
                (ended - origin) / 1_000_000, e == null ? null : e.test(r.exit(), r.stdout()));
    }

    private static void sleepUntil(long deadline) {
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new IllegalStateException("steps interrupted");
            }
        }
    }
}
