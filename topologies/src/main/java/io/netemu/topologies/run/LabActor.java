package io.netemu.topologies.run;

import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.ns.NetnsDirectory;
import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.Macs;
import io.netemu.topologies.lab.NodeSpec;
import io.netemu.topologies.report.Sampler;
import io.netemu.topologies.report.Telemetry;
import io.netemu.topologies.routing.ShortestPathRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The running lab: its namespaces and the veth pairs between them (topology-format.md "Boot"),
 * and the operations scenario steps need — run a command on a node, cut or restore a cable,
 * crash or restart a node. Boot work is done by {@link BootJob}s: all nodes at the start, one
 * node on each restart. Replies once with the {@link RunReport}.
 */
public final class LabActor extends AbstractBehavior<LabActor.Command> {
    public sealed interface Command {}

    /** Runs a command on a node (a scenario step); answers 255 if the node is down, 137 if it crashes meanwhile. */
    public record RunOn(String node, String line, long timeoutNanos, ActorRef<CommandResult> replyTo) implements Command {}

    /** Cuts ({@code up=false}) or restores the cable of the link with this endpoint. */
    public record SetLink(Endpoint endpoint, boolean up, ActorRef<CommandResult> replyTo) implements Command {}

    /** Crashes a node: its namespace and all its state vanish; its peers lose carrier. */
    public record Crash(String node, ActorRef<CommandResult> replyTo) implements Command {}

    /** Boots a crashed node again from the lab file (a running one is crashed first). */
    public record Restart(String node, ActorRef<CommandResult> replyTo) implements Command {}

    record VethReply(int job, int link, int side, NamespaceActor.VethAdded added) implements Command {}

    record Acked(int job, String error) implements Command {}

    record NodeOpDone(int job, String node, int incarnation, CommandResult result) implements Command {}

    record RunReply(long id, CommandResult result, boolean timedOut) implements Command {}

    /** From an interactive session ({@code netemu console}): end the run; the report follows as after a scenario. */
    public record Finish() implements Command {}

    /** A scenario's {@code member: NAME, action: kill} or {@code members: [..], action: partition|heal}. */
    public record MemberFault(List<String> members, String action, ActorRef<CommandResult> replyTo) implements Command {}

    /** A member created (or failed to create) a node's namespace. */
    record NodeSpawned(String node, int incarnation, ActorRef<NsInbound> ns, String error) implements Command {}

    /** A node's namespace on another member stopped. */
    record NsTerminated(String node, ActorRef<NsInbound> ns) implements Command {}

    record KillTimeout(String member) implements Command {}

    record CutDone(int job, String error) implements Command {}

    record ClusterStat(String member, io.netemu.cluster.link.MemberLinks.Stats stats) implements Command {}

    /** From the scenario runner: all steps ended. */
    record ScenarioDone(List<StepResult> results) implements Command {}

    /** A capture file is closed at the end of the run. */
    record CaptureClosed(io.netemu.device.capture.CaptureFile.Closed closed) implements Command {}

    /** From the sampler: which link ends exist now ({@code 2 * link + side}). */
    public record ListDevices(ActorRef<Sampler.Devices> replyTo) implements Command {}

    /** The sampler stopped at the end of the scenario: its counters, then the namespaces are listed. */
    record Sampled(List<StepResult> results, Telemetry telemetry) implements Command {}

    /** The namespaces at the end, for the report. */
    record NamespacesListed(List<StepResult> results, List<RunReport.Namespace> namespaces) implements Command {}

    static final Duration BOOT_OP_TIMEOUT = Duration.ofSeconds(120);

