package io.netemu.cluster.member;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.event.Logging;

/**
 * Starts one JVM's cluster actor system and waits until it is a member (Up), or says why not.
 *
 * <pre>
 *   ActorSystem&lt;Void&gt; sys = MemberSystem.start(settings, LabRunner.config());   // Up, or MemberException
 *   List&lt;Description&gt; ms = MemberSystem.awaitMembers(sys, "member", 3, Duration.ofSeconds(30));
 *   MemberSystem.watch(sys, listener);                         // UP / UNREACHABLE / REMOVED events
 * </pre>
 *
 * <p>Pitfalls: the system's log is off until this member is Up (a seed that does not answer
 * makes Pekko warn every second; the one-line {@link MemberException} says it instead), then
 * at the configured level. A lab JVM whose actor system is created elsewhere (LabRunner, with
 * {@link ClusterSettings#config(Config)}) calls {@link #awaitUp} itself.
 */
public final class MemberSystem {
    /** Every netemu JVM's actor system has this name: it is part of every remote address. */
    public static final String SYSTEM_NAME = "netemu";
    /** The MemberHost's actor name: pekko://netemu@HOST:PORT/user/member. */
    public static final String HOST_ACTOR = "member";

    private static final AtomicInteger WATCHES = new AtomicInteger();

    private MemberSystem() {}

    /**
     * Starts the actor system of {@code s} over {@code base} (the run's config, e.g.
     * LabRunner.config()), runs a {@link MemberHost} when the role is "member", joins the seeds
     * and returns once this member is Up. On failure the system is terminated and the
     * exception says why (port in use, no seed answering, no cluster within the bound).
     */
    public static ActorSystem<Void> start(ClusterSettings s, Config base) throws MemberException {
        long started = System.nanoTime(); // the bound counts the system's start (2-3 s on a cold JVM here) too
        Ports.checkFree(s.self());
        Config config = s.config(base);
        String level = config.getString("pekko.loglevel");
        Config quiet = config.withValue("pekko.loglevel", ConfigValueFactory.fromAnyRef("OFF"))
                .withValue("pekko.stdout-loglevel", ConfigValueFactory.fromAnyRef("OFF"));
        Behavior<Void> guardian = Behaviors.setup(ctx -> {
            if (ClusterSettings.ROLE_MEMBER.equals(s.role())) {
                ctx.spawn(MemberHost.create(s.name()), HOST_ACTOR);
            }
            return Behaviors.empty();
        });
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(guardian, SYSTEM_NAME, quiet);
        } catch (RuntimeException e) {
            if (Ports.isBindFailure(e)) {
                throw Ports.inUse(s.self());
            }
            throw MemberException.failure("cannot start the actor system at " + s.self() + ": " + rootMessage(e));
        }
        Duration timeout = s.joinTimeout() != null ? s.joinTimeout() : config.getDuration("netemu.cluster.join-timeout");
        try {
            Duration left = timeout.minusNanos(System.nanoTime() - started);
            awaitUp(system, s, left.isNegative() ? Duration.ZERO : left, timeout);
        } catch (MemberException e) {
            terminate(system, Duration.ofSeconds(10));
            throw e;
        }
        setLogLevel(system, level);
        return system;
    }

    /** Blocks until this system's member is Up (from the cluster's own membership events), or fails with the reason. */
    public static void awaitUp(ActorSystem<?> system, ClusterSettings s, Duration timeout) throws MemberException {
        awaitUp(system, s, timeout, timeout);
    }

    /** As {@link #awaitUp(ActorSystem, ClusterSettings, Duration)}, waiting {@code left} of a bound {@code timeout} (named in the error). */
    private static void awaitUp(ActorSystem<?> system, ClusterSettings s, Duration left, Duration timeout) throws MemberException {
        CompletableFuture<Boolean> up = new CompletableFuture<>();
        org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> up.complete(true));
        system.getWhenTerminated().thenRun(() -> up.complete(false));
        boolean isUp;
        try {
            isUp = up.get(left.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw MemberException.failure("no cluster formed within " + seconds(timeout) + ": " + Ports.diagnoseSeeds(s));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemberException.failure("interrupted while joining the cluster");
        } catch (ExecutionException e) {
            throw MemberException.failure("joining the cluster failed: " + rootMessage(e));
        }
        if (!isUp) {
            throw MemberException.failure("the actor system of " + s.name() + " stopped before it was Up in the cluster");
        }
    }

    /**
     * The {@link MemberHost}s the Receptionist knows on members with {@code role} (null: any), once
     * there are at least {@code count}, described and sorted by member name. Blocks up to {@code timeout}.
     */
    public static List<MemberHost.Description> awaitMembers(ActorSystem<?> system, String role, int count, Duration timeout)
            throws MemberException {
        return new MemberFinder(system, role).await(count, timeout);
    }

    /** Spawns a {@link MemberWatch} as a system actor reporting to {@code listener}. */
    public static ActorRef<ClusterEvent.ClusterDomainEvent> watch(ActorSystem<?> system, ActorRef<MemberWatch.Event> listener) {
        return system.systemActorOf(MemberWatch.create(listener), "member-watch-" + WATCHES.incrementAndGet(), Props.empty());
    }

    /** Where this system listens now (with port 0 configured: the port Artery picked). */
    public static HostPort address(ActorSystem<?> system) {
        Address a = Cluster.get(system).selfMember().address();
        Optional<String> host = a.getHost();
        Optional<Integer> port = a.getPort();
        return new HostPort(host.orElse("127.0.0.1"), port.orElse(0));
    }

    /**
     * Leaves the cluster gracefully (coordinated shutdown: leave, exiting, removed) and terminates;
     * false if not within the bound. Warnings below ERROR are dropped from here on: the other
     * members' connections closing are expected, not news.
     */
    public static boolean terminate(ActorSystem<?> system, Duration bound) {
        Adapter.toClassic(system).eventStream().setLogLevel(Logging.ErrorLevel());
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static void setLogLevel(ActorSystem<?> system, String level) {
        int l;
        switch (level.toUpperCase(java.util.Locale.ROOT)) {
            case "ERROR" -> l = Logging.ErrorLevel();
            case "WARNING" -> l = Logging.WarningLevel();
            case "INFO" -> l = Logging.InfoLevel();
            case "DEBUG" -> l = Logging.DebugLevel();
            default -> { return; } // OFF stays off
        }
        Adapter.toClassic(system).eventStream().setLogLevel(l);
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
