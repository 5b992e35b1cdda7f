package io.netemu.test.linux;

import io.netemu.topologies.lab.Expect;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * A booted {@link LinuxLab}'s scenario, on the wall clock (topology-format.md "Scenario"): each
 * step starts at its {@code at} offset from the end of boot on its own thread, so steps with the
 * same offset start together and a long {@code run} holds back nothing; the run ends when every
 * step has ended. Results come back in file order, in the shapes netemu's runner produces.
 */
final class LinuxScenario {
    private LinuxScenario() {
    }

    static RunReport run(LinuxLab linux) {
        Lab lab = linux.lab();
        LinuxLab.requireSupportedSteps(lab);
        long origin = System.nanoTime();
        List<Future<StepResult>> futures = new ArrayList<>();
        // Virtual threads: a step mostly waits (for its offset, then for its process), and a lab may have many.
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (StepSpec s : lab.steps()) {
                futures.add(pool.submit(() -> step(linux, (StepSpec.RunStep) s, origin)));
            }
        }   // close() waits for every step
        List<StepResult> results = futures.stream().map(Future::resultNow).toList();
        boolean ok = results.stream().allMatch(r -> r.expectOk() == null || r.expectOk());
        return new RunReport(lab.name(), linux.bootMs(), results, ok, null);
    }

    private static StepResult step(LinuxLab linux, StepSpec.RunStep s, long origin) {
        sleepUntil(origin + s.atNanos());
        long started = System.nanoTime();
        Shell.Result r = linux.exec(s.node(), s.command(), Duration.ofNanos(s.timeoutNanos()));
        long ended = System.nanoTime();
        Expect e = s.expect();
        return new StepResult(s, r.exit(), r.stdout(), r.stderr(), (started - origin) / 1_000_000,
                (ended - origin) / 1_000_000, e == null ? null : e.test(r.exit(), r.stdout()));
    }

    private static void sleepUntil(long deadline) {
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new IllegalStateException("scenario interrupted");
            }
        }
    }
}
