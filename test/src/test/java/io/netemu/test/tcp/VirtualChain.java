package io.netemu.test.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.time.ManualNetClock;
import io.netemu.device.time.NetTime;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Namespaces in a line on virtual time: node 0 and the last are hosts, those between are routers.
 * Link k joins node k (its eth1, or eth0 for the first host) at 10.0.k.1 and node k+1 (eth0) at
 * 10.0.k.2; routes make every host reach every other. Commands run as discrete events, so a
 * 10-second iperf3 test takes what the emulation costs, not 10 seconds, and repeats exactly.
 */
final class VirtualChain implements AutoCloseable {
    final ActorTestKit kit;
    final ManualNetClock clock;
    final List<ActorRef<NsInbound>> nodes = new ArrayList<>();

    VirtualChain(int count) {
        this(count, true);
    }

    VirtualChain(int count, boolean verifySerialization) {
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                netemu.time.mode = manual
                pekko.actor.default-dispatcher.executor = "io.netemu.device.time.QuiescentExecutor"
                pekko.actor.serialize-messages = %s
                """.formatted(verifySerialization ? "on" : "off")).withFallback(ConfigFactory.load("application-test")));
        clock = NetTime.get(kit.system()).manual();
        for (int i = 0; i < count; i++) {
            nodes.add(kit.spawn(NamespaceActor.create("n" + i, 100 + i, -1), "n" + i));
        }
        TestProbe<NamespaceActor.VethAdded> added = kit.createTestProbe();
        TestProbe<NamespaceActor.Ack> ack = kit.createTestProbe();
        for (int k = 0; k + 1 < count; k++) {
            String left = k == 0 ? "eth0" : "eth1";
            nodes.get(k).tell(new NamespaceActor.AddVeth(left, 0x020000000000L | (k << 8) | 1, 1500, NetemConfig.NONE,
                    2L * k + 1, added.getRef()));
            NamespaceActor.VethAdded va = added.receiveMessage();
            nodes.get(k + 1).tell(new NamespaceActor.AddVeth("eth0", 0x020000000000L | (k << 8) | 2, 1500,
                    NetemConfig.NONE, 2L * k + 2, added.getRef()));
            NamespaceActor.VethAdded vb = added.receiveMessage();
            nodes.get(k).tell(new NamespaceActor.ConnectPeer(left, vb.device(), vb.ifindex(), "n" + (k + 1), ack.getRef()));
            nodes.get(k + 1).tell(new NamespaceActor.ConnectPeer("eth0", va.device(), va.ifindex(), "n" + k, ack.getRef()));
            ack.receiveSeveralMessages(2);
            ok(k, "ip addr add 10.0." + k + ".1/24 dev " + left);
            ok(k + 1, "ip addr add 10.0." + k + ".2/24 dev eth0");
        }
        ok(0, "ip route add default via 10.0.0.2");
        ok(count - 1, "ip route add default via 10.0." + (count - 2) + ".1");
        for (int i = 1; i + 1 < count; i++) {
            ok(i, "sysctl -w net.ipv4.ip_forward=1");
            for (int k = 0; k + 1 < count; k++) {
                if (k < i - 1) {
                    ok(i, "ip route add 10.0." + k + ".0/24 via 10.0." + (i - 1) + ".1");
                } else if (k > i) {
                    ok(i, "ip route add 10.0." + k + ".0/24 via 10.0." + i + ".2");
                }
            }
        }
    }

    /** The address of the last node (a host). */
    String far() {
        return "10.0." + (nodes.size() - 2) + ".2";
    }

    CommandResult ok(int node, String line) {
        CommandResult r = run(node, line, 10_000_000_000L);
        assertEquals(0, r.exit(), line + ": " + r.stdout() + r.stderr());
        return r;
    }

    CommandResult run(int node, String line, long limitNanos) {
        return await(start(node, line), limitNanos);
    }

    /** Starts a command; its answer lands in the returned reference (read without blocking at every event). */
    AtomicReference<CommandResult> start(int node, String line) {
        AtomicReference<CommandResult> got = new AtomicReference<>();
        ActorRef<CommandResult> inbox = kit.spawn(Behaviors.receiveMessage(m -> {
            got.set(m);
            return Behaviors.stopped();
        }));
        nodes.get(node).tell(new NamespaceActor.Exec(line, inbox));
        return got;
    }

    CommandResult await(AtomicReference<CommandResult> got, long limitNanos) {
        clock.runUntil(kit.system().name(), () -> got.get() != null, limitNanos);
        if (got.get() == null) {
            throw new AssertionError("no answer within " + limitNanos / 1e9 + " s of virtual time");
        }
        return got.get();
    }

    /** Drives virtual time to {@code t} ns. */
    void runTo(long t) {
        // a timer of its own at t, so the clock stops there rather than at the next event beyond it
        java.util.concurrent.atomic.AtomicBoolean woke = new java.util.concurrent.atomic.AtomicBoolean();
        ActorRef<CommandResult> alarm = kit.spawn(Behaviors.receiveMessage(m -> {
            woke.set(true);
            return Behaviors.stopped();
        }));
        NetTime.get(kit.system()).timers().schedule(alarm, CommandResult.ok(""), t - clock.nanos());
        clock.runUntil(kit.system().name(), woke::get, t - clock.nanos() + 1);
    }

    @Override
    public void close() {
        kit.shutdownTestKit();
    }
}
