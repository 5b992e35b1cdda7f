package io.netemu.cli.console;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.netemu.node.cmd.CommandResult;
import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.run.LabActor;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A booted lab that stays up for the console: the lab actor in interactive mode, and blocking
 * calls for what the console asks of it (run a command on a node, cut or restore a cable, crash
 * or restart a node). {@link #close} ends the run and returns its report.
 */
public final class LabSession implements AutoCloseable {
    /** A lab operation's answer always comes (the lab actor times commands out); this only guards a lost reply. */
    private static final Duration GUARD = Duration.ofSeconds(30);

    private final ActorSystem<RunReport> system;
    private final CompletableFuture<ActorRef<LabActor.Command>> labRef = new CompletableFuture<>();
    private final CompletableFuture<RunReport> report = new CompletableFuture<>();
    private final CompletableFuture<Long> booted = new CompletableFuture<>();

    private LabSession(Lab lab, RunListener listener, boolean runScenario) {
        RunListener watching = new RunListener() {
            @Override public void bootStarted(String name, int nodes, int links) { listener.bootStarted(name, nodes, links); }
            @Override public void nodeBooted(String node, int n, int total) { listener.nodeBooted(node, n, total); }
            @Override public void routesComputed(int routes, long millis) { listener.routesComputed(routes, millis); }
            @Override public void stepEnded(StepResult result) { listener.stepEnded(result); }
            @Override public void bootEnded(long bootMs) {
                listener.bootEnded(bootMs);
                booted.complete(bootMs);
            }
        };
        Config config = LabRunner.config().withValue("netemu.lab.dir", ConfigValueFactory.fromAnyRef(lab.dir().toString()));
        system = ActorSystem.create(Behaviors.<RunReport>setup(ctx -> {
            labRef.complete(ctx.spawn(LabActor.createInteractive(lab, watching, ctx.getSelf(), runScenario),
                    "lab-" + lab.name()));
            return Behaviors.receiveMessage(r -> {
                report.complete(r);
                return Behaviors.stopped();
            });
        }), "netemu", config);
    }

    /**
     * Boots {@code lab}; returns the session once every node has booted, or null after a boot
     * failure, whose report {@code failed} receives.
     */
    public static LabSession boot(Lab lab, RunListener listener, boolean runScenario, java.util.function.Consumer<RunReport> failed)
            throws InterruptedException {
        LabSession s = new LabSession(lab, listener, runScenario);
        try {
            CompletableFuture.anyOf(s.booted, s.report).get(24, TimeUnit.HOURS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
        if (!s.booted.isDone()) {
            failed.accept(s.report.join());
            s.terminate();
            return null;
        }
        return s;
    }

    public CommandResult run(String node, String line, long timeoutNanos) {
        return ask(r -> new LabActor.RunOn(node, line, timeoutNanos, r), Duration.ofNanos(timeoutNanos).plus(GUARD));
    }

    public CommandResult setLink(Endpoint e, boolean up) {
        return ask(r -> new LabActor.SetLink(e, up, r), GUARD);
    }

    public CommandResult crash(String node) {
        return ask(r -> new LabActor.Crash(node, r), GUARD);
    }

    public CommandResult restart(String node) {
        return ask(r -> new LabActor.Restart(node, r), Duration.ofMinutes(3));
    }

    private CommandResult ask(Function<ActorRef<CommandResult>, LabActor.Command> make, Duration timeout) {
        try {
            return AskPattern.<LabActor.Command, CommandResult>ask(labRef.join(), make::apply, timeout, system.scheduler())
                    .toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandResult.fail(130, "netemu: interrupted\n");
        } catch (java.util.concurrent.ExecutionException e) {
            return CommandResult.fail(1, "netemu: no answer from the lab: " + e.getCause() + "\n");
        }
    }

    /** Ends the run: the lab's report (with the scenario's results, if it ran one), then the actor system stops. */
    @Override
    public void close() {
        labRef.join().tell(new LabActor.Finish());
        try {
            report.get(60, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the console is leaving; a slow shutdown is not the user's error
        }
        terminate();
    }

    /** The report {@link #close} received (null before). */
    public RunReport report() {
        return report.getNow(null);
    }

    private void terminate() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // as above
        }
    }
}