    final Lab lab;
    /** {@code routing: shortest-path}: the routes every boot adds after the node's exec lines; else null. */
    final ShortestPathRoutes routes;
    final NetClock clock;
    private final RunListener listener;
    private final ActorRef<RunReport> replyTo;
    private final long seed;
    final Map<String, ActorRef<NsInbound>> nodes = new HashMap<>();
    /** The lab's /run/netns: node names and the namespaces commands create. */
    private final ActorRef<NetnsDirectory.Command> directory;
    private final Map<String, Integer> incarnation = new HashMap<>();
    /** The veth end of each link side, while its node is up. */
    final NamespaceActor.VethAdded[][] ends;
    final Set<Integer> downLinks = new HashSet<>();
    private final Map<Integer, BootJob> jobs = new HashMap<>();
    private final LabRuns runs;
    private int nextJob;
    private long bootStart;
    private long bootMs;
    private boolean failed;
    /** The lab's whole-run captures ({@code capture:}, {@code --capture}). */
    final LabCaptures captures;
    /** The report, held back while the capture files close. */
    private RunReport finalReport;
    /** {@code netemu console}: the lab stays up after its scenario (if it runs one) until {@link Finish}. */
    private final boolean interactive;
    private final boolean runScenario;
    private List<StepResult> scenarioResults = List.of();
    /** Samples counters while the scenario runs ({@code netemu.report.sample-interval}); null when off. */
    private ActorRef<Sampler.Command> sampler;
    private Telemetry telemetry;
    /** The lab's dealings with cluster members; null when the whole lab lives in this JVM. */
    private final ClusterNodes cluster;
    private ClusterReport clusterReport;
    private NamespacesListed listed;
    /** Nodes waiting for their member to create their namespace: node → what to do then. */
    private final Map<String, java.util.function.Consumer<String>> spawning = new HashMap<>();

    private LabActor(ActorContext<Command> ctx, Lab lab, RunListener listener, ActorRef<RunReport> replyTo,
                     boolean interactive, boolean runScenario, ClusterPlan plan) {
        super(ctx);
        this.interactive = interactive;
        this.runScenario = runScenario;
        this.runs = new LabRuns(this, ctx);
        this.lab = lab;
        this.listener = listener;
        this.replyTo = replyTo;
        this.clock = NetTime.get(ctx.getSystem()).clock();
        // the report counts a member's loss, like the scenario's steps, from the end of boot
        this.cluster = plan == null ? null : new ClusterNodes(plan, ctx, () -> (clock.nanos() - bootStart) / 1_000_000 - bootMs);
        this.seed = lab.seed() == null ? 1L : lab.seed();
        this.ends = new NamespaceActor.VethAdded[lab.links().size()][2];
        this.directory = ctx.spawn(NetnsDirectory.create(seed), "netns");
        this.captures = new LabCaptures(ctx, lab);
        if (Lab.ROUTING_SHORTEST_PATH.equals(lab.routing())) {
            routes = ShortestPathRoutes.compute(lab);
            ctx.getLog().info("routing: shortest-path: {} routes computed in {} ms ({} forwarders; {} nodes route themselves)",
                    routes.routeCount(), routes.computeNanos() / 1_000_000, routes.forwarders(), routes.selfRouted());
            listener.routesComputed(routes.routeCount(), routes.computeNanos() / 1_000_000);
        } else {
            routes = null;
        }
    }

    public static Behavior<Command> create(Lab lab, RunListener listener, ActorRef<RunReport> replyTo) {
        return create(lab, listener, replyTo, null);
    }

    /** A run whose nodes live on the members of {@code plan} (null: in this JVM). */
    public static Behavior<Command> create(Lab lab, RunListener listener, ActorRef<RunReport> replyTo, ClusterPlan plan) {
        return Behaviors.setup(ctx -> new LabActor(ctx, lab, listener, replyTo, false, true, plan).boot());
    }

