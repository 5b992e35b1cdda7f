package io.netemu.topologies.run;

import io.netemu.cluster.link.MemberLinks;
import io.netemu.cluster.member.MemberHost;
import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NetnsDirectory;
import io.netemu.topologies.lab.StepSpec.MemberStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The lab actor's dealings with cluster members: spawning a node's namespace on its member,
 * stopping it on a crash, noticing nodes that vanish with their member, and the member faults of
 * a scenario (kill, partition, heal). Lives in the lab actor's context, like {@link BootJob}.
 */
final class ClusterNodes {
    /** How long a killed member's nodes may take to be declared gone (failure detection and downing). */
    static final Duration KILL_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration ASK = Duration.ofSeconds(10);

    private final ClusterPlan plan;
    private final ActorContext<LabActor.Command> ctx;
    private final NetClockMs clock;
    private final Map<String, String> state = new LinkedHashMap<>();
    private final Map<String, Long> lostAt = new HashMap<>();
    private final Map<String, List<String>> lostNodes = new HashMap<>();
    private final Map<String, ActorRef<CommandResult>> pendingKills = new HashMap<>();
    private final Map<Integer, CutJob> cuts = new HashMap<>();
    private int nextCut;
    /** Names this run's namespaces on the members apart from other runs' (one ending, another starting). */
    private final String runTag = "lab-" + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 16) + "-";
    private Consumer<ClusterReport> reportDone;
    private int reportPending;
    private final Map<String, MemberLinks.Stats> reportStats = new HashMap<>();

    /** Milliseconds since the end of boot, for the report. */
    interface NetClockMs {
        long nowMs();
    }

    private static final class CutJob {
        final ActorRef<CommandResult> replyTo;
        final String summary;
        int pending;
        final List<String> errors = new ArrayList<>();

        CutJob(ActorRef<CommandResult> replyTo, String summary, int pending) {
            this.replyTo = replyTo;
            this.summary = summary;
            this.pending = pending;
        }
    }

    ClusterNodes(ClusterPlan plan, ActorContext<LabActor.Command> ctx, NetClockMs clock) {
        this.plan = plan;
        this.ctx = ctx;
        this.clock = clock;
        plan.members().forEach(m -> state.put(m.name(), "up"));
    }

    String placementSummary() {
        return plan.summary();
    }

    Map<String, String> memberOfAll() {
        return plan.memberOf();
    }

    String memberOf(String node) {
        return plan.memberOf().get(node);
    }

    /** Asks the node's member to create its namespace; the answer comes as {@link LabActor.NodeSpawned}. */
    void spawn(String node, int incarnation, String actorName, long seed, long bridgeMac,
               ActorRef<NetnsDirectory.Command> directory) {
        ClusterPlan.Member m = plan.member(memberOf(node));
        if (m == null || !"up".equals(state.get(m.name()))) {
            String why = m == null ? "no member hosts it" : "its member " + m.name() + " is " + state.get(m.name());
            ctx.getSelf().tell(new LabActor.NodeSpawned(node, incarnation, null, "node " + node + ": " + why));
            return;
        }
        ctx.ask(MemberHost.Spawned.class, m.host(), ASK,
                r -> new MemberHost.SpawnNamespace(node, runTag + actorName, seed, bridgeMac, directory, r),
                (res, ex) -> new LabActor.NodeSpawned(node, incarnation, res == null ? null : res.ns(),
                        res == null ? "member " + m.name() + " did not answer: " + ex
                                : res.error() == null ? null : "member " + m.name() + ": " + res.error()));
    }

    /** A crash: the member stops the namespace; the lab actor already forgot it. */
    void stop(String node, ActorRef<NsInbound> ns) {
        ClusterPlan.Member m = plan.member(memberOf(node));
        if (m != null && "up".equals(state.get(m.name()))) {
            m.host().tell(new MemberHost.StopNamespace(ns, ctx.getSystem().ignoreRef()));
        }
    }

    /**
     * A node's namespace stopped without the lab asking: its member is gone. Answers a waiting
     * kill once every node of the member is accounted for.
     */
    void nodeLost(String node, Set<String> liveNodes) {
        String member = memberOf(node);
        lostNodes.computeIfAbsent(member, k -> new ArrayList<>()).add(node);
        if ("up".equals(state.get(member))) {
            state.put(member, "lost");
            lostAt.put(member, clock.nowMs());
        }
        ActorRef<CommandResult> waiting = pendingKills.get(member);
        if (waiting != null && liveNodes.stream().noneMatch(n -> member.equals(memberOf(n)))) {
            pendingKills.remove(member);
            waiting.tell(CommandResult.ok("member " + member + " killed; nodes lost with it: "
                    + String.join(", ", lostNodes.get(member)) + "\n"));
        }
    }

    /** A kill that waited too long for the cluster to notice. */
    void killTimedOut(String member) {
        ActorRef<CommandResult> waiting = pendingKills.remove(member);
        if (waiting != null) {
            waiting.tell(CommandResult.fail(1, "netemu: member " + member + " was killed but its nodes were not declared"
                    + " gone within " + KILL_TIMEOUT.toSeconds() + "s (failure detection and downing: see cluster-config's"
                    + " netemu-cluster.conf)"));
        }
    }

    void fault(LabActor.MemberFault m, Set<String> liveNodes) {
        for (String name : m.members()) {
            if (plan.member(name) == null) {
                m.replyTo().tell(CommandResult.fail(1, "netemu: no member " + name + " in the cluster (members: "
                        + String.join(", ", state.keySet()) + ")"));
                return;
            }
        }
        switch (m.action()) {
            case MemberStep.KILL -> kill(m.members().get(0), m.replyTo(), liveNodes);
            case MemberStep.PARTITION -> cut(Set.copyOf(m.members()), m.replyTo(), false);
            default -> cut(Set.copyOf(m.members()), m.replyTo(), true);
        }
    }

    private void kill(String member, ActorRef<CommandResult> replyTo, Set<String> liveNodes) {
        if (!"up".equals(state.get(member))) {
            replyTo.tell(CommandResult.fail(1, "netemu: member " + member + " is already " + state.get(member)));
            return;
        }
        String error = plan.killer() == null ? "this run did not start its members (--cluster): stop the member's"
                + " process yourself" : plan.killer().kill(member);
        if (error != null) {
            replyTo.tell(CommandResult.fail(1, "netemu: cannot kill member " + member + ": " + error));
            return;
        }
        state.put(member, "killed");
        lostAt.put(member, clock.nowMs());
        if (liveNodes.stream().noneMatch(n -> member.equals(memberOf(n)))) {
            replyTo.tell(CommandResult.ok("member " + member + " killed; it hosted no nodes\n"));
            return;
        }
        pendingKills.put(member, replyTo);
        ctx.scheduleOnce(KILL_TIMEOUT, ctx.getSelf(), new LabActor.KillTimeout(member));
    }

    /**
     * {@code group} against every other member: each side drops frames bound for the other
     * ({@code heal}: nobody drops anything any more). The cluster itself stays connected.
     */
    private void cut(Set<String> group, ActorRef<CommandResult> replyTo, boolean heal) {
        Set<String> groupAddrs = new HashSet<>();
        Set<String> otherAddrs = new HashSet<>();
        List<ClusterPlan.Member> up = plan.members().stream().filter(x -> "up".equals(state.get(x.name()))).toList();
        for (ClusterPlan.Member x : plan.members()) {
            (group.contains(x.name()) ? groupAddrs : otherAddrs).add(x.address());
        }
        String summary = heal ? "healed: every member reaches every other again\n"
                : "partition: " + String.join(", ", group.stream().sorted().toList()) + " | "
                + String.join(", ", plan.members().stream().map(ClusterPlan.Member::name).filter(n -> !group.contains(n)).toList()) + "\n";
        int id = nextCut++;
        CutJob job = new CutJob(replyTo, summary, up.size());
        cuts.put(id, job);
        for (ClusterPlan.Member x : up) {
            Set<String> drop = heal ? Set.of() : group.contains(x.name()) ? otherAddrs : groupAddrs;
            ctx.ask(MemberLinks.Stats.class, links(x), ASK, r -> new MemberLinks.SetCut(List.copyOf(drop), r),
                    (res, ex) -> new LabActor.CutDone(id, res != null ? null : x.name() + ": " + ex));
        }
        if (up.isEmpty()) {
            cutDone(id, null);
        }
    }

    void cutDone(int id, String error) {
        CutJob job = cuts.get(id);
        if (job == null) {
            return;
        }
        if (error != null) {
            job.errors.add(error);
        }
        if (--job.pending <= 0) {
            cuts.remove(id);
            job.replyTo.tell(job.errors.isEmpty() ? CommandResult.ok(job.summary)
                    : CommandResult.fail(1, "netemu: members did not take the partition: " + String.join("; ", job.errors)));
        }
    }

    private ActorRef<MemberLinks.Command> links(ClusterPlan.Member m) {
        return ActorRefResolver.get(ctx.getSystem()).resolveActorRef(m.address() + "/system/" + MemberLinks.NAME);
    }

    /** Asks the members still up for their link counters, then hands the report to {@code done}. */
    void report(Consumer<ClusterReport> done) {
        List<ClusterPlan.Member> up = plan.members().stream().filter(x -> "up".equals(state.get(x.name()))).toList();
        reportDone = done;
        reportPending = up.size();
        if (up.isEmpty()) {
            done.accept(build());
            return;
        }
        for (ClusterPlan.Member x : up) {
            ctx.ask(MemberLinks.Stats.class, links(x), ASK, MemberLinks.GetStats::new,
                    (res, ex) -> {
                        if (ex != null) {
                            ctx.getLog().warn("member {}: no link counters: {}", x.name(), ex.toString());
                        }
                        return new LabActor.ClusterStat(x.name(), res);
                    });
        }
    }

    void onStat(LabActor.ClusterStat m) {
        if (m.stats() != null) {
            reportStats.put(m.member(), m.stats());
        }
        if (reportDone != null && --reportPending == 0) {
            Consumer<ClusterReport> done = reportDone;
            reportDone = null;
            done.accept(build());
        }
    }

    private ClusterReport build() {
        Map<String, MemberLinks.Stats> stats = reportStats;
        List<ClusterReport.Member> members = new ArrayList<>();
        for (ClusterPlan.Member m : plan.members()) {
            List<String> hosted = plan.memberOf().entrySet().stream().filter(e -> e.getValue().equals(m.name()))
                    .map(Map.Entry::getKey).sorted().toList();
            MemberLinks.Stats s = stats.get(m.name());
            members.add(new ClusterReport.Member(m.name(), m.address(), hosted, state.get(m.name()), lostAt.get(m.name()),
                    List.copyOf(lostNodes.getOrDefault(m.name(), List.of())),
                    s == null ? -1 : s.entriesOut(), s == null ? -1 : s.entriesIn(), s == null ? -1 : s.batchesOut(),
                    s == null ? -1 : s.droppedPartition()));
        }
        return new ClusterReport(plan.summary(), plan.placement().cutLinks(), members);
    }
}
