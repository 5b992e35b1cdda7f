package io.netemu.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.netemu.device.DeviceEvent;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.qdisc.QdiscStats;
import io.netemu.device.time.ManualNetClock;
import io.netemu.device.time.NetTime;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Two namespaces a (10.9.0.1) and b (10.9.0.2) joined by a veth pair, on virtual time: commands
 * run as discrete events, so delays, rates and every random choice of a seeded qdisc repeat
 * exactly from run to run.
 */
final class VirtualPair implements AutoCloseable {
    final ActorTestKit kit;
    final ManualNetClock clock;
    final ActorRef<NsInbound> a;
    final ActorRef<NsInbound> b;
    final ActorRef<NetDevice.Command> aDev;

    VirtualPair() {
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                netemu.time.mode = manual
                pekko.actor.default-dispatcher.executor = "io.netemu.device.time.QuiescentExecutor"
                """).withFallback(ConfigFactory.load("application-test")));
        clock = NetTime.get(kit.system()).manual();
        a = kit.spawn(NamespaceActor.create("a", 1, -1), "a");
        b = kit.spawn(NamespaceActor.create("b", 2, -1), "b");
        TestProbe<NamespaceActor.VethAdded> added = kit.createTestProbe();
        a.tell(new NamespaceActor.AddVeth("eth0", 0x020000000001L, 1500, NetemConfig.NONE, 1, added.getRef()));
        NamespaceActor.VethAdded va = added.receiveMessage();
        b.tell(new NamespaceActor.AddVeth("eth0", 0x020000000002L, 1500, NetemConfig.NONE, 2, added.getRef()));
        NamespaceActor.VethAdded vb = added.receiveMessage();
        aDev = va.device();
        TestProbe<NamespaceActor.Ack> ack = kit.createTestProbe();
        a.tell(new NamespaceActor.ConnectPeer("eth0", vb.device(), vb.ifindex(), "b", ack.getRef()));
        b.tell(new NamespaceActor.ConnectPeer("eth0", va.device(), va.ifindex(), "a", ack.getRef()));
        ack.receiveSeveralMessages(2);
        ok(a, "ip addr add 10.9.0.1/24 dev eth0");
        ok(b, "ip addr add 10.9.0.2/24 dev eth0");
    }

    /** A command that must succeed at once (configuration). */
    CommandResult ok(ActorRef<NsInbound> ns, String line) {
        CommandResult r = run(ns, line, 10_000_000_000L);
        assertEquals(0, r.exit(), line + ": " + r.stderr());
        return r;
    }

    /** Starts {@code line} and drives virtual time until it answers (at most {@code limitNanos} of it). */
    CommandResult run(ActorRef<NsInbound> ns, String line, long limitNanos) {
        return await(start(ns, line), limitNanos);
    }

    TestProbe<CommandResult> start(ActorRef<NsInbound> ns, String line) {
        TestProbe<CommandResult> r = kit.createTestProbe();
        ns.tell(new NamespaceActor.Exec(line, r.getRef()));
        return r;
    }

    CommandResult await(TestProbe<CommandResult> r, long limitNanos) {
        AtomicReference<CommandResult> got = new AtomicReference<>();
        clock.runUntil(kit.system().name(), () -> {
            if (got.get() == null) {
                try {
                    got.set(r.receiveMessage(Duration.ofMillis(1)));
                } catch (AssertionError none) {
                    // not yet
                }
            }
            return got.get() != null;
        }, limitNanos);
        return got.get();
    }

    /** Drives virtual time to {@code t} (ns since the clock's start). */
    void runTo(long t) {
        clock.runUntil(kit.system().name(), () -> clock.nanos() >= t, t - clock.nanos() + 1);
    }

    /** a's eth0 qdisc counters, straight from the device actor (including what tc -s does not show). */
    QdiscStats aQdisc() {
        TestProbe<NsInbound> p = kit.createTestProbe();
        aDev.tell(new NetDevice.GetCounters(p.getRef()));
        AtomicReference<QdiscStats> got = new AtomicReference<>();
        clock.runUntil(kit.system().name(), () -> {
            if (got.get() == null) {
                try {
                    if (p.receiveMessage(Duration.ofMillis(1)) instanceof DeviceEvent.Counters c) {
                        got.set(c.counters().qdisc());
                    }
                } catch (AssertionError none) {
                    // not yet
                }
            }
            return got.get() != null;
        }, 1_000_000_000L);
        return got.get();
    }

    @Override
    public void close() {
        kit.shutdownTestKit();
    }
}