    /** A lab that stays up for commands after its boot (and its scenario, with {@code runScenario}) until {@link Finish}. */
    public static Behavior<Command> createInteractive(Lab lab, RunListener listener, ActorRef<RunReport> replyTo,
                                                      boolean runScenario) {
        return Behaviors.setup(ctx -> new LabActor(ctx, lab, listener, replyTo, true, runScenario, null).boot());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(VethReply.class, m -> job(m.job(), j -> j.onVeth(m)))
                .onMessage(Acked.class, m -> job(m.job(), j -> j.onAck(m.error())))
                .onMessage(NodeOpDone.class, m -> job(m.job(), j -> j.onNodeOp(m)))
                .onMessage(RunOn.class, m -> { runs.start(m); return this; })
                .onMessage(RunReply.class, m -> { runs.reply(m); return this; })
                .onMessage(SetLink.class, this::onSetLink)
                .onMessage(Crash.class, m -> { m.replyTo().tell(crash(m.node())); return this; })
                .onMessage(Restart.class, this::onRestart)
                .onMessage(ScenarioDone.class, d -> interactive ? keep(d) : onScenarioDone(d))
                .onMessage(Finish.class, f -> onScenarioDone(new ScenarioDone(scenarioResults)))
                .onMessage(ListDevices.class, this::onListDevices)
                .onMessage(Sampled.class, m -> {
                    telemetry = m.telemetry();
                    return listNamespaces(m.results());
                })
                .onMessage(NamespacesListed.class, this::onNamespacesListed)
                .onMessage(CaptureClosed.class, this::onCaptureClosed)
                .onMessage(MemberFault.class, this::onMemberFault)
                .onMessage(NodeSpawned.class, this::onNodeSpawned)
                .onMessage(NsTerminated.class, this::onNsTerminated)
                .onMessage(KillTimeout.class, m -> { cluster.killTimedOut(m.member()); return this; })
                .onMessage(CutDone.class, m -> { cluster.cutDone(m.job(), m.error()); return this; })
                .onMessage(ClusterStat.class, m -> {
                    cluster.onStat(m);
                    return clusterReport != null && listed != null ? onNamespacesListed(listed) : this;
                })
                .build();
    }

    private Behavior<Command> job(int id, java.util.function.Consumer<BootJob> f) {
        BootJob j = jobs.get(id);
        if (j != null) {
            f.accept(j);
        }
        return failed ? Behaviors.stopped() : this;
    }

    private Behavior<Command> boot() {
        bootStart = clock.nanos();
        listener.bootStarted(lab.name(), lab.nodes().size(), lab.links().size());
        if (cluster != null) {
            listener.placed(cluster.placementSummary(), cluster.memberOfAll());
        }
        int[] waiting = {lab.nodes().size()};
        String[] spawnError = {null};
        for (String n : lab.nodes().keySet()) {
            spawnNode(n, error -> {
                if (error != null && spawnError[0] == null) {
                    spawnError[0] = error;
                }
                if (--waiting[0] == 0) {
                    if (spawnError[0] != null) {
                        fail(spawnError[0]);
                    } else {
                        bootNodes();
                    }
                }
            });
        }
        return failed ? Behaviors.stopped() : this;
    }

    private void bootNodes() {
        startJob(lab.nodes().keySet(), error -> {
            if (error != null) {
                fail(error);
                return;
            }
            bootMs = (clock.nanos() - bootStart) / 1_000_000;
            listener.bootEnded(bootMs);
            long interval = sampleIntervalNanos();
            if (interval > 0) {
                sampler = getContext().spawn(Sampler.create(lab, interval, clock.nanos(), getContext().getSelf(),
                        ListDevices::new), "sampler");
            }
            if (runScenario) {
                getContext().spawn(ScenarioRunner.create(lab, listener, getContext().getSelf()), "scenario");
            }
        }, true);
    }

    /**
     * Creates the node's namespace, here or on its member, then calls {@code then} with null (or
     * why it could not): at once in this JVM, when the member answers on a cluster.
     */
    private void spawnNode(String name, java.util.function.Consumer<String> then) {
        NodeSpec n = lab.nodes().get(name);
        long brMac = n.isBridge() ? Macs.derive(lab.name(), name, "br0") : -1;
        int inc = incarnation.merge(name, 1, Integer::sum);
        long nsSeed = mix(seed, name + "#" + inc);
        String actorName = "ns-" + name + (inc == 1 ? "" : "-" + inc);
        if (cluster != null) {
            spawning.put(name, then);
            cluster.spawn(name, inc, actorName, nsSeed, brMac, directory);
            return;
        }
        ActorRef<NsInbound> ns = getContext().spawn(NamespaceActor.create(name, nsSeed, brMac, directory), actorName);
        nodes.put(name, ns);
        directory.tell(new NetnsDirectory.Register(name, ns));
        then.accept(null);
    }

