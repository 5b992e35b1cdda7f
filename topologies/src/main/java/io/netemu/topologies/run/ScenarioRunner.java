package io.netemu.topologies.run;

import io.netemu.device.NsInbound;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.Expect;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.StepSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The scenario timeline (topology-format.md "Scenario"): each step starts at its offset from
 * the end of boot, on the run's timers; a run step does not hold back later ones; the run ends
 * when every step has ended.
 */
final class ScenarioRunner extends AbstractBehavior<ScenarioRunner.Command> {
    sealed interface Command {}

    private record Start(int step) implements Command {}

    private record Done(int step, CommandResult result) implements Command {}

    private record LinkAck(int step, String error) implements Command {}

    private final Lab lab;
    private final Map<String, ActorRef<NsInbound>> nodes;
    private final RunListener listener;
    private final ActorRef<LabActor.Command> parent;
    private final NetClock clock;
    private final long origin;
    private final long[] started;
    private final StepResult[] results;
    private final int[] linkAcks;
    private final String[] linkErrors;
    private int remaining;

    private ScenarioRunner(ActorContext<Command> ctx, Lab lab,
                           Map<String, ActorRef<NsInbound>> nodes, RunListener listener, ActorRef<LabActor.Command> parent) {
        super(ctx);
        this.lab = lab;
        this.nodes = nodes;
        this.listener = listener;
        this.parent = parent;
        NetTime time = NetTime.get(ctx.getSystem());
        this.clock = time.clock();
        this.origin = clock.nanos();
        int n = lab.steps().size();
        this.started = new long[n];
        this.results = new StepResult[n];
        this.linkAcks = new int[n];
        this.linkErrors = new String[n];
        this.remaining = n;
        for (int i = 0; i < n; i++) {
            time.timers().schedule(ctx.getSelf(), new Start(i), lab.steps().get(i).atNanos());
        }
    }

    static Behavior<Command> create(Lab lab, Map<String, ActorRef<NsInbound>> nodes, RunListener listener,
                                    ActorRef<LabActor.Command> parent) {
        if (lab.steps().isEmpty()) {
            parent.tell(new LabActor.ScenarioDone(List.of()));
            return Behaviors.stopped();
        }
        return Behaviors.setup(ctx -> new ScenarioRunner(ctx, lab, nodes, listener, parent));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, s -> onStart(s.step()))
                .onMessage(Done.class, d -> onDone(d.step(), d.result()))
                .onMessage(LinkAck.class, this::onLinkAck)
                .build();
    }

    private Behavior<Command> onStart(int i) {
        started[i] = clock.nanos();
        switch (lab.steps().get(i)) {
            case StepSpec.RunStep r -> getContext().ask(CommandResult.class, nodes.get(r.node()),
                    Duration.ofNanos(r.timeoutNanos()), reply -> new NamespaceActor.Exec(r.command(), reply),
                    (res, ex) -> new Done(i, res != null ? res : new CommandResult(124, "",
                            "netemu: '" + r.command() + "' killed after its timeout of " + seconds(r.timeoutNanos()) + "\n")));
            case StepSpec.LinkStep l -> {
                LinkSpec link = lab.linkOf(l.link()).orElseThrow();
                for (Endpoint e : List.of(link.a(), link.b())) {
                    getContext().ask(NamespaceActor.Ack.class, nodes.get(e.node()), Duration.ofSeconds(30),
                            reply -> new NamespaceActor.SetCable(e.iface(), l.up(), reply),
                            (res, ex) -> new LinkAck(i, res != null ? res.error() : String.valueOf(ex)));
                }
            }
            case StepSpec.ActionStep a -> getContext().getSelf().tell(new Done(i, new CommandResult(1, "",
                    "netemu: action " + a.action() + " is not supported yet: node crash and restart come with fault injection\n")));
        }
        return this;
    }

    private Behavior<Command> onLinkAck(LinkAck a) {
        if (a.error() != null) {
            linkErrors[a.step()] = a.error();
        }
        if (++linkAcks[a.step()] == 2) {
            String err = linkErrors[a.step()];
            return onDone(a.step(), err == null ? CommandResult.ok("") : CommandResult.fail(1, err));
        }
        return this;
    }

    private Behavior<Command> onDone(int i, CommandResult r) {
        StepSpec s = lab.steps().get(i);
        Expect e = s.expect();
        Boolean ok = e == null ? null : e.test(r.exit(), r.stdout());
        long now = clock.nanos();
        StepResult res = new StepResult(s, r.exit(), r.stdout(), r.stderr(), (started[i] - origin) / 1_000_000,
                (now - origin) / 1_000_000, ok);
        results[i] = res;
        listener.stepEnded(res);
        if (--remaining == 0) {
            parent.tell(new LabActor.ScenarioDone(new ArrayList<>(Arrays.asList(results))));
            return Behaviors.stopped();
        }
        return this;
    }

    private static String seconds(long nanos) {
        return (nanos % 1_000_000_000L == 0 ? Long.toString(nanos / 1_000_000_000L) : Double.toString(nanos / 1e9)) + "s";
    }
}
