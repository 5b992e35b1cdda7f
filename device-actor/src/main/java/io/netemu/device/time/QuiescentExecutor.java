package io.netemu.device.time;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.dispatch.DispatcherPrerequisites;
import org.apache.pekko.dispatch.ExecutorServiceConfigurator;
import org.apache.pekko.dispatch.ExecutorServiceFactory;

/**
 * A fork-join executor for the default dispatcher whose idleness can be observed: on virtual
 * time, "every mailbox is empty" is the moment to move the clock to the next timer, which makes
 * a run a deterministic discrete-event simulation. Configure with
 * {@code pekko.actor.default-dispatcher.executor = "io.netemu.device.time.QuiescentExecutor"}.
 */
public final class QuiescentExecutor extends ExecutorServiceConfigurator {
    private static final Map<String, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private final String systemName;
    private final int parallelism;

    public QuiescentExecutor(Config config, DispatcherPrerequisites prerequisites) {
        super(config, prerequisites);
        this.systemName = prerequisites.settings().name();
        this.parallelism = Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public ExecutorServiceFactory createExecutorServiceFactory(String id, ThreadFactory threadFactory) {
        return () -> {
            ForkJoinPool pool = new ForkJoinPool(parallelism, (ForkJoinPool.ForkJoinWorkerThreadFactory) threadFactory,
                    null, true);
            POOLS.put(systemName, pool);
            return (ExecutorService) pool;
        };
    }

    /**
     * Waits until no actor of the system {@code systemName} has work queued or running; false if
     * that did not happen within {@code timeoutMillis} (or the system does not use this executor).
     *
     * <p>Quiescent means seen quiescent twice in a row: a task that finished may just have
     * submitted another, and threads outside the pool hand tasks in at any moment (an ask's
     * reply reaches its actor from {@code ForkJoinPool.commonPool()}, where Scala's
     * CompletionStage runs Pekko's javadsl callbacks). A pool that got busy again between the
     * two looks is waited for again until the deadline, never reported as not settling at once:
     * that made a loaded run fail with "did not settle within 10000 ms" after a few milliseconds.
     */
    public static boolean awaitQuiescence(String systemName, long timeoutMillis) {
        ForkJoinPool pool = POOLS.get(systemName);
        if (pool == null) {
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (pool.awaitQuiescence(left, TimeUnit.NANOSECONDS) && pool.isQuiescent()) {
                return true;
            }
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
        }
    }

    /** Forgets a terminated system's pool. */
    public static void release(String systemName) {
        POOLS.remove(systemName);
    }
}