    private Behavior<Command> onNodeSpawned(NodeSpawned m) {
        java.util.function.Consumer<String> then = spawning.remove(m.node());
        if (then == null || m.incarnation() != incarnation(m.node())) {
            return this;
        }
        if (m.error() == null) {
            nodes.put(m.node(), m.ns());
            directory.tell(new NetnsDirectory.Register(m.node(), m.ns()));
            getContext().watchWith(m.ns(), new NsTerminated(m.node(), m.ns()));
        }
        then.accept(m.error());
        return failed ? Behaviors.stopped() : this;
    }

    /** A node's namespace on a member stopped without a crash step: the member is gone, and the node with it. */
    private Behavior<Command> onNsTerminated(NsTerminated m) {
        if (!m.ns().equals(nodes.get(m.node()))) {
            return this; // a crash step stopped it: already forgotten
        }
        forget(m.node());
        cluster.nodeLost(m.node(), nodes.keySet());
        return this;
    }

    private Behavior<Command> onMemberFault(MemberFault m) {
        if (cluster == null) {
            m.replyTo().tell(CommandResult.fail(1, "netemu: member steps need a lab on cluster members:"
                    + " run it with --members N or --cluster HOST:PORT"));
            return this;
        }
        cluster.fault(m, nodes.keySet());
        return this;
    }

    int incarnation(String node) { return incarnation.getOrDefault(node, 0); }

    private void startJob(Set<String> jobNodes, java.util.function.Consumer<String> done, boolean initial) {
        int id = nextJob++;
        BootJob j = new BootJob(this, getContext(), id, Set.copyOf(jobNodes), initial ? listener : null, error -> {
            jobs.remove(id);
            done.accept(error);
        }, seed);
        jobs.put(id, j);
        j.start();
    }

    // ---- scenario operations ----------------------------------------------------------------

    private Behavior<Command> onSetLink(SetLink m) {
        int link = linkIndex(m.endpoint());
        if (m.up()) {
            downLinks.remove(link);
        } else {
            downLinks.add(link);
        }
        // the cable is the device actors': it follows an end moved to another namespace
        for (NamespaceActor.VethAdded end : ends[link]) {
            if (end != null) {
                end.device().tell(new NetDevice.SetCable(m.up()));
            }
        }
        m.replyTo().tell(CommandResult.ok(""));
        return this;
    }

