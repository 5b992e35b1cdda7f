package io.netemu.topologies.run;

import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.ExecLine;
import io.netemu.topologies.lab.Impairments;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.Macs;
import io.netemu.topologies.lab.NodeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Boots a lab (topology-format.md "Boot": namespaces, then veth pairs, then each node's sysctl
 * and exec lines, nodes concurrently) and hands over to the {@link ScenarioRunner}. Replies once
 * with the {@link RunReport}.
 */
public final class LabActor extends AbstractBehavior<LabActor.Command> {
    public sealed interface Command {}

    private record VethReply(int link, int side, NamespaceActor.VethAdded added) implements Command {}

    private record PeerAck(int link, String error) implements Command {}

    private record NodeOpDone(String node, CommandResult result) implements Command {}

    /** From the scenario runner: all steps ended. */
    record ScenarioDone(List<StepResult> results) implements Command {}

    private static final Duration BOOT_OP_TIMEOUT = Duration.ofSeconds(120);

    private final Lab lab;
    private final ActorRef<RunReport> replyTo;
    private final RunListener listener;
    private final NetClock clock;
    private final long seed;
    private final Map<String, ActorRef<NsInbound>> nodes = new HashMap<>();
    private final NamespaceActor.VethAdded[][] veths;
    private final Map<String, BootQueue> bootQueues = new HashMap<>();
    private int linksPending;
    private int nodesPending;
    private long bootStart;
    private long bootMs;

    /** A node's boot work: its sysctls then its exec lines, one at a time. */
    private static final class BootQueue {
        final List<Object> ops = new ArrayList<>();
        int next;
    }

    private LabActor(ActorContext<Command> ctx, Lab lab, RunListener listener, ActorRef<RunReport> replyTo) {
        super(ctx);
        this.lab = lab;
        this.listener = listener;
        this.replyTo = replyTo;
        this.clock = NetTime.get(ctx.getSystem()).clock();
        this.seed = lab.seed() == null ? 1L : lab.seed();
        this.veths = new NamespaceActor.VethAdded[lab.links().size()][2];
    }

    public static Behavior<Command> create(Lab lab, RunListener listener, ActorRef<RunReport> replyTo) {
        return Behaviors.setup(ctx -> new LabActor(ctx, lab, listener, replyTo).boot());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(VethReply.class, this::onVeth)
                .onMessage(PeerAck.class, this::onPeerAck)
                .onMessage(NodeOpDone.class, this::onNodeOp)
                .onMessage(ScenarioDone.class, this::onScenarioDone)
                .build();
    }

    private Behavior<Command> boot() {
        bootStart = clock.nanos();
        listener.bootStarted(lab.name(), lab.nodes().size(), lab.links().size());
        for (NodeSpec n : lab.nodes().values()) {
            long brMac = n.isBridge() ? Macs.derive(lab.name(), n.name(), "br0") : -1;
            nodes.put(n.name(), getContext().spawn(NamespaceActor.create(n.name(), mix(seed, n.name()), brMac),
                    "ns-" + n.name()));
        }
        linksPending = lab.links().size();
        for (int i = 0; i < lab.links().size(); i++) {
            LinkSpec l = lab.links().get(i);
            addVeth(i, 0, l.a(), l);
            addVeth(i, 1, l.b(), l);
        }
        if (linksPending == 0) {
            startNodeBoot();
        }
        return this;
    }

    private void addVeth(int link, int side, Endpoint e, LinkSpec l) {
        long mac = Macs.derive(lab.name(), e.node(), e.iface());
        NetemConfig netem = netem(l.impairments());
        long devSeed = mix(seed, e.toString());
        getContext().ask(NamespaceActor.VethAdded.class, nodes.get(e.node()), BOOT_OP_TIMEOUT,
                r -> new NamespaceActor.AddVeth(e.iface(), mac, l.mtu(), netem, devSeed, r),
                (res, ex) -> new VethReply(link, side, res != null ? res
                        : new NamespaceActor.VethAdded(e.iface(), 0, null, String.valueOf(ex))));
    }

    static NetemConfig netem(Impairments i) {
        return new NetemConfig(i.delayNanos(), i.jitterNanos(), i.lossPct(), i.rateBitsPerSec(), i.corruptPct(),
                i.duplicatePct(), NetemConfig.DEFAULT_LIMIT);
    }

