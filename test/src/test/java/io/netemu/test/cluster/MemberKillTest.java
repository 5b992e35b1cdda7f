package io.netemu.test.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.netemu.cluster.member.ClusterSettings;
import io.netemu.cluster.member.LocalMembers;
import io.netemu.test.e2e.Labs;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.run.ClusterPlanner;
import io.netemu.topologies.run.ClusterReport;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.ReportJson;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import io.netemu.topologies.run.StepResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A member killed mid-run: its nodes are gone, the links from survivors to them lose carrier,
 * the survivors go on, and the report says what was lost. A partition between members drops
 * the frames of links crossing it until it heals, and the members count them.
 */
class MemberKillTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    static final String LAB = """
            name: member-kill
            topology:
              nodes:
                sw: {kind: bridge, placement: member-1}
                h1:
                  placement: member-1
                  exec: [ip addr add 10.0.0.1/24 dev eth0]
                h2:
                  placement: member-2
                  exec: [ip addr add 10.0.0.2/24 dev eth0]
                h3:
                  placement: member-3
                  exec: [ip addr add 10.0.0.3/24 dev eth0]
              links:
                - endpoints: ["h1:eth0", "sw:p1"]
                - endpoints: ["h2:eth0", "sw:p2"]
                - endpoints: ["h3:eth0", "sw:p3"]
            scenario:
              - at: 0s
                node: h2
                run: ping -c 2 -i 0.2 10.0.0.3
                expect: {exit: 0}
              - at: 1s
                members: [member-2]
                action: partition
                expect: {exit: 0}
              - at: 1500ms
                node: h1
                run: ping -c 2 -i 0.2 -W 1 10.0.0.2
                expect: {exit: 1}
              - at: 4s
                members: [member-2]
                action: heal
                expect: {exit: 0}
              - at: 4500ms
                node: h1
                run: ping -c 2 -i 0.2 10.0.0.2
                expect: {exit: 0}
              - at: 6s
                member: member-3
                action: kill
                expect: {exit: 0, stdout: "h3"}
              - at: 25s
                node: sw
                run: ip link show p3
                expect: {stdout: "NO-CARRIER"}
              - at: 25s
                node: h1
                run: ping -c 2 -i 0.2 10.0.0.2
                expect: {exit: 0}
              - at: 25s
                node: h3
                run: ip link show
            """;

    @Test
    void aKilledMemberTakesItsNodesAndTheRunGoesOn() throws Exception {
        Lab lab = Labs.parse("member-kill", LAB);
        try (LocalMembers members = LocalMembers.start(3, LocalMembers.Options.defaults().withTimeout(TIMEOUT))) {
            Config cluster = ClusterSettings.builder("lab-kill").role(ClusterSettings.ROLE_LAB).port(0)
                    .seed(members.seed()).joinTimeout(TIMEOUT).build().config();
            RunReport r = LabRunner.run(lab, RunListener.NONE, cluster.withFallback(Labs.testConfig()).resolve(),
                    ClusterPlanner.launcher(3, TIMEOUT, name -> {
                        members.kill(name);
                        return null;
                    }));
            assertEquals(0, r.exitStatus(), () -> Labs.describe(r));
            StepResult last = r.steps().get(r.steps().size() - 1);
            assertEquals(255, last.exit(), "a command on a lost node finds it down: " + last.stderr());
            ClusterReport.Member m3 = r.cluster().members().stream().filter(m -> m.name().equals("member-3")).findFirst().orElseThrow();
            assertEquals("killed", m3.state());
            assertEquals(java.util.List.of("h3"), m3.lostNodes());
            assertTrue(m3.lostAtMs() != null && m3.lostAtMs() >= 5000, "lost at " + m3.lostAtMs());
            long dropped = r.cluster().members().stream().mapToLong(ClusterReport.Member::droppedPartition).filter(x -> x > 0).sum();
            assertTrue(dropped > 0, "the partition dropped frames, counted: " + ReportJson.write(r));
            String json = ReportJson.write(r);
            assertTrue(json.contains("\"state\": \"killed\"") && json.contains("\"lost_nodes\": [\"h3\"]"), json);
        }
    }
}
