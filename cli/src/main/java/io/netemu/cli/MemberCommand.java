package io.netemu.cli;

import io.netemu.cluster.member.ClusterSettings;
import io.netemu.cluster.member.HostPort;
import io.netemu.cluster.member.MemberException;
import io.netemu.cluster.member.MemberSystem;
import io.netemu.topologies.run.LabRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netemu member}: one cluster member that hosts namespaces for labs. Prints
 * "member NAME up at HOST:PORT" once it is Up, then runs until SIGTERM or SIGINT, leaves the
 * cluster and exits 0. Exit 2: a usage error; 1: it could not start or join (one line on stderr),
 * or the cluster removed it.
 */
@Command(name = "member", mixinStandardHelpOptions = true,
        description = {"Start a cluster member that hosts namespaces of labs (netemu run LAB --cluster HOST:PORT).",
                "Runs until SIGTERM or SIGINT, then leaves the cluster. Exit 0: stopped; 1: could not start or join,"
                        + " or removed by the cluster; 2: usage error."})
final class MemberCommand implements Callable<Integer> {
    @Option(names = "--name", paramLabel = "NAME", description = "this member's name in labs and reports (default: member-PORT)")
    String name;

    @Option(names = "--seed", paramLabel = "HOST:PORT",
            description = "a member of the cluster to join (repeatable); with none, this member is the first and forms the cluster")
    List<String> seeds = new ArrayList<>();

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to listen on and be reached at (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "2552", description = "the TCP port (default: ${DEFAULT-VALUE})")
    String port;

    @Option(names = "--tls", description = "encrypt and authenticate cluster traffic (Artery tls-tcp); needs --keystore, --truststore, --password-env")
    boolean tls;

    @Option(names = "--keystore", paramLabel = "FILE", description = "this member's key and certificate (PKCS12 or JKS)")
    Path keystore;

    @Option(names = "--truststore", paramLabel = "FILE", description = "the certificates this member accepts (PKCS12 or JKS)")
    Path truststore;

    @Option(names = "--password-env", paramLabel = "VAR", description = "the environment variable holding the stores' password")
    String passwordEnv;

    @Option(names = "--join-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "give up when not Up in the cluster within this time (default: ${DEFAULT-VALUE})")
    String joinTimeout;

    private volatile boolean stopping;

    @Override
    public Integer call() {
        ClusterSettings settings;
        try {
            settings = settings();
        } catch (MemberException e) {
            System.err.println("netemu member: " + e.getMessage());
            return e.exitStatus();
        }
        // SLF4J set up here, on one thread: when Pekko's threads race to set it up, it prints a
        // "logging calls were intercepted and replayed" note on stderr
        org.slf4j.LoggerFactory.getILoggerFactory();
        ActorSystem<Void> system;
        try {
            system = MemberSystem.start(settings, LabRunner.config());
        } catch (MemberException e) {
            System.err.println("netemu member: " + e.getMessage());
            return e.exitStatus();
        }
        Duration leave = system.settings().config().getDuration("netemu.cluster.leave-timeout");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM / SIGINT: leave the cluster (Pekko's own hook starts the same coordinated
            // shutdown), then exit 0, as a service that was asked to stop does
            stopping = true;
            MemberSystem.terminate(system, leave);
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }, "netemu-member-leave"));
        System.out.println("member " + settings.name() + " up at " + MemberSystem.address(system));
        System.out.flush();
        system.getWhenTerminated().toCompletableFuture().join();
        if (stopping) {
            awaitHalt();
        }
        System.err.println("netemu member: " + settings.name() + " was removed from the cluster (downed as unreachable, or its system stopped)");
        return 1;
    }

    private ClusterSettings settings() throws MemberException {
        int p = HostPort.parsePort("--port", port);
        ClusterSettings.Builder b = ClusterSettings.builder(name != null ? name : "member-" + p).host(host).port(p);
        for (String s : seeds) {
            b.seed(s);
        }
        if (tls) {
            b.tlsPasswordFromEnv(keystore, truststore, passwordEnv);
        } else if (keystore != null || truststore != null || passwordEnv != null) {
            throw new MemberException("--keystore, --truststore and --password-env need --tls", MemberException.USAGE);
        }
        try {
            long ms = com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of("d", joinTimeout)).getDuration("d").toMillis();
            if (ms <= 0) {
                throw new IllegalArgumentException();
            }
            b.joinTimeout(Duration.ofMillis(ms));
        } catch (RuntimeException e) {
            throw new MemberException("--join-timeout " + joinTimeout + ": expected a positive duration, such as 30s", MemberException.USAGE);
        }
        return b.build();
    }

    /** The shutdown hook halts the JVM with 0 once the member has left; nothing to do here but wait for it. */
    private static void awaitHalt() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