    private Behavior<Command> onVeth(VethReply r) {
        if (r.added().error() != null) {
            LinkSpec l = lab.links().get(r.link());
            return fail(lab.file() + ":" + l.line() + ": link " + l + ": " + r.added().error());
        }
        veths[r.link()][r.side()] = r.added();
        NamespaceActor.VethAdded a = veths[r.link()][0];
        NamespaceActor.VethAdded b = veths[r.link()][1];
        if (a != null && b != null) {
            LinkSpec l = lab.links().get(r.link());
            connect(r.link(), l.a(), a, b, l.b().node());
            connect(r.link(), l.b(), b, a, l.a().node());
        }
        return this;
    }

    private void connect(int link, Endpoint e, NamespaceActor.VethAdded self, NamespaceActor.VethAdded peer, String peerNs) {
        getContext().ask(NamespaceActor.Ack.class, nodes.get(e.node()), BOOT_OP_TIMEOUT,
                r -> new NamespaceActor.ConnectPeer(self.ifname(), peer.device(), peer.ifindex(), peerNs, r),
                (res, ex) -> new PeerAck(link, res != null ? res.error() : String.valueOf(ex)));
    }

    private int peerAcks;

    private Behavior<Command> onPeerAck(PeerAck a) {
        if (a.error() != null) {
            return fail("link " + lab.links().get(a.link()) + ": " + a.error());
        }
        if (++peerAcks == 2 * lab.links().size()) {
            startNodeBoot();
        }
        return this;
    }

    private void startNodeBoot() {
        nodesPending = lab.nodes().size();
        for (NodeSpec n : lab.nodes().values()) {
            BootQueue q = new BootQueue();
            n.sysctl().forEach((k, v) -> q.ops.add(Map.entry(k, v)));
            q.ops.addAll(n.exec());
            bootQueues.put(n.name(), q);
            nextOp(n.name());
        }
        if (nodesPending == 0) {
            bootDone();
        }
    }

    private void nextOp(String node) {
        BootQueue q = bootQueues.get(node);
        if (q.next >= q.ops.size()) {
            listener.nodeBooted(node, lab.nodes().size() - nodesPending + 1, lab.nodes().size());
            if (--nodesPending == 0) {
                bootDone();
            }
            return;
        }
        Object op = q.ops.get(q.next);
        ActorRef<NsInbound> ns = nodes.get(node);
        if (op instanceof ExecLine line) {
            getContext().ask(CommandResult.class, ns, BOOT_OP_TIMEOUT, r -> new NamespaceActor.Exec(line.command(), r),
                    (res, ex) -> new NodeOpDone(node, res != null ? res : new CommandResult(124, "", "timed out\n")));
        } else {
            @SuppressWarnings("unchecked")
            Map.Entry<String, String> kv = (Map.Entry<String, String>) op;
            getContext().ask(CommandResult.class, ns, BOOT_OP_TIMEOUT, r -> new NamespaceActor.SetSysctl(kv.getKey(), kv.getValue(), r),
                    (res, ex) -> new NodeOpDone(node, res != null ? res : new CommandResult(124, "", "timed out\n")));
        }
    }

    private Behavior<Command> onNodeOp(NodeOpDone d) {
        BootQueue q = bootQueues.get(d.node());
        Object op = q.ops.get(q.next);
        CommandResult r = d.result();
        if (r.exit() != 0) {
            NodeSpec n = lab.nodes().get(d.node());
            String stderr = r.stderr().strip();
            if (op instanceof ExecLine line) {
                int k = n.exec().indexOf(line) + 1;
                return fail(lab.file() + ":" + line.line() + ": node " + d.node() + ": exec line " + k + " '"
                        + line.command() + "' failed (exit " + r.exit() + "): " + stderr);
            }
            return fail(lab.file() + ":" + n.line() + ": node " + d.node() + ": sysctl "
                    + ((Map.Entry<?, ?>) op).getKey() + " failed: " + stderr);
        }
        q.next++;
        nextOp(d.node());
        return this;
    }

    private void bootDone() {
        bootMs = (clock.nanos() - bootStart) / 1_000_000;
        listener.bootEnded(bootMs);
        getContext().spawn(ScenarioRunner.create(lab, nodes, listener, getContext().getSelf()), "scenario");
    }

    private Behavior<Command> onScenarioDone(ScenarioDone d) {
        boolean ok = d.results().stream().allMatch(r -> r.expectOk() == null || r.expectOk());
        replyTo.tell(new RunReport(lab.name(), bootMs, d.results(), ok, null));
        return Behaviors.stopped();
    }

    private Behavior<Command> fail(String error) {
        replyTo.tell(new RunReport(lab.name(), (clock.nanos() - bootStart) / 1_000_000, List.of(), false, error));
        return Behaviors.stopped();
    }

    /** A per-node or per-device seed from the lab's seed, stable across runs. */
    static long mix(long seed, String name) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001B3L;
        }
        return h ^ (h >>> 31);
    }
}
