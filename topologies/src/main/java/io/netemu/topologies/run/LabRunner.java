package io.netemu.topologies.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.netemu.topologies.lab.Lab;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Runs one lab in its own actor system and returns the report: what {@code netemu run} does. */
public final class LabRunner {
    private LabRunner() {}

    /** The run's settings: netemu-run.conf over the application's and Pekko's defaults. */
    public static Config config() {
        return ConfigFactory.parseResources("netemu-run.conf").withFallback(ConfigFactory.load()).resolve();
    }

    public static RunReport run(Lab lab, RunListener listener) {
        return run(lab, listener, config());
    }

    /** A run whose capture files ({@code capture:}) go into {@code captureDir}. */
    public static RunReport run(Lab lab, RunListener listener, java.nio.file.Path captureDir) {
        return run(lab, listener, captureDir, "off");
    }

    /** The same, sampling every link end's counters every {@code sampleInterval} ("100ms"; "off": not at all). */
    public static RunReport run(Lab lab, RunListener listener, java.nio.file.Path captureDir, String sampleInterval) {
        return run(lab, listener, runConfig(captureDir, sampleInterval));
    }

    /** The same on cluster members: {@code cluster} makes this JVM a member with the lab role. */
    public static RunReport run(Lab lab, RunListener listener, java.nio.file.Path captureDir, String sampleInterval,
                                Config cluster, ClusterLauncher launcher) {
        return run(lab, listener, cluster.withFallback(runConfig(captureDir, sampleInterval)).resolve(), launcher);
    }

    private static Config runConfig(java.nio.file.Path captureDir, String sampleInterval) {
        return config().withValue(LabCaptures.DIR_KEY, com.typesafe.config.ConfigValueFactory.fromAnyRef(captureDir.toString()))
                .withValue(SAMPLE_INTERVAL_KEY, com.typesafe.config.ConfigValueFactory.fromAnyRef(sampleInterval));
    }

    /** How often the counters are sampled for the report: a duration or off (reference.conf). */
    public static final String SAMPLE_INTERVAL_KEY = "netemu.report.sample-interval";

    public static RunReport run(Lab lab, RunListener listener, Config config) {
        return run(lab, listener, config, null);
    }

    /**
     * Where a lab that spans cluster members gets its plan: called once the run's actor system
     * (a cluster member with the lab role) is up; it finds the members and places the nodes.
     */
    @FunctionalInterface
    public interface ClusterLauncher {
        ClusterPlan plan(ActorSystem<?> system, Lab lab) throws Exception;
    }

    /** The plan reaches the guardian; it holds the member killer, which never leaves this JVM. */
    private record Launch(ClusterPlan plan) implements org.apache.pekko.actor.NoSerializationVerificationNeeded {}

    /** A run on cluster members when {@code launcher} is set (config must then make this JVM a member). */
    public static RunReport run(Lab lab, RunListener listener, Config config, ClusterLauncher launcher) {
        CompletableFuture<RunReport> done = new CompletableFuture<>();
        config = config.withValue("netemu.lab.dir",
                com.typesafe.config.ConfigValueFactory.fromAnyRef(lab.dir() == null ? "" : lab.dir().toString()));
        ActorSystem<Object> system = ActorSystem.create(Behaviors.<Object>setup(ctx -> {
            if (launcher == null) {
                ctx.watch(ctx.spawn(LabActor.create(lab, listener, ctx.getSelf().narrow()), "lab-" + lab.name()));
            }
            return Behaviors.receive(Object.class)
                    .onMessage(Launch.class, l -> {
                        ctx.watch(ctx.spawn(LabActor.create(lab, listener, ctx.getSelf().narrow(), l.plan()), "lab-" + lab.name()));
                        return Behaviors.same();
                    })
                    .onMessage(RunReport.class, r -> {
                        done.complete(r);
                        // the system is terminated below: a cluster member then leaves in order
                        return Behaviors.same();
                    })
                    .onSignal(Terminated.class, sig -> {
                        // the lab actor failed without a report: a bug, reported as a lab that could not run
                        done.complete(new RunReport(lab.name(), 0, List.of(), false,
                                "internal error: the lab actor stopped unexpectedly (see the log above)"));
                        return Behaviors.stopped();
                    })
                    .build();
        }), "netemu", config);
        if (launcher != null) {
            if ("manual".equals(config.getString("netemu.time.mode"))) {
                system.terminate();
                return new RunReport(lab.name(), 0, List.of(), false,
                        "a lab on cluster members runs on the wall clock: drop netemu.time.mode = manual");
            }
            try {
                system.tell(new Launch(launcher.plan(system, lab)));
            } catch (Exception e) {
                system.terminate();
                return new RunReport(lab.name(), 0, List.of(), false, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        try {
            if ("manual".equals(config.getString("netemu.time.mode"))) {
                VirtualRun.drive(system, done); // virtual time: this thread moves the clock

            }
            return done.get(24, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RunReport(lab.name(), 0, List.of(), false, "interrupted");
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            return new RunReport(lab.name(), 0, List.of(), false, String.valueOf(e));
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the report is what matters; a slow shutdown is not the user's error
            }
            io.netemu.device.time.QuiescentExecutor.release(system.name());
        }
    }
}
