package io.netemu.test.sock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.time.ManualNetClock;
import io.netemu.device.time.NetTime;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.packet.wire.Ipv4Address;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bulk transfer between two socket actors over h1 - r1 - r2 - h2, the middle link with netem
 * delay 20 ms and loss 1 % each way, on virtual time: every byte arrives, in order (the digests match),
 * and the sender's connection had to retransmit.
 */
class BulkTransferTest {
    private ActorTestKit kit;
    private ManualNetClock clock;
    private ActorRef<NsInbound> h1;
    private ActorRef<NsInbound> r1;
    private ActorRef<NsInbound> r2;
    private ActorRef<NsInbound> h2;

    @BeforeEach
    void lab() {
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                netemu.time.mode = manual
                pekko.actor.default-dispatcher.executor = "io.netemu.device.time.QuiescentExecutor"
                """).withFallback(ConfigFactory.load("application-test")));
        clock = NetTime.get(kit.system()).manual();
        h1 = kit.spawn(NamespaceActor.create("h1", 1, -1), "h1");
        r1 = kit.spawn(NamespaceActor.create("r1", 2, -1), "r1");
        r2 = kit.spawn(NamespaceActor.create("r2", 3, -1), "r2");
        h2 = kit.spawn(NamespaceActor.create("h2", 4, -1), "h2");
        link(h1, "eth0", r1, "eth0", 1);
        link(r1, "eth1", r2, "eth0", 2);
        link(r2, "eth1", h2, "eth0", 3);
        ok(h1, "ip addr add 10.1.0.1/24 dev eth0");
        ok(h1, "ip route add default via 10.1.0.2");
        ok(r1, "ip addr add 10.1.0.2/24 dev eth0");
        ok(r1, "ip addr add 10.2.0.1/24 dev eth1");
        ok(r1, "sysctl -w net.ipv4.ip_forward=1");
        ok(r1, "ip route add 10.3.0.0/24 via 10.2.0.2");
        ok(r2, "ip addr add 10.2.0.2/24 dev eth0");
        ok(r2, "ip addr add 10.3.0.1/24 dev eth1");
        ok(r2, "sysctl -w net.ipv4.ip_forward=1");
        ok(r2, "ip route add 10.1.0.0/24 via 10.2.0.1");
        ok(h2, "ip addr add 10.3.0.2/24 dev eth0");
        ok(h2, "ip route add default via 10.3.0.1");
        ok(r1, "tc qdisc add dev eth1 root netem delay 20ms loss 1% seed 11");
        ok(r2, "tc qdisc add dev eth0 root netem delay 20ms loss 1% seed 12");
    }

    private int mac = 1;

    private void link(ActorRef<NsInbound> a, String ia, ActorRef<NsInbound> b, String ib, long seed) {
        TestProbe<NamespaceActor.VethAdded> added = kit.createTestProbe();
        a.tell(new NamespaceActor.AddVeth(ia, 0x020000000000L + mac++, 1500, NetemConfig.NONE, seed * 2, added.getRef()));
        NamespaceActor.VethAdded va = added.receiveMessage();
        b.tell(new NamespaceActor.AddVeth(ib, 0x020000000000L + mac++, 1500, NetemConfig.NONE, seed * 2 + 1, added.getRef()));
        NamespaceActor.VethAdded vb = added.receiveMessage();
        TestProbe<NamespaceActor.Ack> ack = kit.createTestProbe();
        a.tell(new NamespaceActor.ConnectPeer(ia, vb.device(), vb.ifindex(), "b", ack.getRef()));
        b.tell(new NamespaceActor.ConnectPeer(ib, va.device(), va.ifindex(), "a", ack.getRef()));
        ack.receiveSeveralMessages(2);
    }

    private CommandResult ok(ActorRef<NsInbound> ns, String line) {
        TestProbe<CommandResult> r = kit.createTestProbe();
        ns.tell(new NamespaceActor.Exec(line, r.getRef()));
        CommandResult res = await(r, 10_000_000_000L);
        assertNotNull(res, line);
        assertEquals(0, res.exit(), line + ": " + res.stderr());
        return res;
    }

    private <T> T await(TestProbe<T> p, long limitNanos) {
        AtomicReference<T> got = new AtomicReference<>();
        clock.runUntil(kit.system().name(), () -> {
            if (got.get() == null) {
                try {
                    got.set(p.receiveMessage(Duration.ofMillis(1)));
                } catch (AssertionError none) {
                    // not yet
                }
            }
            return got.get() != null;
        }, limitNanos);
        return got.get();
    }

    @AfterEach
    void shutdown() {
        kit.shutdownTestKit();
    }

    @Test
    void lossyTwoRouterPathDeliversEveryByteInOrder() {
        byte[] data = BulkApps.payload(2 * 1024 * 1024, 42);
        TestProbe<CommandResult> ready = kit.createTestProbe();
        TestProbe<CommandResult> received = kit.createTestProbe();
        TestProbe<CommandResult> sent = kit.createTestProbe();
        kit.spawn(BulkApps.receiver(h2, 5001, ready.getRef(), received.getRef()), "rx");
        assertEquals(0, await(ready, 1_000_000_000L).exit());
        kit.spawn(BulkApps.sender(h1, Ipv4Address.parse("10.3.0.2"), 5001, data, sent.getRef()), "tx");
        BulkApps.Result tx = BulkApps.Result.of(await(sent, 600_000_000_000L));
        assertNotNull(tx, "the sender finished");
        assertEquals(0, tx.errno());
        BulkApps.Result rx = BulkApps.Result.of(await(received, 600_000_000_000L));
        assertNotNull(rx, "the receiver saw the end of the stream");
        assertEquals(0, rx.errno());
        assertEquals(data.length, rx.bytes());
        assertEquals(BulkApps.sha256(data, 0, data.length), rx.sha256());
        CommandResult nstat = ok(h1, "nstat -az");
        assertTrue(nstat.stdout().matches("(?s).*TcpRetransSegs +[1-9].*"), nstat.stdout());
    }
}
