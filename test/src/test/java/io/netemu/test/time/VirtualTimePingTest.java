package io.netemu.test.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.time.ManualNetClock;
import io.netemu.device.time.NetTime;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timers on virtual time: the test moves the run's one clock by hand, so a 5 ms link delay and
 * ping's 1 s interval are exact, and ARP's three 1 s retries end in "Destination Host
 * Unreachable" without the test sleeping.
 */
class VirtualTimePingTest {
    private ActorTestKit kit;
    private ManualNetClock clock;
    private ActorRef<NsInbound> a;
    private ActorRef<NsInbound> b;

    @BeforeEach
    void lab() {
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                netemu.time.mode = manual
                pekko.actor.default-dispatcher.executor = "io.netemu.device.time.QuiescentExecutor"
                """).withFallback(ConfigFactory.load("application-test")));
        clock = NetTime.get(kit.system()).manual();
        a = kit.spawn(NamespaceActor.create("a", 1, -1), "a");
        b = kit.spawn(NamespaceActor.create("b", 2, -1), "b");
        NetemConfig delay = new NetemConfig(5_000_000, 0, 0, 0, 0, 0, 1000);
        TestProbe<NamespaceActor.VethAdded> added = kit.createTestProbe();
        a.tell(new NamespaceActor.AddVeth("eth0", 0x020000000001L, 1500, delay, 1, added.getRef()));
        NamespaceActor.VethAdded va = added.receiveMessage();
        b.tell(new NamespaceActor.AddVeth("eth0", 0x020000000002L, 1500, delay, 2, added.getRef()));
        NamespaceActor.VethAdded vb = added.receiveMessage();
        TestProbe<NamespaceActor.Ack> ack = kit.createTestProbe();
        a.tell(new NamespaceActor.ConnectPeer("eth0", vb.device(), vb.ifindex(), "b", ack.getRef()));
        b.tell(new NamespaceActor.ConnectPeer("eth0", va.device(), va.ifindex(), "a", ack.getRef()));
        ack.receiveSeveralMessages(2);
        assertEquals(0, exec(a, "ip addr add 10.7.0.1/24 dev eth0").exit());
        assertEquals(0, exec(b, "ip addr add 10.7.0.2/24 dev eth0").exit());
    }

    @AfterEach
    void shutdown() {
        kit.shutdownTestKit();
    }

    private CommandResult exec(ActorRef<NsInbound> ns, String line) {
        TestProbe<CommandResult> r = kit.createTestProbe();
        ns.tell(new NamespaceActor.Exec(line, r.getRef()));
        return r.receiveMessage(Duration.ofSeconds(5));
    }

    @Test
    void pingOnVirtualTimeMeasuresTheLinkDelayExactly() {
        TestProbe<CommandResult> r = kit.createTestProbe();
        a.tell(new NamespaceActor.Exec("ping -c 3 10.7.0.2", r.getRef()));
        CommandResult res = drive(r, 4_000_000_000L);
        assertEquals(0, res.exit(), res.stdout() + res.stderr());
        // 5 ms each way; the first echo also waits one ARP round trip (10 ms)
        assertTrue(res.stdout().contains("icmp_seq=1 ttl=64 time=20.0 ms"), res.stdout());
        assertTrue(res.stdout().contains("icmp_seq=2 ttl=64 time=10.0 ms"), res.stdout());
        assertTrue(res.stdout().contains("icmp_seq=3 ttl=64 time=10.0 ms"), res.stdout());
        assertTrue(res.stdout().contains("3 packets transmitted, 3 received, 0% packet loss, time 2000ms"), res.stdout());
        assertTrue(res.stdout().contains("rtt min/avg/max/mdev = 10.000/13.333/20.000/4.714 ms"), res.stdout());
    }

    @Test
    void arpGivesUpAfterThreeSecondsOnVirtualTime() {
        TestProbe<CommandResult> r = kit.createTestProbe();
        a.tell(new NamespaceActor.Exec("ping -c 1 -W 5 10.7.0.99", r.getRef()));
        CommandResult res = drive(r, 6_000_000_000L);
        assertEquals(1, res.exit(), res.stdout() + res.stderr());
        assertTrue(res.stdout().contains("From 10.7.0.1 icmp_seq=1 Destination Host Unreachable"), res.stdout());
        assertTrue(res.stdout().contains("1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms"), res.stdout());
    }

    /** Discrete-event driving: time moves to the next timer only when every actor is idle, so results are exact. */
    private CommandResult drive(TestProbe<CommandResult> r, long limitNanos) {
        java.util.concurrent.atomic.AtomicReference<CommandResult> got = new java.util.concurrent.atomic.AtomicReference<>();
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
}
