package io.netemu.node.ns;

import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.NetnsOp;
import io.netemu.node.shell.Shell;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Carries out one command's {@link NetnsOp}s in order, in its namespace actor, one awaited
 * answer at a time (the directory's, another namespace's); the command's output and exit
 * status grow with each, and the first failure ends it. Commands after it wait, as the next
 * line of a shell script waits for this one.
 */
final class NetnsOpRun {
    private static final Duration ASK = Duration.ofSeconds(60);
    /** A command run in another namespace ends when it ends (its own step's timeout kills it). */
    private static final Duration EXEC_ASK = Duration.ofDays(20); // the scheduler's limit is 24.8 days

    /** {@code ip -all netns exec}: one namespace's run, headed by its name. */
    private record ExecIn(String name, ActorRef<NsInbound> target, List<String> argv) {}

    private final NamespaceBehavior owner;
    private final NetNs ns;
    private final long id;
    private final ActorRef<CommandResult> replyTo;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final Deque<Object> todo;
    private Object current;
    /** For the running op: namespaces resolved so far, for a veth pair's ends. */
    private final List<ActorRef<NsInbound>> resolved = new ArrayList<>(2);
    private VethPairBuild veth;
    private ActorRef<NsInbound> nestedTarget;
    private ActorRef<CommandResult> nestedReply;

    NetnsOpRun(NamespaceBehavior owner, long id, ActorRef<CommandResult> replyTo, CommandResult first, List<NetnsOp> ops) {
        this.owner = owner;
        this.ns = owner.ns();
        this.id = id;
        this.replyTo = replyTo;
        this.todo = new ArrayDeque<>(ops);
        out.append(first.stdout());
        err.append(first.stderr());
    }

    long id() { return id; }

    ActorRef<CommandResult> replyTo() { return replyTo; }

    /** The next op, or the command's answer when none is left. */
    void next() {
        current = todo.poll();
        resolved.clear();
        if (current == null) {
            owner.opsDone(this, new CommandResult(0, out.toString(), err.toString()));
            return;
        }
        if (owner.directory() == null) {
            fail(CommandResult.fail(2, "netemu: this namespace has no namespace directory (not part of a lab)"));
            return;
        }
        switch (current) {
            case NetnsOp.Add a -> ask(new DirRequest.Create(a.name()));
            case NetnsOp.Delete d -> ask(d.name() == null ? new DirRequest.All() : new DirRequest.Delete(d.name()));
            case NetnsOp.ListNames l -> ask(new DirRequest.All());
            case NetnsOp.Identify i -> ask(new DirRequest.All());
            case NetnsOp.ExecAll e -> ask(new DirRequest.All());
            case NetnsOp.Pids p -> ask(new DirRequest.Resolve(p.name()));
            case NetnsOp.Exec e -> ask(new DirRequest.Resolve(e.name()));
            case NetnsOp.LinkMove m -> ask(new DirRequest.Resolve(m.target()));
            case NetnsOp.VethAdd v -> resolveVethEnds(v);
            case NetnsOp.VethDelete v -> deleteVeth(v);
            case ExecIn e -> execIn(e.target(), e.argv());
            default -> throw new IllegalStateException("unknown op " + current);
        }
    }

    /** A request to the directory, in this run's words. */
    private sealed interface DirRequest {
        record Create(String name) implements DirRequest {}
        record Delete(String name) implements DirRequest {}
        record Resolve(String name) implements DirRequest {}
        record All() implements DirRequest {}
    }

    private void ask(DirRequest r) {
        String creator = ns.name();
        owner.context().ask(NetnsDirectory.Reply.class, owner.directory(), ASK, ref -> switch (r) {
                    case DirRequest.Create c -> new NetnsDirectory.Create(c.name(), creator, ref);
                    case DirRequest.Delete d -> new NetnsDirectory.Delete(d.name(), ref);
                    case DirRequest.Resolve s -> new NetnsDirectory.Resolve(s.name(), ref);
                    case DirRequest.All a -> new NetnsDirectory.ListAll(ref);
                }, (reply, ex) -> new NamespaceActor.DirAnswer(id, reply != null ? reply
                        : NetnsDirectory.Reply.fail("netemu: the namespace directory did not answer: " + ex)));
    }

