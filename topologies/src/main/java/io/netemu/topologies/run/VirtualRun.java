package io.netemu.topologies.run;

import io.netemu.device.time.ManualNetClock;
import io.netemu.device.time.NetTime;
import io.netemu.device.time.QuiescentExecutor;
import java.util.concurrent.Future;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Drives a run on virtual time ({@code netemu.time.mode = manual}, the default dispatcher on
 * {@link QuiescentExecutor}): whenever every actor is idle the clock jumps to the next timer, so
 * steps start exactly at their offsets and netem's delays are exact, with no waiting. Unlike
 * {@link ManualNetClock#runUntil}, an idle moment with no timer pending is not an error at once:
 * the pool can look idle while a message is being handed over, so the driver looks again for a
 * while before it gives up.
 */
final class VirtualRun {
    private static final long SETTLE_MILLIS = 10_000;
    private static final long IDLE_GIVE_UP_MILLIS = 30_000;
    private static final long CONFIRM_NANOS = 50_000;

    private VirtualRun() {}

    /**
     * Idle, and still idle a moment later: a pool can report itself quiescent while a message is
     * on its way from outside it, and moving the clock then would let later events overtake it.
     * The way in from outside is an ask's reply (ScenarioRunner, LabRuns, BootJob, NetnsOpRun):
     * Pekko's javadsl ask completes a Scala CompletionStage, which runs the callback that tells
     * the asking actor on {@code ForkJoinPool.commonPool()}. The moment of confirmation only
     * narrows that window: on a loaded machine a reply can take longer, and the clock then runs
     * ahead of it (seen: a step's {@code endedMs} late by seconds of virtual time; a command that
     * asks on its way, as {@code ip netns exec} does, could start late too).
     */
    private static boolean settled(String name) {
        for (int stable = 0; stable < 2; ) {
            if (!QuiescentExecutor.awaitQuiescence(name, SETTLE_MILLIS)) {
                return false;
            }
            long mark = System.nanoTime();
            while (System.nanoTime() - mark < CONFIRM_NANOS) {
                Thread.onSpinWait();
            }
            stable = QuiescentExecutor.awaitQuiescence(name, 0) ? stable + 1 : 0;
        }
        return true;
    }

    static void drive(ActorSystem<?> system, Future<?> done) {
        ManualNetClock clock = NetTime.get(system).manual();
        long idleSince = -1;
        while (!done.isDone()) {
            if (!settled(system.name())) {
                throw new IllegalStateException("virtual time: the actors did not settle within " + SETTLE_MILLIS + " ms");
            }
            if (done.isDone()) {
                return;
            }
            long next = clock.nextDeadline();
            if (next != Long.MAX_VALUE) {
                idleSince = -1;
                clock.advance(next - clock.nanos());
                continue;
            }
            long now = System.nanoTime() / 1_000_000;
            if (idleSince < 0) {
                idleSince = now;
            } else if (now - idleSince > IDLE_GIVE_UP_MILLIS) {
                throw new IllegalStateException("virtual time: the run is not done and nothing is pending at t="
                        + clock.nanos() + " ns");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
