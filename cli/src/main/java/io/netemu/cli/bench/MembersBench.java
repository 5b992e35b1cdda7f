package io.netemu.cli.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.netemu.cluster.link.MemberLinks;
import io.netemu.cluster.member.ClusterSettings;
import io.netemu.cluster.member.LocalMembers;
import io.netemu.cluster.member.MemberHost;
import io.netemu.cluster.member.MemberSystem;
import io.netemu.device.NsInbound;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.topologies.lab.Macs;
import io.netemu.topologies.run.LabRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netemu bench members}: frames per second and added latency over a veth link whose ends
 * live on two member JVMs. Starts two members here ({@link LocalMembers}), joins them as the lab
 * role, and builds the hops chain of {@link HopsBench} with two routers:
 *
 * <pre>
 *   member-1                                              member-2
 *   gen ─▶ r1:eth0 [r1] r1:eth1 ══ member link ══▶ r2:eth0 [r2] r2:eth1 ─▶ sink
 *   r3:eth0 ── r4:eth0   (a link inside member-1, for the latency baseline)
 * </pre>
 *
 * The generator runs on member-1 beside r1 and the sink on member-2 beside r2 ({@link BenchAgent}),
 * so every counted frame crosses the member link once and nothing else crosses JVMs but the
 * sink's credits: one small message per {@code --credit} generator batches (16 by default, a
 * cumulative ack; with 1 the generator sends one batch per credit, a smooth trickle that the
 * link carries in small batches, see docs/PERFORMANCE.md section 12). With {@code --same-member}
 * everything runs on member-1: the same chain without the member link, for comparison. The
 * latency is ping's RTT from r1 to r2 (across the member link) and from r3 to r4 (inside
 * member-1), with no other traffic.
 */
@Command(name = "members", mixinStandardHelpOptions = true,
        description = "Frames per second and ping RTT over a veth link between two member JVMs (batched member link), "
                + "against the same link inside one member.")
