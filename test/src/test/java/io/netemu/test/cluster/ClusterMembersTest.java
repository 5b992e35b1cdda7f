package io.netemu.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.netemu.cluster.member.ClusterSettings;
import io.netemu.cluster.member.LocalMembers;
import io.netemu.cluster.member.MemberHost;
import io.netemu.cluster.member.MemberSystem;
import io.netemu.cluster.member.MemberWatch;
import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.ns.NetnsDirectory;
import io.netemu.topologies.run.LabRunner;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three member JVMs on loopback and a lab-role system in this JVM: the lab finds the members,
 * spawns a namespace on one of them and runs a command there (every message crossing JVMs as
 * Kryo), then a member is killed and its removal is reported.
 */
class ClusterMembersTest {
    /** The suite's settings (serialize-messages on) under the cluster's. */
    static Config base() {
        return ConfigFactory.parseResources("netemu-test.conf").withFallback(LabRunner.config());
    }

    @Test
    @Timeout(300)
    void aLabDrivesNamespacesOnMemberJvmsAndSeesAKilledMemberRemoved() throws Exception {
        List<LocalMembers.Member> processes;
        try (LocalMembers members = LocalMembers.start(3)) {
            processes = members.members();
            assertEquals(List.of("member-1", "member-2", "member-3"), members.members().stream().map(LocalMembers.Member::name).toList());
            ClusterSettings lab = ClusterSettings.builder("lab").role(ClusterSettings.ROLE_LAB).port(0)
                    .seed(members.seed()).build();
            ActorSystem<Void> system = MemberSystem.start(lab, base());
            ActorTestKit kit = ActorTestKit.create(system);
            try {
                TestProbe<MemberWatch.Event> events = kit.createTestProbe();
                MemberSystem.watch(system, events.ref());

                List<MemberHost.Description> found = MemberSystem.awaitMembers(system, ClusterSettings.ROLE_MEMBER, 3, Duration.ofSeconds(60));
                assertEquals(List.of("member-1", "member-2", "member-3"), found.stream().map(MemberHost.Description::member).toList());
                for (int i = 0; i < 3; i++) {
                    assertEquals("pekko://netemu@" + members.members().get(i).address(), found.get(i).address());
                }
                MemberHost.Description m2 = found.get(1);

                // a namespace on member-2, told the lab's netns directory (a reference into this JVM)
                ActorRef<NetnsDirectory.Command> directory = kit.spawn(NetnsDirectory.create(5), "netns");
                TestProbe<MemberHost.Spawned> spawned = kit.createTestProbe();
                m2.host().tell(new MemberHost.SpawnNamespace("h1", "ns-h1", 99, -1, directory, spawned.ref()));
                MemberHost.Spawned s = spawned.receiveMessage(Duration.ofSeconds(20));
                assertNull(s.error());
                ActorRef<NsInbound> ns = s.ns();
                assertNotNull(ns);
                assertEquals(m2.address(), ns.path().address().toString(), "the namespace lives in member-2's JVM");

                TestProbe<CommandResult> out = kit.createTestProbe();
                ns.tell(new NamespaceActor.Exec("ip link show", out.ref()));
                CommandResult r = out.receiveMessage(Duration.ofSeconds(20));
                assertEquals(0, r.exit(), r.stderr());
                assertTrue(r.stdout().startsWith("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536"), r.stdout());

                TestProbe<MemberHost.Description> described = kit.createTestProbe();
                m2.host().tell(new MemberHost.Describe(described.ref()));
                assertEquals(1, described.receiveMessage(Duration.ofSeconds(10)).namespaces());

                TestProbe<MemberHost.Done> done = kit.createTestProbe();
                m2.host().tell(new MemberHost.StopNamespace(ns, done.ref()));
                done.expectMessage(Duration.ofSeconds(20), new MemberHost.Done());
                m2.host().tell(new MemberHost.Describe(described.ref()));
                assertEquals(0, described.receiveMessage(Duration.ofSeconds(10)).namespaces());

                // member-3 dies the hard way: unreachable, then downed by the split-brain resolver
                String m3 = found.get(2).address();
                members.kill("member-3");
                List<MemberWatch.Event> seen = new java.util.ArrayList<>();
                events.fishForMessage(Duration.ofSeconds(90), e -> {
                    if (e.address().equals(m3)) {
                        seen.add(e);
                    }
                    return e.address().equals(m3) && e.kind() == MemberWatch.Kind.REMOVED
                            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore();
                });
                assertEquals(List.of(MemberWatch.Kind.UP, MemberWatch.Kind.UNREACHABLE, MemberWatch.Kind.REMOVED),
                        seen.stream().map(MemberWatch.Event::kind).toList());
                MemberWatch.Event removed = seen.get(seen.size() - 1);
                assertEquals("downed", removed.reason());
                assertEquals(List.of("member"), removed.roles());

                // the survivors still serve the lab
                List<MemberHost.Description> left = MemberSystem.awaitMembers(system, ClusterSettings.ROLE_MEMBER, 2, Duration.ofSeconds(30));
                assertEquals(List.of("member-1", "member-2"), left.stream().map(MemberHost.Description::member).toList());
                assertNotEquals(m3, left.get(1).address());
            } finally {
                MemberSystem.terminate(system, Duration.ofSeconds(20));
                kit.shutdownTestKit();
            }
        }
        // closed: the survivors were asked to stop, left the cluster and exited 0; no process is left
        for (LocalMembers.Member m : processes) {
            assertFalse(m.process().isAlive(), m.name());
        }
        assertEquals(0, processes.get(0).process().exitValue());
        assertEquals(0, processes.get(1).process().exitValue());
    }
}
