package io.netemu.cli.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.netemu.device.DeviceCounters;
import io.netemu.device.DeviceEvent;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.topologies.run.LabRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.japi.function.Function;

/**
 * An actor system with the run's settings ({@link LabRunner#config()}) that the benchmark drives
 * from its main thread: spawn actors, ask namespaces to add and join veths and to run commands.
 */
final class BenchSystem implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    final ActorSystem<?> system;

    BenchSystem(List<String> overrides) {
        this.system = ActorSystem.create(SpawnProtocol.create(), "netemu", config(overrides));
    }

    /** Drives an actor system made elsewhere (a cluster member); {@link #spawn} needs one made by the other constructor. */
    BenchSystem(ActorSystem<?> system) {
        this.system = system;
    }

    /** The run's settings, with {@code key=value} overrides (HOCON) on top. */
    static Config config(List<String> overrides) {
        Config c = LabRunner.config();
        for (int i = overrides.size() - 1; i >= 0; i--) {
            c = ConfigFactory.parseString(overrides.get(i)).withFallback(c);
        }
        return c.resolve();
    }

    @SuppressWarnings("unchecked")
    <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
        return ask((ActorSystem<SpawnProtocol.Command>) system, r -> new SpawnProtocol.Spawn<>(behavior, name, Props.empty(), r));
    }

    <Req, Res> Res ask(RecipientRef<Req> to, Function<ActorRef<Res>, Req> message) {
        try {
            return AskPattern.<Req, Res>ask(to, message, TIMEOUT, system.scheduler())
                    .toCompletableFuture().get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("no answer from " + to + ": " + e, e);
        }
    }

    NamespaceActor.VethAdded addVeth(ActorRef<NsInbound> ns, String ifname, long mac, long seed) {
        NamespaceActor.VethAdded a = ask(ns, r -> new NamespaceActor.AddVeth(ifname, mac, 1500, NetemConfig.NONE, seed, r));
        if (a.error() != null) {
            throw new IllegalStateException("AddVeth " + ifname + ": " + a.error());
        }
        return a;
    }

    void connect(ActorRef<NsInbound> ns, String ifname, ActorRef<NetDevice.Command> peer, int peerIfindex, String peerNs) {
        NamespaceActor.Ack ack = ask(ns, r -> new NamespaceActor.ConnectPeer(ifname, peer, peerIfindex, peerNs, r));
        if (ack.error() != null) {
            throw new IllegalStateException("ConnectPeer " + ifname + ": " + ack.error());
        }
    }

    /** Runs a command line in the namespace; fails unless it exits 0. */
    CommandResult exec(ActorRef<NsInbound> ns, String node, String line) {
        CommandResult r = ask(ns, ref -> new NamespaceActor.Exec(line, ref));
        if (r.exit() != 0) {
            throw new IllegalStateException(node + ": '" + line + "' failed (exit " + r.exit() + "): " + r.stderr().strip());
        }
        return r;
    }

    DeviceCounters counters(ActorRef<NetDevice.Command> dev) {
        NsInbound r = ask(dev, ref -> new NetDevice.GetCounters(ref));
        return ((DeviceEvent.Counters) r).counters();
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // a slow shutdown does not change the numbers
        }
    }
}