    void onDirectory(NetnsDirectory.Reply r) {
        ActorRef<NsInbound> self = owner.context().getSelf();
        switch (current) {
            case NetnsOp.Add a -> { if (r.error() != null) fail(a.exists()); else next(); }
            case NetnsOp.Delete d when d.name() == null -> {
                for (NetnsDirectory.Entry e : r.entries().reversed()) {
                    todo.addFirst(new NetnsOp.Delete(e.name()));
                }
                next();
            }
            case NetnsOp.Delete d -> { if (r.error() != null) fail(d.missing(d.name())); else next(); }
            case NetnsOp.ListNames l -> append(l.render().apply(names(r.entries(), null)));
            case NetnsOp.Identify i -> append(i.render().apply(names(r.entries(), self)));
            case NetnsOp.ExecAll e -> {
                for (NetnsDirectory.Entry x : r.entries().reversed()) {
                    todo.addFirst(new ExecIn(x.name(), x.ns(), e.argv()));
                }
                next();
            }
            case NetnsOp.Pids p -> { if (r.ns() == null) fail(p.missing(p.name())); else next(); }
            case NetnsOp.Exec e -> {
                if (r.ns() == null) {
                    fail(e.missing(e.name()));
                } else {
                    execIn(r.ns(), e.argv());
                }
            }
            case NetnsOp.LinkMove m -> {
                if (r.ns() == null) {
                    fail(m.missing(m.target()));
                } else {
                    move(m, r.ns());
                }
            }
            case NetnsOp.VethAdd v -> {
                String name = resolved.isEmpty() && v.dev().netns() != null ? v.dev().netns() : v.peer().netns();
                if (r.ns() == null) {
                    fail(v.missing(name));
                    return;
                }
                resolved.add(r.ns());
                resolveVethEnds(v);
            }
            default -> throw new IllegalStateException("no directory answer expected for " + current);
        }
    }

    private static List<String> names(List<NetnsDirectory.Entry> entries, ActorRef<NsInbound> only) {
        List<String> out = new ArrayList<>(entries.size());
        for (NetnsDirectory.Entry e : entries) {
            if (only == null || e.ns().equals(only)) {
                out.add(e.name());
            }
        }
        return out;
    }

    // ---- exec ---------------------------------------------------------------------------

    /** Runs argv in {@code target}; in this namespace itself, at once, its own ops queued first. */
    private void execIn(ActorRef<NsInbound> target, List<String> argv) {
        if (current instanceof ExecIn e) {
            out.append("\nnetns: ").append(e.name()).append('\n');
        }
        if (target.equals(owner.context().getSelf())) {
            Shell.Outcome o = owner.runOrSpawn(argv, owner.context().messageAdapter(CommandResult.class,
                    res -> new NamespaceActor.ExecAnswer(id, res)));
            if (o != null) {
                for (NetnsOp op : o.ops().reversed()) {
                    todo.addFirst(op);
                }
                onExec(o.result());
            }
            return;
        }
        nestedTarget = target;
        owner.context().ask(CommandResult.class, target, EXEC_ASK, ref -> {
            nestedReply = ref;
            return new NamespaceActor.ExecArgv(argv, ref);
        }, (res, ex) -> new NamespaceActor.ExecAnswer(id, res != null ? res
                : CommandResult.fail(2, "netemu: the namespace did not answer: " + ex)));
    }

    /**
     * The command's result in the other namespace. A program that does not exist there is
     * what {@code ip netns exec}'s execvp reports, not a shell's 127.
     */
    void onExec(CommandResult r) {
        nestedTarget = null;
        nestedReply = null;
        String prog = argv0();
        if (r.exit() == 127 && prog != null && r.stderr().equals(prog + ": command not found\n")) {
            r = CommandResult.fail(1, "exec of \"" + prog + "\" failed: No such file or directory");
        }
        if (current instanceof ExecIn) {
            out.append(r.stdout());
            err.append(r.stderr());
            next(); // ip -all netns exec goes on through every namespace
            return;
        }
        append(r);
    }

    private String argv0() {
        List<String> argv = switch (current) {
            case NetnsOp.Exec e -> e.argv();
            case ExecIn e -> e.argv();
            default -> List.of();
        };
        return argv.isEmpty() ? null : argv.get(0);
    }

    /** The step's timeout killed the command: so is what it runs in another namespace. */
    void kill() {
        if (nestedTarget != null && nestedReply != null) {
            nestedTarget.tell(new NamespaceActor.KillExec(nestedReply));
        }
    }

    // ---- moving a device ----------------------------------------------------------------

