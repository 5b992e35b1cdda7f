package io.netemu.test.sock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.typesafe.config.ConfigFactory;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.time.ManualNetClock;
import io.netemu.device.time.NetTime;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The offload tests' lab on virtual time: namespaces joined by veth pairs, commands, and bulk
 * transfers between {@link BulkApps} whose digests are checked (and whose emulated goodput per
 * wall second is printed as an OFFLOAD-BENCH line).
 */
final class OffloadLab implements AutoCloseable {
    final ActorTestKit kit;
    final ManualNetClock clock;
    private int mac = 1;
    private int port = 5001;

    OffloadLab() {
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                netemu.time.mode = manual
                pekko.actor.default-dispatcher.executor = "io.netemu.device.time.QuiescentExecutor"
                """).withFallback(ConfigFactory.load("application-test")));
        clock = NetTime.get(kit.system()).manual();
    }

    ActorRef<NsInbound> ns(String name, int id) {
        return kit.spawn(NamespaceActor.create(name, id, -1), name);
    }

    /** A veth pair of this MTU between {@code a:ia} and {@code b:ib}. */
    void link(ActorRef<NsInbound> a, String ia, ActorRef<NsInbound> b, String ib, int mtu, long seed) {
        TestProbe<NamespaceActor.VethAdded> added = kit.createTestProbe();
        a.tell(new NamespaceActor.AddVeth(ia, 0x020000000000L + mac++, mtu, NetemConfig.NONE, seed * 2, added.getRef()));
        NamespaceActor.VethAdded va = added.receiveMessage();
        b.tell(new NamespaceActor.AddVeth(ib, 0x020000000000L + mac++, mtu, NetemConfig.NONE, seed * 2 + 1, added.getRef()));
        NamespaceActor.VethAdded vb = added.receiveMessage();
        TestProbe<NamespaceActor.Ack> ack = kit.createTestProbe();
        a.tell(new NamespaceActor.ConnectPeer(ia, vb.device(), vb.ifindex(), "b", ack.getRef()));
        b.tell(new NamespaceActor.ConnectPeer(ib, va.device(), va.ifindex(), "a", ack.getRef()));
        ack.receiveSeveralMessages(2);
    }

    /** Runs {@code line}, which must exit 0. */
    CommandResult ok(ActorRef<NsInbound> ns, String line) {
        CommandResult res = await(start(ns, line), 10_000_000_000L);
        assertNotNull(res, line);
        assertEquals(0, res.exit(), line + ": " + res.stderr());
        return res;
    }

    /** Starts {@code line} (a process such as tcpdump); its result arrives at the probe. */
    TestProbe<CommandResult> start(ActorRef<NsInbound> ns, String line) {
        TestProbe<CommandResult> r = kit.createTestProbe();
        ns.tell(new NamespaceActor.Exec(line, r.getRef()));
        return r;
    }

    /**
     * Advances virtual time until the probe hears something. A command's answer can be on its way
     * outside the quiescent pool while timers are pending (the clock then runs past them up to the
     * limit and gives up): the answer still gets a few seconds of wall time before this fails.
     */
    <T> T await(TestProbe<T> p, long limitNanos) {
        AtomicReference<T> got = new AtomicReference<>();
        try {
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
        } catch (IllegalStateException stuck) {
            try {
                got.set(p.receiveMessage(Duration.ofSeconds(5)));
            } catch (AssertionError none) {
                throw stuck;
            }
        }
        return got.get();
    }

    /**
     * {@code flows} connections from {@code from} to {@code to:port} each carrying {@code bytesPerFlow}
     * bytes; asserts every stream arrives whole with the sender's digest.
     */
    void transfer(String label, ActorRef<NsInbound> from, ActorRef<NsInbound> to, int dst, int flows, int bytesPerFlow) {
        port += 10;
        byte[] data = BulkApps.payload(bytesPerFlow, 42 + port);
        String want = BulkApps.sha256(data, 0, data.length);
        TestProbe<CommandResult> ready = kit.createTestProbe();
        TestProbe<CommandResult> received = kit.createTestProbe();
        TestProbe<CommandResult> sent = kit.createTestProbe();
        for (int i = 0; i < flows; i++) {
            kit.spawn(BulkApps.receiver(to, port + i, ready.getRef(), received.getRef()), "rx" + port + "-" + i);
            assertEquals(0, await(ready, 1_000_000_000L).exit());
        }
        long t0 = System.nanoTime();
        long v0 = clock.nanos();
        for (int i = 0; i < flows; i++) {
            kit.spawn(BulkApps.sender(from, dst, port + i, data, sent.getRef()), "tx" + port + "-" + i);
        }
        for (int i = 0; i < flows; i++) {
            BulkApps.Result rx = BulkApps.Result.of(await(received, 600_000_000_000L));
            assertNotNull(rx, label + ": the receiver saw the end of the stream");
            assertEquals(0, rx.errno(), label);
            assertEquals(data.length, rx.bytes(), label);
            assertEquals(want, rx.sha256(), label);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double virt = (clock.nanos() - v0) / 1e9;
        System.out.printf("OFFLOAD-BENCH %s flows=%d bytes=%d wall=%.3fs virtual=%.4fs goodput=%.2f Gbit/s per wall second%n",
                label, flows, (long) flows * bytesPerFlow, wall, virt, (double) flows * bytesPerFlow * 8 / wall / 1e9);
    }

    /** {@code ip -s link show dev}'s packet counters: {rx packets, tx packets}. */
    long[] packets(ActorRef<NsInbound> ns, String dev) {
        String out = ok(ns, "ip -s link show " + dev).stdout();
        Matcher m = Pattern.compile("RX:[^\\n]*\\n\\s+(\\d+)\\s+(\\d+)[^\\n]*\\n\\s+TX:[^\\n]*\\n\\s+(\\d+)\\s+(\\d+)").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no counters in: " + out);
        }
        return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(4))};
    }

    /** A counter of {@code nstat -az}. */
    long nstat(ActorRef<NsInbound> ns, String name) {
        String out = ok(ns, "nstat -az").stdout();
        Matcher m = Pattern.compile("(?m)^" + name + "\\s+(\\d+)").matcher(out);
        if (!m.find()) {
            throw new AssertionError(name + " not in: " + out);
        }
        return Long.parseLong(m.group(1));
    }

    @Override
    public void close() {
        kit.shutdownTestKit();
    }
}
