package io.netemu.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.netemu.cluster.member.ClusterSettings;
import io.netemu.cluster.member.LocalMembers;
import io.netemu.test.e2e.Labs;
import io.netemu.topologies.gen.LabWriter;
import io.netemu.topologies.gen.Shapes;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.run.ClusterPlan;
import io.netemu.topologies.run.ClusterPlanner;
import io.netemu.topologies.run.ClusterReport;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Labs spread over three member JVMs on loopback give the same step results as on one JVM:
 * the spec's example lab (one node pinned, the rest placed automatically) and a ~300-node
 * leaf-spine, with links both inside members and between them.
 */
class ClusterLabTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static LocalMembers members;

    @BeforeAll
    static void startMembers() throws Exception {
        members = LocalMembers.start(3, LocalMembers.Options.defaults().withTimeout(TIMEOUT));
    }

    @AfterAll
    static void stopMembers() {
        if (members != null) {
            members.close();
        }
    }

    static RunReport onCluster(Lab lab, ClusterPlan.MemberKiller killer) throws Exception {
        Config cluster = ClusterSettings.builder("lab-test").role(ClusterSettings.ROLE_LAB).port(0)
                .seed(members.seed()).joinTimeout(TIMEOUT).build().config();
        return LabRunner.run(lab, RunListener.NONE, cluster.withFallback(Labs.testConfig()).resolve(),
                ClusterPlanner.launcher(3, TIMEOUT, killer));
    }

    /** What must not depend on where nodes live: each step's exit status and whether its expectation held. */
    static List<String> outcomes(RunReport r) {
        return r.steps().stream().map(s -> s.step().line() + ": exit " + s.exit() + " expect " + s.expectOk()).toList();
    }

    /** Runs {@code lab} on this JVM and on the members; both pass, step for step alike; returns the members' run. */
    static RunReport sameOnOneJvmAndOnThreeMembers(Lab lab) throws Exception {
        RunReport one = LabRunner.run(lab, RunListener.NONE, Labs.testConfig());
        RunReport three = onCluster(lab, null);
        assertEquals(0, one.exitStatus(), () -> Labs.describe(one));
        assertEquals(0, three.exitStatus(), () -> Labs.describe(three));
        assertEquals(outcomes(one), outcomes(three));
        return three;
    }

    @Test
    void theSpecExampleLabGivesTheSameResultsOnThreeMembers() throws Exception {
        String yaml = java.nio.file.Files.readString(Labs.repo().resolve("topologies/two-subnets.yaml"))
                .replace("    h2:\n", "    h2:\n      placement: member-2\n");
        Lab lab = LabLoader.parse("two-subnets.yaml", yaml).lab();
        RunReport three = sameOnOneJvmAndOnThreeMembers(lab);
        ClusterReport c = three.cluster();
        assertNotNull(c, "a run on members reports where its nodes lived");
        Map<String, String> memberOf = memberOf(c);
        assertEquals("member-2", memberOf.get("h2"), "placement: wins");
        assertEquals(lab.nodes().keySet(), memberOf.keySet(), "every node is placed once");
        long between = lab.links().stream().filter(l -> !memberOf.get(l.a().node()).equals(memberOf.get(l.b().node()))).count();
        assertEquals(c.cutLinks(), between, "the report's cut links are the links between members");
        assertTrue(c.members().stream().allMatch(m -> m.state().equals("up")));
        assertTrue(c.members().stream().mapToLong(ClusterReport.Member::entriesOut).sum() > 0 || between == 0,
                () -> "frames crossed the links between members: " + io.netemu.topologies.run.ReportJson.write(three));
    }

    @Test
    void aThreeHundredNodeLeafSpineGivesTheSameResults() throws Exception {
        StringBuilder sb = new StringBuilder();
        new LabWriter(Shapes.leafSpine(4, 16, 18)).write(sb, null, true, 30, 7);
        Lab lab = LabLoader.parse("ls300.yaml", sb.toString()).lab();
        assertTrue(lab.nodes().size() >= 300, "a 300-node lab: " + lab.nodes().size());
        ClusterReport c = sameOnOneJvmAndOnThreeMembers(lab).cluster();
        Map<String, String> memberOf = memberOf(c);
        Set<String> used = Set.copyOf(memberOf.values());
        assertEquals(3, used.size(), "the automatic placement uses every member");
        long inside = lab.links().stream().filter(l -> memberOf.get(l.a().node()).equals(memberOf.get(l.b().node()))).count();
        assertTrue(inside > 0 && c.cutLinks() > 0, "links both inside members and between them: " + c.placement());
        assertTrue(c.cutLinks() < lab.links().size() / 2, "the partitioner keeps most links inside a member: " + c.placement());
        for (ClusterReport.Member m : c.members()) {
            assertNotEquals(0, m.nodes().size(), m.name() + " hosts nodes");
        }
    }

    /** TCP with TSO across a link between members: the GSO skbs keep gso_size on the way, the transfer completes. */
    @Test
    void tcpCrossesALinkBetweenMembersWhole() throws Exception {
        Lab lab = Labs.parse("tcp-across", """
                name: tcp-across
                topology:
                  nodes:
                    h1:
                      placement: member-1
                      exec: [ip addr add 10.0.0.1/24 dev eth0]
                    h2:
                      placement: member-3
                      exec: [ip addr add 10.0.0.2/24 dev eth0]
                  links:
                    - endpoints: ["h1:eth0", "h2:eth0"]
                scenario:
                  - {at: 0s, node: h2, run: "iperf3 -s -1", timeout: 30s, expect: {exit: 0}}
                  - {at: 1s, node: h1, run: "iperf3 -c 10.0.0.2 -n 8M", timeout: 25s, expect: {exit: 0, stdout: "8.00 MBytes"}}
                """);
        RunReport r = onCluster(lab, null);
        assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
        // the client's summary carries the server's count too (its receiver line): 8 MiB sent, nothing lost for good
        String client = r.steps().get(1).stdout();
        assertTrue(client.lines().anyMatch(l -> l.contains("8.00 MBytes") && l.endsWith("sender")), client);
        assertEquals(1, r.cluster().cutLinks());
    }

    @Test
    void aPinToAMemberThatIsNotThereIsAClearError() throws Exception {
        Lab lab = Labs.parse("pinned", """
                name: pinned
                topology:
                  nodes:
                    a: {placement: member-7}
                    b: {}
                  links:
                    - endpoints: ["a:eth0", "b:eth0"]
                """);
        RunReport r = onCluster(lab, null);
        assertEquals(2, r.exitStatus());
        assertTrue(r.error().contains("node a: placement member-7 is not a member of the cluster (members: member-1, member-2, member-3)"),
                r.error());
    }

    @Test
    void memberStepsOnOneJvmFailWithTheWayToRunThem() {
        Lab lab = Labs.parse("one-jvm", """
                name: one-jvm
                topology:
                  nodes:
                    a: {}
                scenario:
                  - member: member-1
                    action: kill
                """);
        RunReport r = LabRunner.run(lab, RunListener.NONE, Labs.testConfig());
        assertEquals(1, r.steps().get(0).exit());
        assertTrue(r.steps().get(0).stderr().contains("run it with --members N or --cluster HOST:PORT"), r.steps().get(0).stderr());
    }

    static Map<String, String> memberOf(ClusterReport c) {
        return c.members().stream().flatMap(m -> m.nodes().stream().map(n -> Map.entry(n, m.name())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

}
