package io.netemu.topologies.run;

import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.ExecLine;
import io.netemu.topologies.lab.Impairments;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.Macs;
import io.netemu.topologies.lab.NodeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Booting some nodes of a lab (all of them at the start, one on a restart), in the lab actor's
 * context: create their veth ends, join every link whose two ends exist (a link set down stays
 * down), then run each node's sysctls and exec lines in order, nodes concurrently. Reports the
 * first failure in the words of topology-format.md, or null when done.
 */
final class BootJob {
    private final LabActor lab;
    private final ActorContext<LabActor.Command> ctx;
    private final int id;
    private final Set<String> nodes;
    private final RunListener listener;
    private final Consumer<String> done;
    private final long seed;
    private final Map<String, List<Object>> ops = new HashMap<>();
    private final Map<String, Integer> next = new HashMap<>();
    private int pendingEnds;
    private int pendingAcks;
    private int pendingNodes;
    private boolean linksDone;
    private boolean finished;

    BootJob(LabActor lab, ActorContext<LabActor.Command> ctx, int id, Set<String> nodes, RunListener listener,
            Consumer<String> done, long seed) {
        this.lab = lab;
        this.ctx = ctx;
        this.id = id;
        this.nodes = nodes;
        this.listener = listener;
        this.done = done;
        this.seed = seed;
    }

    void start() {
        List<LinkSpec> links = lab.lab.links();
        for (int i = 0; i < links.size(); i++) {
            LinkSpec l = links.get(i);
            // veth_newlink registers the peer first: a cable within one node numbers its second end first
            boolean loop = l.a().node().equals(l.b().node());
            for (int k = 0; k < 2; k++) {
                int side = loop ? 1 - k : k;
                Endpoint e = side == 0 ? l.a() : l.b();
                if (nodes.contains(e.node())) {
                    pendingEnds++;
                    addVeth(i, side, e, l);
                }
            }
        }
        check();
    }

    private void addVeth(int link, int side, Endpoint e, LinkSpec l) {
        long mac = Macs.derive(lab.lab.name(), e.node(), e.iface());
        NetemConfig netem = netem(l.impairments());
        long devSeed = LabActor.mix(seed, e + "#" + lab.incarnation(e.node()));
        ctx.ask(NamespaceActor.VethAdded.class, lab.nodes.get(e.node()), LabActor.BOOT_OP_TIMEOUT,
                r -> new NamespaceActor.AddVeth(e.iface(), mac, l.mtu(), netem, devSeed, r),
                (res, ex) -> new LabActor.VethReply(id, link, side, res != null ? res
                        : new NamespaceActor.VethAdded(e.iface(), 0, null, String.valueOf(ex))));
    }

    static NetemConfig netem(Impairments i) {
        return new NetemConfig(i.delayNanos(), i.jitterNanos(), i.lossPct(), i.rateBitsPerSec(), i.corruptPct(),
                i.duplicatePct(), NetemConfig.DEFAULT_LIMIT);
    }

    void onVeth(LabActor.VethReply r) {
        LinkSpec l = lab.lab.links().get(r.link());
        if (r.added().error() != null) {
            finish(lab.lab.file() + ":" + l.line() + ": link " + l + ": " + r.added().error());
            return;
        }
        lab.ends[r.link()][r.side()] = r.added();
        lab.captures.tap(r.side() == 0 ? l.a() : l.b(), r.added().device());
        pendingEnds--;
        NamespaceActor.VethAdded a = lab.ends[r.link()][0];
        NamespaceActor.VethAdded b = lab.ends[r.link()][1];
        if (a != null && b != null) {
            boolean down = lab.downLinks.contains(r.link());
            connect(l.a(), a, b, l.b().node(), down);
            connect(l.b(), b, a, l.a().node(), down);
        }
        check();
    }

