package io.netemu.cluster.member;

import io.netemu.device.NsInbound;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.ns.NetnsDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.InvalidActorNameException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The actor every member JVM runs (role "member"): it hosts the lab's namespaces that were
 * placed on this member, as its children, and is found through the Receptionist under
 * {@link #KEY}. The lab JVM spawns, stops and counts namespaces here; everything else
 * (exec, links, counters) goes straight to the namespace actors' own references.
 *
 * <p>A stop is answered once the namespace actor has terminated, so its name is free again for
 * a restart of the same node.
 */
public final class MemberHost extends AbstractBehavior<MemberHost.Command> {
    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "netemu-member");

    public sealed interface Command {}

    /** Who are you: answered with a {@link Description}. */
    public record Describe(ActorRef<Description> replyTo) implements Command {}

    /** A member: its name (--name), its host actor and how many namespaces it runs now. */
    public record Description(String member, ActorRef<Command> host, int namespaces) {
        /** The member's cluster address (pekko://netemu@HOST:PORT), as {@link MemberWatch} reports it. */
        public String address() {
            return host.path().address().toString();
        }
    }

    /**
     * Spawn the lab node {@code node} as the child {@code actorName}, as LabActor would on one JVM
     * ({@link NamespaceActor#create(String, long, long, ActorRef)}); answered with {@link Spawned}.
     */
    public record SpawnNamespace(String node, String actorName, long seed, long bridgeMac,
                                 ActorRef<NetnsDirectory.Command> directory, ActorRef<Spawned> replyTo)
            implements Command {}

    /** The answer to {@link SpawnNamespace}: the namespace, or (ns null) why not. */
    public record Spawned(String node, ActorRef<NsInbound> ns, String error) {}

    /** Stop this namespace (a node crash); answered with {@link Done} once it is gone, or at once if it is not here. */
    public record StopNamespace(ActorRef<NsInbound> ns, ActorRef<Done> replyTo) implements Command {}

    /** Stop every namespace here (the lab ended); answered with {@link Done} once all are gone. */
    public record StopAll(ActorRef<Done> replyTo) implements Command {}

    public record Done() {}

    private final String member;
    /** The running namespaces and their lab node names. */
    private final Map<ActorRef<NsInbound>, String> namespaces = new HashMap<>();
    private final Map<ActorRef<NsInbound>, List<ActorRef<Done>>> stopWaiters = new HashMap<>();
    private final List<AllStop> allStops = new ArrayList<>();
    /**
     * Each lab's namespaces by the lab's netns directory (an actor in the lab's JVM): when it
     * stops — the lab ended, or its JVM is gone — its namespaces here go too, so nothing lingers.
     */
    private final Map<ActorRef<?>, Set<ActorRef<NsInbound>>> byLab = new HashMap<>();

    private record AllStop(Set<ActorRef<NsInbound>> remaining, ActorRef<Done> replyTo) {}

    private MemberHost(ActorContext<Command> ctx, String member) {
        super(ctx);
        this.member = member;
    }

    /** The host of member {@code member}, registered with the Receptionist under {@link #KEY}. */
    public static Behavior<Command> create(String member) {
        return Behaviors.setup(ctx -> {
            // this member's end of the links between members must exist before any lab uses the member
            io.netemu.cluster.link.MemberLinksExtension.get(ctx.getSystem());
            ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
            return new MemberHost(ctx, member);
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Describe.class, this::onDescribe)
                .onMessage(SpawnNamespace.class, this::onSpawn)
                .onMessage(StopNamespace.class, this::onStop)
                .onMessage(StopAll.class, this::onStopAll)
                .onSignal(Terminated.class, this::onTerminated)
                .build();
    }

    private Behavior<Command> onDescribe(Describe d) {
        d.replyTo().tell(new Description(member, getContext().getSelf(), namespaces.size()));
        return this;
    }

    private Behavior<Command> onSpawn(SpawnNamespace s) {
        if (getContext().getChild(s.actorName()).isPresent()) {
            s.replyTo().tell(new Spawned(s.node(), null, member + ": an actor named " + s.actorName()
                    + " already runs here (stop the node first, and wait for the answer)"));
            return this;
        }
        ActorRef<NsInbound> ns;
        try {
            ns = getContext().spawn(NamespaceActor.create(s.node(), s.seed(), s.bridgeMac(), s.directory()), s.actorName());
        } catch (InvalidActorNameException e) {
            s.replyTo().tell(new Spawned(s.node(), null, member + ": " + e.getMessage()));
            return this;
        }
        getContext().watch(ns);
        namespaces.put(ns, s.node());
        if (!byLab.containsKey(s.directory())) {
            getContext().watch(s.directory());
        }
        byLab.computeIfAbsent(s.directory(), k -> new HashSet<>()).add(ns);
        s.replyTo().tell(new Spawned(s.node(), ns, null));
        return this;
    }

    private Behavior<Command> onStop(StopNamespace s) {
        if (!namespaces.containsKey(s.ns())) {
            s.replyTo().tell(new Done());
            return this;
        }
        stopWaiters.computeIfAbsent(s.ns(), k -> new ArrayList<>()).add(s.replyTo());
        getContext().stop(s.ns());
        return this;
    }

    private Behavior<Command> onStopAll(StopAll s) {
        if (namespaces.isEmpty()) {
            s.replyTo().tell(new Done());
            return this;
        }
        allStops.add(new AllStop(new HashSet<>(namespaces.keySet()), s.replyTo()));
        namespaces.keySet().forEach(getContext()::stop);
        return this;
    }

    private Behavior<Command> onTerminated(Terminated t) {
        Set<ActorRef<NsInbound>> labGone = byLab.remove(t.getRef());
        if (labGone != null) {
            labGone.stream().filter(namespaces::containsKey).forEach(getContext()::stop);
            return this;
        }
        ActorRef<NsInbound> ns = t.getRef().unsafeUpcast();
        namespaces.remove(ns);
        byLab.values().forEach(set -> set.remove(ns));
        List<ActorRef<Done>> waiting = stopWaiters.remove(ns);
        if (waiting != null) {
            waiting.forEach(r -> r.tell(new Done()));
        }
        for (Iterator<AllStop> it = allStops.iterator(); it.hasNext(); ) {
            AllStop a = it.next();
            a.remaining().remove(ns);
            if (a.remaining().isEmpty()) {
                a.replyTo().tell(new Done());
                it.remove();
            }
        }
        return this;
    }
}
