package io.netemu.cluster.member;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Finds the {@link MemberHost}s of a cluster from outside any actor (the lab JVM's main thread):
 * asks the Receptionist until enough hosts on members with the role are listed, then asks each
 * for its {@link MemberHost.Description}.
 */
final class MemberFinder {
    private static final Duration POLL = Duration.ofMillis(200);

    private final ActorSystem<?> system;
    private final String role;

    MemberFinder(ActorSystem<?> system, String role) {
        this.system = system;
        this.role = role;
    }

    List<MemberHost.Description> await(int count, Duration timeout) throws MemberException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MemberHost.Description> found = List.of();
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative()) {
                throw MemberException.failure("found " + found.size() + " of " + count + " members"
                        + (role == null ? "" : " (role " + role + ")") + " within " + MemberSystem.seconds(timeout)
                        + (found.isEmpty() ? "" : ": " + String.join(", ", found.stream().map(MemberHost.Description::member).toList()))
                        + "; check that the members were started with --seed of this cluster");
            }
            try {
                found = describe(hosts(min(left)), min(left));
            } catch (ExecutionException | TimeoutException e) {
                found = List.of(); // a member went away mid-question: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MemberException.failure("interrupted while waiting for members");
            }
            if (found.size() >= count) {
                return found;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MemberException.failure("interrupted while waiting for members");
            }
        }
    }

    private static Duration min(Duration left) {
        Duration cap = Duration.ofSeconds(5);
        return left.compareTo(cap) < 0 ? (left.isZero() ? Duration.ofMillis(1) : left) : cap;
    }

    private Set<ActorRef<MemberHost.Command>> hosts(Duration bound)
            throws InterruptedException, ExecutionException, TimeoutException {
        Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(MemberHost.KEY, replyTo), bound, system.scheduler())
                .toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        Set<ActorRef<MemberHost.Command>> all = listing.getServiceInstances(MemberHost.KEY);
        if (role == null) {
            return all;
        }
        Set<Address> withRole = new HashSet<>();
        for (Member m : Cluster.get(system).state().getMembers()) {
            if (m.hasRole(role) && m.status() == MemberStatus.up()) {
                withRole.add(m.address());
            }
        }
        Address self = Cluster.get(system).selfMember().address();
        Set<ActorRef<MemberHost.Command>> r = new HashSet<>();
        for (ActorRef<MemberHost.Command> h : all) {
            Address a = h.path().address().hasLocalScope() ? self : h.path().address(); // a host in this JVM
            if (withRole.contains(a)) {
                r.add(h);
            }
        }
        return r;
    }

    private List<MemberHost.Description> describe(Set<ActorRef<MemberHost.Command>> hosts, Duration bound)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<java.util.concurrent.CompletableFuture<MemberHost.Description>> asks = new ArrayList<>();
        for (ActorRef<MemberHost.Command> h : hosts) {
            asks.add(AskPattern.<MemberHost.Command, MemberHost.Description>ask(h, MemberHost.Describe::new, bound, system.scheduler())
                    .toCompletableFuture());
        }
        List<MemberHost.Description> r = new ArrayList<>();
        for (var a : asks) {
            r.add(a.get(bound.toMillis(), TimeUnit.MILLISECONDS));
        }
        r.sort(Comparator.comparing(MemberHost.Description::member));
        return r;
    }
}
