package io.netemu.cluster.member;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Tells a listener when cluster members come, become unreachable, come back or are removed, as
 * plain {@link Event}s (no Pekko types), from the cluster's membership events (not from
 * {@code Cluster.state()}, which lags them).
 *
 * <p>Spawn it where the listener lives ({@code ctx.spawn(MemberWatch.create(adapter), "members")}
 * in the lab actor) or with {@link MemberSystem#watch}. A killed member shows as
 * {@link Kind#UNREACHABLE} after the failure detector's pause (netemu-cluster.conf: about 5-6 s),
 * then {@link Kind#REMOVED} once the split-brain resolver has downed it (stable-after, 3 s,
 * later). Match {@link Event#address()} with {@link MemberHost.Description#address()} to know
 * which member's namespaces are gone.
 *
 * <p>The current members arrive first, as {@link Kind#UP} events.
 */
public final class MemberWatch {
    public enum Kind { UP, UNREACHABLE, REACHABLE, REMOVED }

    /**
     * A change of one member: its address (pekko://netemu@HOST:PORT), its roles, and for
     * REMOVED how it went ("left" after a graceful leave, "downed" after a failure).
     */
    public record Event(Kind kind, String address, List<String> roles, String reason) {}

    private MemberWatch() {}

    public static Behavior<ClusterEvent.ClusterDomainEvent> create(ActorRef<Event> listener) {
        return Behaviors.setup(ctx -> {
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.MemberEvent.class));
            cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), ClusterEvent.ReachabilityEvent.class));
            return Behaviors.receive(ClusterEvent.ClusterDomainEvent.class)
                    .onMessage(ClusterEvent.MemberUp.class, e -> report(listener, Kind.UP, e.member(), null))
                    .onMessage(ClusterEvent.UnreachableMember.class, e -> report(listener, Kind.UNREACHABLE, e.member(), null))
                    .onMessage(ClusterEvent.ReachableMember.class, e -> report(listener, Kind.REACHABLE, e.member(), null))
                    .onMessage(ClusterEvent.MemberRemoved.class, e -> report(listener, Kind.REMOVED, e.member(),
                            e.previousStatus() == MemberStatus.exiting() ? "left" : "downed"))
                    .onAnyMessage(e -> Behaviors.same())
                    .build();
        });
    }

    private static Behavior<ClusterEvent.ClusterDomainEvent> report(ActorRef<Event> listener, Kind kind, Member m, String reason) {
        List<String> roles = m.getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().toList();
        listener.tell(new Event(kind, m.address().toString(), roles, reason));
        return Behaviors.same();
    }
}
