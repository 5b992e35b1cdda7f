package io.netemu.cluster.member;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.ns.NetnsDirectory;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The member host on one JVM, every message serialized on every send (as it is between members). */
class MemberHostTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString(
            "pekko.actor.serialize-messages = on\npekko.loglevel = WARNING").withFallback(ConfigFactory.load()));

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private final ActorRef<NetnsDirectory.Command> directory = KIT.spawn(NetnsDirectory.create(7));

    private static int count(ActorRef<MemberHost.Command> host) {
        TestProbe<MemberHost.Description> d = KIT.createTestProbe();
        host.tell(new MemberHost.Describe(d.ref()));
        MemberHost.Description desc = d.receiveMessage();
        assertEquals(host, desc.host());
        return desc.namespaces();
    }

    private ActorRef<NsInbound> spawn(ActorRef<MemberHost.Command> host, String node) {
        TestProbe<MemberHost.Spawned> p = KIT.createTestProbe();
        host.tell(new MemberHost.SpawnNamespace(node, "ns-" + node, 42, -1, directory, p.ref()));
        MemberHost.Spawned s = p.receiveMessage();
        assertNull(s.error());
        assertEquals(node, s.node());
        return s.ns();
    }

    @Test
    void spawnsNamespacesThatRunCommands() {
        ActorRef<MemberHost.Command> host = KIT.spawn(MemberHost.create("member-1"));
        TestProbe<MemberHost.Description> d = KIT.createTestProbe();
        host.tell(new MemberHost.Describe(d.ref()));
        assertEquals("member-1", d.receiveMessage().member());

        ActorRef<NsInbound> ns = spawn(host, "h1");
        TestProbe<CommandResult> out = KIT.createTestProbe();
        ns.tell(new NamespaceActor.Exec("ip link show", out.ref()));
        CommandResult r = out.receiveMessage(Duration.ofSeconds(10));
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().startsWith("1: lo: <LOOPBACK,UP,LOWER_UP>"), r.stdout());
        assertEquals(1, count(host));
    }

    @Test
    void aTakenNameIsRefusedUntilTheNamespaceHasStopped() {
        ActorRef<MemberHost.Command> host = KIT.spawn(MemberHost.create("member-2"));
        ActorRef<NsInbound> ns = spawn(host, "r1");
        TestProbe<MemberHost.Spawned> again = KIT.createTestProbe();
        host.tell(new MemberHost.SpawnNamespace("r1", "ns-r1", 42, -1, directory, again.ref()));
        MemberHost.Spawned refused = again.receiveMessage();
        assertNull(refused.ns());
        assertEquals("member-2: an actor named ns-r1 already runs here (stop the node first, and wait for the answer)", refused.error());

        TestProbe<MemberHost.Done> done = KIT.createTestProbe();
        TestProbe<Object> watcher = KIT.createTestProbe();
        host.tell(new MemberHost.StopNamespace(ns, done.ref()));
        done.expectMessage(new MemberHost.Done());
        watcher.expectTerminated(ns);
        assertEquals(0, count(host));
        assertNotNull(spawn(host, "r1"), "the name is free again: a crashed node restarts under its name");
    }

    @Test
    void stopAllStopsEveryNamespaceAndAnswersOnce() {
        ActorRef<MemberHost.Command> host = KIT.spawn(MemberHost.create("member-3"));
        List<ActorRef<NsInbound>> all = List.of(spawn(host, "a"), spawn(host, "b"), spawn(host, "c"));
        TestProbe<MemberHost.Done> done = KIT.createTestProbe();
        host.tell(new MemberHost.StopAll(done.ref()));
        done.expectMessage(new MemberHost.Done());
        TestProbe<Object> watcher = KIT.createTestProbe();
        all.forEach(watcher::expectTerminated);
        assertEquals(0, count(host));
        host.tell(new MemberHost.StopAll(done.ref()));
        done.expectMessage(new MemberHost.Done()); // nothing to stop: at once
        done.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void registersWithTheReceptionist() {
        ActorRef<MemberHost.Command> host = KIT.spawn(MemberHost.create("member-4"));
        TestProbe<Receptionist.Listing> p = KIT.createTestProbe();
        p.awaitAssert(() -> {
            KIT.system().receptionist().tell(Receptionist.find(MemberHost.KEY, p.ref()));
            assertTrue(p.receiveMessage().getServiceInstances(MemberHost.KEY).contains(host));
            return null;
        });
    }

    @Test
    void everyMessageTravelsAsKryo() {
        Serialization ser = SerializationExtension.get(Adapter.toClassic(KIT.system()));
        TestProbe<MemberHost.Command> host = KIT.createTestProbe();
        TestProbe<NsInbound> ns = KIT.createTestProbe();
        List<Object> messages = List.of(
                new MemberHost.Describe(KIT.<MemberHost.Description>createTestProbe().ref()),
                new MemberHost.Description("member-1", host.ref(), 12),
                new MemberHost.SpawnNamespace("h1", "ns-h1", 7L, 0x02aabbccddeeL, directory, KIT.<MemberHost.Spawned>createTestProbe().ref()),
                new MemberHost.Spawned("h1", ns.ref(), null),
                new MemberHost.Spawned("h1", null, "member-1: taken"),
                new MemberHost.StopNamespace(ns.ref(), KIT.<MemberHost.Done>createTestProbe().ref()),
                new MemberHost.StopAll(KIT.<MemberHost.Done>createTestProbe().ref()),
                new MemberHost.Done(),
                new MemberWatch.Event(MemberWatch.Kind.REMOVED, "pekko://netemu@127.0.0.1:2600", List.of("member"), "downed"));
        for (Object m : messages) {
            Serializer s = ser.findSerializerFor(m);
            assertEquals("io.netemu.cluster.serialization.KryoSerializer", s.getClass().getName(), m.getClass().getName());
            Object back = ser.deserialize(ser.serialize(m).get(), s.identifier(), Serializers.manifestFor(s, m)).get();
            assertEquals(m, back);
        }
    }
}
