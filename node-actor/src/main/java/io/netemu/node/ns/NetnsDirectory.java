package io.netemu.node.ns;

import io.netemu.device.NsInbound;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The lab's namespace names: Linux's {@code /run/netns}. Lab nodes are registered under their
 * names; {@code ip netns add} creates namespaces here, as children of this actor, so they outlive
 * the node that made them (as on Linux, where a namespace is independent of the shell that
 * made it) unless the lab asks otherwise ({@link NodeCrashed}). Names list newest first, as
 * {@code ls /run/netns} on a tmpfs does.
 */
public final class NetnsDirectory {
    private NetnsDirectory() {}

    public sealed interface Command {}

    /** A lab node's namespace, under its node name (at boot and on each restart). */
    public record Register(String name, ActorRef<NsInbound> ns) implements Command {}

    /** A lab node crashed: its name goes; {@code deleteCreated}: so do the namespaces it created, deleted. */
    public record NodeCrashed(String name, boolean deleteCreated) implements Command {}

    /** {@code ip netns add NAME}, run in namespace {@code creator}. */
    public record Create(String name, String creator, ActorRef<Reply> replyTo) implements Command {}

    /** {@code ip netns del NAME}: answered once its veths and their peers are gone. */
    public record Delete(String name, ActorRef<Reply> replyTo) implements Command {}

    /** Which namespace has this name (null in the reply if none). */
    public record Resolve(String name, ActorRef<Reply> replyTo) implements Command {}

    /** Every name, newest first: the order a tmpfs /run/netns lists them in (readdir). */
    public record ListAll(ActorRef<Reply> replyTo) implements Command {}

    /**
     * Frames an XDP program redirected to device {@code ifindex} of namespace {@code name}
     * (bpf_redirect_map through a devmap entry written there): handed on to that namespace, or
     * reported back to {@code from} as failed when the name is gone.
     */
    public record XdpForward(String name, int ifindex, List<io.netemu.packet.SkBuff> frames,
                             io.netemu.device.xdp.XdpSource from) implements Command {}

    /** The answer: {@code error} is null on success; {@code ns} for Create/Resolve; {@code entries} for ListAll. */
    public record Reply(String error, ActorRef<NsInbound> ns, List<Entry> entries) {
        static Reply ok(ActorRef<NsInbound> ns) { return new Reply(null, ns, List.of()); }
        static Reply fail(String error) { return new Reply(error, null, List.of()); }
    }

    /** A name: its namespace, the namespace that created it (null for a lab node), whether it is a lab node. */
    public record Entry(String name, ActorRef<NsInbound> ns, String createdBy, boolean labNode) {}

    /** A namespace being deleted has destroyed its devices and stopped. */
    private record Destroyed(String name, ActorRef<Reply> replyTo) implements Command {}

    /** {@code seed}: the lab's, from which each new namespace's own is derived. */
    public static Behavior<Command> create(long seed) {
        return Behaviors.setup(ctx -> new NetnsDirectory.State(ctx, seed).behavior());
    }

    private static final class State {
        private final ActorContext<Command> ctx;
        private final long seed;
        private final Map<String, Entry> names = new LinkedHashMap<>();
        private int spawned;

        State(ActorContext<Command> ctx, long seed) {
            this.ctx = ctx;
            this.seed = seed;
        }