public final class MembersBench implements Callable<Integer> {
    /** Serialization of the benchmark's own messages (its traffic ends run on the members). */
    static final String BINDINGS = """
            pekko.actor.serialization-bindings {
              "io.netemu.cli.bench.TrafficEnds$Control" = netemu-kryo
              "io.netemu.cli.bench.TrafficEnds$Counts" = netemu-kryo
              "io.netemu.cli.bench.BenchAgent$Command" = netemu-kryo
              "io.netemu.cli.bench.BenchAgent$Spawned" = netemu-kryo
            }
            """;
    /** The members' config file (-Dconfig.file): the bindings and the agent, which only benchmark members run. */
    static final String MEMBER_CONF = BINDINGS + "pekko.actor.typed.extensions += \"io.netemu.cli.bench.BenchAgent$Agent$Id\"\n";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Option(names = "--seconds", defaultValue = "10", description = "length of each measured run (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "seconds of traffic before measuring (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--runs", defaultValue = "3", description = "measured runs (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--batch", defaultValue = "64", description = "frames per generator batch (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--window", defaultValue = "64", description = "generator batches in flight at most (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--credit", defaultValue = "16",
            description = "generator batches the sink acknowledges per credit message (default ${DEFAULT-VALUE})")
    int credit;

    @Option(names = "--ring", defaultValue = "4096",
            description = "rx ring of r1:eth0 and r2:eth0 (ethtool -G; 0: the default; default ${DEFAULT-VALUE})")
    int ring;

    @Option(names = "--size", defaultValue = "64", description = "frame size, Ethernet header to end of payload (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--same-member", description = "run everything on member-1: the same chain with no member link")
    boolean sameMember;

    @Option(names = "--pings", defaultValue = "1000", description = "pings per latency measurement (0: none; default ${DEFAULT-VALUE})")
    int pings;

    @Option(names = "--ping-interval", defaultValue = "0.005", description = "seconds between pings (default ${DEFAULT-VALUE})")
    String pingInterval;

    @Option(names = "--member-jvm-opt", paramLabel = "OPTION",
            description = "an option for the member JVMs, e.g. -XX:StartFlightRecording=filename=/tmp/m%%p.jfr; repeatable")
    List<String> memberJvmOpts = new ArrayList<>();

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "a setting for the members and this JVM (HOCON), for keys netemu-cluster.conf does not set; repeatable")
    List<String> conf = new ArrayList<>();

    private final PrintStream out = System.out;

    record Router(String name, String member, ActorRef<NsInbound> ns, NamespaceActor.VethAdded eth0, NamespaceActor.VethAdded eth1) {}

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || window < 1 || runs < 1 || seconds <= 0 || warmup < 0 || pings < 0) {
            System.err.println("netemu bench members: need --batch, --window, --runs >= 1, --seconds > 0, --warmup, --pings >= 0");
            return 2;
        }
        String extra = String.join("\n", conf) + "\n";
        Path memberConf = Files.createTempFile("netemu-bench-members-", ".conf");
        Files.writeString(memberConf, MEMBER_CONF + extra);
        List<String> jvm = new ArrayList<>(LocalMembers.Options.defaults().jvmOptions());
        jvm.add("-Dconfig.file=" + memberConf);
        jvm.addAll(memberJvmOpts);
        LocalMembers.Options o = LocalMembers.Options.defaults();
        o = new LocalMembers.Options(o.host(), TIMEOUT, jvm, o.memberArgs(), o.env());
        out.printf(Locale.ROOT, "bench members: %s, %d-byte frames, generator batch %d, window %d (%d frames in flight at most)%n",
                sameMember ? "both routers on member-1 (no member link)" : "r1 on member-1, r2 on member-2",
                size, batch, window, batch * window);
        out.println("jvm: " + JvmStats.describe() + "; member JVM options: " + String.join(" ", jvm));
        long t0 = System.nanoTime();
        try (LocalMembers local = LocalMembers.start(2, o)) {
            ClusterSettings settings = ClusterSettings.builder("bench-lab-" + ProcessHandle.current().pid())
                    .role(ClusterSettings.ROLE_LAB).port(0).seed(local.seed()).joinTimeout(TIMEOUT).build();
            Config base = ConfigFactory.parseString(BINDINGS + extra).withFallback(LabRunner.config()).resolve();
            ActorSystem<Void> sys = MemberSystem.start(settings, base);
            try {
                List<MemberHost.Description> ms = MemberSystem.awaitMembers(sys, ClusterSettings.ROLE_MEMBER, 2, TIMEOUT);
                out.printf(Locale.ROOT, "members up in %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000,
                        String.join(", ", ms.stream().map(d -> d.member() + " " + d.address()).toList()));
                MembersRun run = new MembersRun(new BenchSystem(sys), ms.get(0), sameMember ? ms.get(0) : ms.get(1),
                        local.members().get(0).process().pid(), local.members().get(1).process().pid(), out);
                return run.measure(this);
            } finally {
                MemberSystem.terminate(sys, Duration.ofSeconds(10));
            }
        } catch (io.netemu.cluster.member.MemberException e) {
            System.err.println("netemu bench members: " + e.getMessage());
            return 1;
        } finally {
            Files.deleteIfExists(memberConf);
        }
    }

    static ActorRef<MemberLinks.Command> links(ActorSystem<?> sys, MemberHost.Description m) {
        return ActorRefResolver.get(sys).resolveActorRef(m.address() + "/system/" + MemberLinks.NAME);
    }

    static ActorRef<BenchAgent.Command> agent(ActorSystem<?> sys, MemberHost.Description m) {
        return ActorRefResolver.get(sys).resolveActorRef(m.address() + "/system/" + BenchAgent.NAME);
    }

    static long mac(String node, String iface) {
        return Macs.derive("bench", node, iface);
    }

    /** The generator's configuration for r1's eth0. */
    TrafficEnds.GenConfig genConfig() {
        return new TrafficEnds.GenConfig(HopsBench.GEN_MAC, HopsBench.GEN_IP, mac("r1", "eth0"), HopsBench.SINK_IP, 64, size,
                batch, window);
    }

}
