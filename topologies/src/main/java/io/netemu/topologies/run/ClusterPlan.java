package io.netemu.topologies.run;

import io.netemu.cluster.member.MemberHost;
import io.netemu.cluster.placement.Placement;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where a lab's nodes live when it spans cluster members: each member's host actor and address,
 * the placement of every node, and how to kill a member the hard way (a scenario step's
 * {@code member: NAME, action: kill}), which only whoever started the member can do.
 */
public record ClusterPlan(List<Member> members, Placement placement, String summary, MemberKiller killer) {

    /** A member that hosts namespaces: its name, its address ({@code pekko://netemu@host:port}) and host actor. */
    public record Member(String name, String address, ActorRef<MemberHost.Command> host) {}

    /** Stops a member's JVM without a goodbye; returns null, or why it could not. */
    @FunctionalInterface
    public interface MemberKiller {
        String kill(String member);
    }

    public ClusterPlan {
        members = List.copyOf(members);
    }

    public Member member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    /** node → member name. */
    public Map<String, String> memberOf() {
        return placement.memberOf();
    }
}