    /**
     * dev_change_net_namespace: loopback and bridges stay (NETIF_F_NETNS_LOCAL); the target
     * refuses a name it has; the device leaves closed, without addresses and routes.
     */
    private void move(NetnsOp.LinkMove m, ActorRef<NsInbound> target) {
        NetDev d = ns.devs().byName(m.dev());
        if (d == null) {
            fail(CommandResult.fail(1, "Cannot find device \"" + m.dev() + "\""));
            return;
        }
        if (target.equals(owner.context().getSelf())) {
            next(); // its own name resolved here under another name: nothing moves (the command applied the rest)
            return;
        }
        if (d.kind() == DevKind.LOOPBACK || d.kind() == DevKind.BRIDGE) {
            fail(CommandResult.fail(2, "Error: The interface netns is immutable."));
            return;
        }
        NamespaceActor.DeviceSpec spec = new NamespaceActor.DeviceSpec(m.newName() != null ? m.newName() : d.name(),
                d.kind().name(), d.mac(), d.mtu(), d.txqueuelen(), d.alias(), d.ifindex(), d.peerIfindex(),
                d.peerNetns(), Boolean.TRUE.equals(m.up()), d.promisc(), d.allmulti(), d.nic());
        adopt(target, spec, owner.devices().get(d.ifindex()));
    }

    private void adopt(ActorRef<NsInbound> target, NamespaceActor.DeviceSpec spec, ActorRef<NetDevice.Command> device) {
        owner.context().ask(NamespaceActor.Adopted.class, target, ASK,
                ref -> new NamespaceActor.AdoptDevice(spec, device, ref),
                (a, ex) -> new NamespaceActor.AdoptAnswer(id, a != null ? a
                        : new NamespaceActor.Adopted(spec.name(), 0, null, "netemu: the namespace did not answer: " + ex)));
    }

    void onAdopted(NamespaceActor.Adopted a) {
        if (current instanceof NetnsOp.VethAdd) {
            veth.onAdopted(a);
            return;
        }
        if (a.error() != null) {
            fail(CommandResult.fail(2, a.error()));
            return;
        }
        NetnsOp.LinkMove m = (NetnsOp.LinkMove) current;
        NetDev d = ns.devs().byName(m.dev());
        if (d != null) {
            owner.devices().unlist(d);
        }
        owner.devices().allocNetnsId(a.netns()); // RTM_DELLINK names the device's new namespace by its id
        next();
    }

    // ---- veth pairs ---------------------------------------------------------------------

    /** Resolves each end's namespace (dev's first, then the peer's), then builds the pair. */
    private void resolveVethEnds(NetnsOp.VethAdd v) {
        boolean devRemote = v.dev().netns() != null;
        boolean peerRemote = v.peer().netns() != null;
        int needed = (devRemote ? 1 : 0) + (peerRemote ? 1 : 0);
        if (resolved.size() < needed) {
            ask(new DirRequest.Resolve(resolved.isEmpty() && devRemote ? v.dev().netns() : v.peer().netns()));
            return;
        }
        ActorRef<NsInbound> self = owner.context().getSelf();
        ActorRef<NsInbound> devNs = devRemote ? resolved.get(0) : self;
        ActorRef<NsInbound> peerNs = peerRemote ? resolved.get(needed - 1) : self;
        veth = new VethPairBuild(owner, this, v, devNs, peerNs);
        veth.start();
    }

    private void deleteVeth(NetnsOp.VethDelete v) {
        NetDev d = ns.devs().byName(v.dev());
        ActorRef<NetDevice.Command> ref = d == null ? null : owner.devices().get(d.ifindex());
        if (ref == null) {
            fail(CommandResult.fail(1, "Cannot find device \"" + v.dev() + "\""));
            return;
        }
        owner.devices().unlist(d);
        ref.tell(new NetDevice.Destroy(owner.context().getSelf(), id));
    }

    void onVethGone(long token) {
        if (token == id && current instanceof NetnsOp.VethDelete) {
            next();
        }
    }

    /** The pair is built (or refused, with the kernel's answer). */
    void vethDone(String error) {
        veth = null;
        if (error != null) {
            fail(CommandResult.fail(2, error));
        } else {
            next();
        }
    }

    // ---- results ------------------------------------------------------------------------

    private void append(CommandResult r) {
        out.append(r.stdout());
        err.append(r.stderr());
        if (r.exit() != 0) {
            owner.opsDone(this, new CommandResult(r.exit(), out.toString(), err.toString()));
        } else {
            next();
        }
    }

    private void fail(CommandResult r) {
        append(r.exit() == 0 ? new CommandResult(1, r.stdout(), r.stderr()) : r);
    }
}
