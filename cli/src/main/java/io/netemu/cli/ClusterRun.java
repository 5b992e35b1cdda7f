package io.netemu.cli;

import io.netemu.cluster.member.ClusterSettings;
import io.netemu.cluster.member.HostPort;
import io.netemu.cluster.member.LocalMembers;
import io.netemu.cluster.member.MemberException;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.run.ClusterPlan;
import io.netemu.topologies.run.ClusterPlanner;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code netemu run LAB --members N} (start N member JVMs here, run, stop them) and
 * {@code --cluster HOST:PORT} (join a running cluster and use its members): this JVM joins as
 * the lab's driver (role "lab") and hosts no nodes itself.
 */
final class ClusterRun {
    private ClusterRun() {}

    static RunReport run(Lab lab, RunListener listener, Path captureDir, String sampling, Integer members, String cluster,
                         Duration timeout) {
        LocalMembers local = null;
        try {
            HostPort seed;
            ClusterPlan.MemberKiller killer;
            if (cluster == null) {
                local = LocalMembers.start(members, LocalMembers.Options.defaults().withTimeout(timeout));
                seed = local.seed();
                LocalMembers started = local;
                killer = name -> {
                    try {
                        started.kill(name);
                        return null;
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                };
            } else {
                seed = HostPort.parse("--cluster", cluster);
                killer = null;
            }
            ClusterSettings settings = ClusterSettings.builder("lab-" + ProcessHandle.current().pid())
                    .role(ClusterSettings.ROLE_LAB).port(0).seed(seed).joinTimeout(timeout).build();
            int expected = members == null ? 1 : members;
            return LabRunner.run(lab, listener, captureDir, sampling, settings.config(),
                    ClusterPlanner.launcher(expected, timeout, killer));
        } catch (MemberException e) {
            return new RunReport(lab.name(), 0, List.of(), false, e.getMessage());
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }
}