        Behavior<Command> behavior() {
            return Behaviors.receive(Command.class)
                    .onMessage(Register.class, m -> {
                        names.put(m.name(), new Entry(m.name(), m.ns(), null, true));
                        return Behaviors.same();
                    })
                    .onMessage(NodeCrashed.class, this::onNodeCrashed)
                    .onMessage(Create.class, this::onCreate)
                    .onMessage(Delete.class, this::onDelete)
                    .onMessage(Resolve.class, m -> {
                        Entry e = names.get(m.name());
                        m.replyTo().tell(Reply.ok(e == null ? null : e.ns()));
                        return Behaviors.same();
                    })
                    .onMessage(XdpForward.class, m -> {
                        Entry e = names.get(m.name());
                        if (e == null) {
                            m.from().netns().tell(new io.netemu.device.DeviceEvent.XdpRedirectFailed(m.from().ifindex(),
                                    m.from().queue(), m.ifindex(), m.frames().size(), XdpRedirects.ENODEV));
                        } else {
                            e.ns().tell(new NamespaceActor.XdpXmitTo(m.ifindex(), m.frames(), m.from()));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(ListAll.class, m -> {
                        m.replyTo().tell(new Reply(null, null, List.copyOf(names.values()).reversed()));
                        return Behaviors.same();
                    })
                    .onMessage(Destroyed.class, m -> {
                        gone(m.name());
                        m.replyTo().tell(Reply.ok(null));
                        return Behaviors.same();
                    })
                    .onSignal(Terminated.class, t -> {
                        for (Entry e : List.copyOf(names.values())) {
                            if (!e.labNode() && e.ns().equals(t.getRef())) {
                                names.remove(e.name());
                                gone(e.name());
                            }
                        }
                        return Behaviors.same();
                    })
                    .build();
        }

        /** Every namespace frees the id it gave the one that is gone (net_drop_ns). */
        private void gone(String name) {
            for (Entry e : names.values()) {
                e.ns().tell(new NamespaceActor.NetnsGone(name));
            }
        }

        private Behavior<Command> onCreate(Create m) {
            if (names.containsKey(m.name())) {
                m.replyTo().tell(Reply.fail("exists"));
                return Behaviors.same();
            }
            long nsSeed = seed * 0x9E3779B97F4A7C15L ^ m.name().hashCode();
            ActorRef<NsInbound> ns = ctx.spawn(NamespaceActor.createFresh(m.name(), nsSeed, ctx.getSelf()),
                    "netns-" + URLEncoder.encode(m.name(), StandardCharsets.UTF_8) + "-" + (++spawned));
            ctx.watch(ns);
            names.put(m.name(), new Entry(m.name(), ns, m.creator(), false));
            m.replyTo().tell(Reply.ok(ns));
            return Behaviors.same();
        }

        /**
         * The name goes at once (umount of /run/netns/NAME). A namespace made here is then
         * destroyed, its veths taking their peers with them; a lab node's namespace lives on,
         * nameless, as a namespace with processes in it does on Linux.
         */
        private Behavior<Command> onDelete(Delete m) {
            Entry e = names.remove(m.name());
            if (e == null) {
                m.replyTo().tell(Reply.fail("missing"));
            } else if (e.labNode()) {
                m.replyTo().tell(Reply.ok(null));
            } else {
                destroy(e, m.replyTo());
            }
            return Behaviors.same();
        }

        private void destroy(Entry e, ActorRef<Reply> replyTo) {
            ctx.ask(NamespaceActor.Ack.class, e.ns(), java.time.Duration.ofSeconds(60),
                    r -> new NamespaceActor.Destroy(r), (ok, ex) -> new Destroyed(e.name(), replyTo));
        }

        /** The crashed node's name goes; the namespaces it created (and theirs) go too if the lab says so. */
        private Behavior<Command> onNodeCrashed(NodeCrashed m) {
            Entry node = names.get(m.name());
            if (node != null && node.labNode()) {
                names.remove(m.name());
                gone(m.name());
            }
            if (m.deleteCreated()) {
                List<String> doomed = new ArrayList<>(List.of(m.name()));
                for (int i = 0; i < doomed.size(); i++) {
                    String creator = doomed.get(i);
                    for (Entry e : List.copyOf(names.values())) {
                        if (creator.equals(e.createdBy()) && !e.labNode()) {
                            doomed.add(e.name());
                            names.remove(e.name());
                            destroy(e, ctx.getSystem().ignoreRef());
                        }
                    }
                }
            }
            return Behaviors.same();
        }
    }
}