    int linkIndex(Endpoint e) {
        for (int i = 0; i < lab.links().size(); i++) {
            if (lab.links().get(i).has(e)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no link has " + e);
    }

    /**
     * The namespace and its devices stop; runs on it end with 137; peers lose carrier (each
     * device actor tells its peer as it stops, wherever the peer has moved); the namespaces the
     * node created live on unless the lab says {@code netns-on-crash: delete}.
     */
    private CommandResult crash(String node) {
        ActorRef<NsInbound> ns = nodes.get(node);
        if (ns == null) {
            return CommandResult.fail(1, "netemu: node " + node + " is already down");
        }
        if (cluster != null) {
            cluster.stop(node, ns);
        } else {
            getContext().stop(ns);
        }
        forget(node);
        return CommandResult.ok("");
    }

    /** The node is down: runs on it end with 137, its link ends are gone, its namespace leaves the directory. */
    private void forget(String node) {
        nodes.remove(node);
        runs.nodeDown(node);
        for (int i = 0; i < lab.links().size(); i++) {
            LinkSpec l = lab.links().get(i);
            for (int side = 0; side < 2; side++) {
                if ((side == 0 ? l.a() : l.b()).node().equals(node)) {
                    ends[i][side] = null;
                }
            }
        }
        directory.tell(new NetnsDirectory.NodeCrashed(node, lab.nodes().get(node).deletesNetnsOnCrash()));
    }

    private Behavior<Command> onRestart(Restart m) {
        if (nodes.containsKey(m.node())) {
            crash(m.node());
        }
        spawnNode(m.node(), spawnError -> {
            if (spawnError != null) {
                m.replyTo().tell(CommandResult.fail(1, "netemu: restart of " + m.node() + " failed: " + spawnError));
                return;
            }
            startJob(Set.of(m.node()), error -> m.replyTo().tell(error == null ? CommandResult.ok("")
                    : CommandResult.fail(1, "netemu: restart of " + m.node() + " failed: " + error)), false);
        });
        return this;
    }

    /** Interactive: the scenario's results wait for {@link Finish}. */
    private Behavior<Command> keep(ScenarioDone d) {
        scenarioResults = d.results();
        return this;
    }

    /** {@code netemu.report.sample-interval}: a duration, or off (0). */
    private long sampleIntervalNanos() {
        var config = getContext().getSystem().settings().config();
        String key = "netemu.report.sample-interval";
        if (!config.hasPath(key) || config.getString(key).equals("off")) {
            return 0;
        }
        return config.getDuration(key).toNanos();
    }

    private Behavior<Command> onListDevices(ListDevices m) {
        List<Sampler.Slot> slots = new ArrayList<>();
        for (int l = 0; l < ends.length; l++) {
            for (int side = 0; side < 2; side++) {
                if (ends[l][side] != null && ends[l][side].device() != null) {
                    slots.add(new Sampler.Slot(2 * l + side, ends[l][side].device()));
                }
            }
        }
        m.replyTo().tell(new Sampler.Devices(slots));
        return this;
    }

    private Behavior<Command> onScenarioDone(ScenarioDone d) {
        if (sampler != null) {
            getContext().ask(Telemetry.class, sampler, BOOT_OP_TIMEOUT, Sampler.Finish::new,
                    (t, ex) -> new Sampled(d.results(), t));
            return this;
        }
        return listNamespaces(d.results());
    }

    private Behavior<Command> listNamespaces(List<StepResult> results) {
        getContext().ask(NetnsDirectory.Reply.class, directory, BOOT_OP_TIMEOUT, NetnsDirectory.ListAll::new,
                (r, ex) -> new NamespacesListed(results, r == null ? List.of() : r.entries().reversed().stream()
                        .map(e -> new RunReport.Namespace(e.name(), e.labNode(), e.createdBy())).toList()));
        return this;
    }

    private Behavior<Command> onNamespacesListed(NamespacesListed d) {
        if (cluster != null && clusterReport == null) {
            listed = d;
            cluster.report(r -> clusterReport = r);
            if (clusterReport == null) {
                return this; // the members' link counters come as ClusterStat
            }
        }
        boolean ok = d.results().stream().allMatch(r -> r.expectOk() == null || r.expectOk());
        finalReport = new RunReport(lab.name(), bootMs, d.results(), ok, null, d.namespaces()).withTelemetry(telemetry)
                .withCluster(clusterReport);
        if (captures.isEmpty()) {
            replyTo.tell(finalReport);
            return Behaviors.stopped();
        }
        captures.closeAll(getContext()); // frames the taps sent before now are in the files' mailboxes first
        return this;
    }

    private Behavior<Command> onCaptureClosed(CaptureClosed m) {
        if (!captures.closed(m.closed())) {
            return this;
        }
        replyTo.tell(finalReport.withCaptures(captures.report()));
        return Behaviors.stopped();
    }

    private void fail(String error) {
        replyTo.tell(new RunReport(lab.name(), (clock.nanos() - bootStart) / 1_000_000, List.of(), false, error));
        failed = true; // the boot job's message handler returns the stopped behaviour

    }

    static String seconds(long nanos) {
        return (nanos % 1_000_000_000L == 0 ? Long.toString(nanos / 1_000_000_000L) : Double.toString(nanos / 1e9)) + "s";
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