    private void connect(Endpoint e, NamespaceActor.VethAdded self, NamespaceActor.VethAdded peer, String peerNs, boolean down) {
        ActorRef<NsInbound> ns = lab.nodes.get(e.node());
        if (down) {
            pendingAcks++;
            ctx.ask(NamespaceActor.Ack.class, ns, LabActor.BOOT_OP_TIMEOUT, r -> new NamespaceActor.SetCable(e.iface(), false, r),
                    (res, ex) -> new LabActor.Acked(id, res != null ? res.error() : String.valueOf(ex)));
        }
        pendingAcks++;
        ctx.ask(NamespaceActor.Ack.class, ns, LabActor.BOOT_OP_TIMEOUT,
                r -> new NamespaceActor.ConnectPeer(self.ifname(), peer.device(), peer.ifindex(), peerNs, r),
                (res, ex) -> new LabActor.Acked(id, res != null ? res.error() : String.valueOf(ex)));
    }

    void onAck(String error) {
        if (error != null) {
            finish("link setup failed: " + error);
            return;
        }
        pendingAcks--;
        check();
    }

    private void check() {
        if (finished || linksDone || pendingEnds > 0 || pendingAcks > 0) {
            return;
        }
        linksDone = true;
        pendingNodes = nodes.size();
        for (String n : nodes) {
            NodeSpec spec = lab.lab.nodes().get(n);
            List<Object> q = new ArrayList<>();
            spec.sysctl().forEach((k, v) -> q.add(Map.entry(k, v)));
            q.addAll(spec.exec());
            if (lab.routes != null) {
                lab.routes.commands(n).forEach(c -> q.add(new RouteCommand(c)));
            }
            ops.put(n, q);
            next.put(n, 0);
            nextOp(n);
        }
    }

    private void nextOp(String node) {
        if (finished) {
            return;
        }
        List<Object> q = ops.get(node);
        int i = next.get(node);
        if (i >= q.size()) {
            if (listener != null) {
                listener.nodeBooted(node, nodes.size() - pendingNodes + 1, nodes.size());
            }
            if (--pendingNodes == 0) {
                finish(null);
            }
            return;
        }
        Object op = q.get(i);
        ActorRef<NsInbound> ns = lab.nodes.get(node);
        int inc = lab.incarnation(node);
        if (ns == null) {
            finish("node " + node + " crashed during its boot");
            return;
        }
        ctx.ask(CommandResult.class, ns, LabActor.BOOT_OP_TIMEOUT, r -> op instanceof ExecLine line
                        ? new NamespaceActor.Exec(line.command(), r)
                        : op instanceof RouteCommand rc ? new NamespaceActor.Exec(rc.command(), r)
                        : new NamespaceActor.SetSysctl(key(op), value(op), r),
                (res, ex) -> new LabActor.NodeOpDone(id, node, inc, res != null ? res : new CommandResult(124, "", "timed out\n")));
    }

    /** A route of {@code routing: shortest-path}, run after the node's exec lines. */
    private record RouteCommand(String command) {}

    @SuppressWarnings("unchecked")
    private static String key(Object op) { return ((Map.Entry<String, String>) op).getKey(); }

    @SuppressWarnings("unchecked")
    private static String value(Object op) { return ((Map.Entry<String, String>) op).getValue(); }

    void onNodeOp(LabActor.NodeOpDone d) {
        if (finished || lab.incarnation(d.node()) != d.incarnation()) {
            return;
        }
        List<Object> q = ops.get(d.node());
        int i = next.get(d.node());
        Object op = q.get(i);
        CommandResult r = d.result();
        if (r.exit() != 0) {
            NodeSpec n = lab.lab.nodes().get(d.node());
            String stderr = r.stderr().strip();
            if (op instanceof ExecLine line) {
                finish(lab.lab.file() + ":" + line.line() + ": node " + d.node() + ": exec line " + (n.exec().indexOf(line) + 1)
                        + " '" + line.command() + "' failed (exit " + r.exit() + "): " + stderr);
            } else if (op instanceof RouteCommand rc) {
                finish(lab.lab.file() + ":" + n.line() + ": node " + d.node() + ": routing: shortest-path route '"
                        + rc.command() + "' failed (exit " + r.exit() + "): " + stderr);
            } else {
                finish(lab.lab.file() + ":" + n.line() + ": node " + d.node() + ": sysctl " + key(op) + " failed: " + stderr);
            }
            return;
        }
        next.put(d.node(), i + 1);
        nextOp(d.node());
    }

    private void finish(String error) {
        if (!finished) {
            finished = true;
            done.accept(error);
        }
    }
}
