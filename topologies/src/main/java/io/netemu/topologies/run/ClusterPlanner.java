package io.netemu.topologies.run;

import io.netemu.cluster.member.ClusterSettings;
import io.netemu.cluster.member.MemberHost;
import io.netemu.cluster.member.MemberSystem;
import io.netemu.cluster.placement.Partitioner;
import io.netemu.cluster.placement.Placement;
import io.netemu.cluster.placement.PlacementRequest;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.NodeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a lab's {@link ClusterPlan}: waits for the cluster's members (role "member"), then
 * places every node — its {@code placement:} if it has one, else where the partitioner puts it.
 */
public final class ClusterPlanner {
    private ClusterPlanner() {}

    /** A launcher for {@link LabRunner}: {@code members} members within {@code timeout}. */
    public static LabRunner.ClusterLauncher launcher(int members, Duration timeout, ClusterPlan.MemberKiller killer) {
        return (system, lab) -> {
            List<MemberHost.Description> found = MemberSystem.awaitMembers(system, ClusterSettings.ROLE_MEMBER, members, timeout);
            List<ClusterPlan.Member> list = new ArrayList<>();
            for (MemberHost.Description d : found) {
                list.add(new ClusterPlan.Member(d.member(), d.host().path().address().toString(), d.host()));
            }
            list.sort(Comparator.comparing(ClusterPlan.Member::name));
            Placement p = place(lab, list.stream().map(ClusterPlan.Member::name).toList());
            return new ClusterPlan(list, p, p.summary(lab.links().size()), killer);
        };
    }

    /** The placement of {@code lab}'s nodes on {@code members} (throws PlacementException with the fix). */
    public static Placement place(Lab lab, List<String> members) {
        List<String> nodes = new ArrayList<>(lab.nodes().keySet());
        Map<String, String> pinned = new LinkedHashMap<>();
        for (NodeSpec n : lab.nodes().values()) {
            if (n.placement() != null) {
                pinned.put(n.name(), n.placement());
            }
        }
        List<PlacementRequest.Link> links = new ArrayList<>();
        for (LinkSpec l : lab.links()) {
            links.add(new PlacementRequest.Link(l.a().node(), l.b().node()));
        }
        return Partitioner.place(new PlacementRequest(nodes, links, members, pinned));
    }
}
