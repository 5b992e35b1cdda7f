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
 * when every step has ended. A repeating step ({@code every}/{@code until}) is one step per
 * repetition here, each with its own offset, result and expectation, in file order.
 */
final class ScenarioRunner extends AbstractBehavior<ScenarioRunner.Command> {
    sealed interface Command {}

    private record Start(int step) implements Command {}

    private record Done(int step, CommandResult result) implements Command {}


    /** The steps as they run: repeating ones expanded, in file order. */
    private final List<StepSpec> steps;
    private final RunListener listener;
    private final ActorRef<LabActor.Command> labActor;
    private final NetClock clock;
    private final long origin;
    private final long[] started;
    private final StepResult[] results;
    private int remaining;

    private ScenarioRunner(ActorContext<Command> ctx, Lab lab, RunListener listener, ActorRef<LabActor.Command> labActor) {
        super(ctx);
        this.steps = StepSpec.expand(lab.steps());
        this.listener = listener;
        this.labActor = labActor;
        NetTime time = NetTime.get(ctx.getSystem());
        this.clock = time.clock();
        this.origin = clock.nanos();
        int n = steps.size();
        this.started = new long[n];
        this.results = new StepResult[n];
        this.remaining = n;
        for (int i = 0; i < n; i++) {
            time.timers().schedule(ctx.getSelf(), new Start(i), steps.get(i).atNanos());
        }
    }

    static Behavior<Command> create(Lab lab, RunListener listener, ActorRef<LabActor.Command> labActor) {
        if (lab.steps().isEmpty()) {
            labActor.tell(new LabActor.ScenarioDone(List.of()));
            return Behaviors.stopped();
        }
        return Behaviors.setup(ctx -> new ScenarioRunner(ctx, lab, listener, labActor));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, s -> onStart(s.step()))
                .onMessage(Done.class, d -> onDone(d.step(), d.result()))
                .build();
    }

    private Behavior<Command> onStart(int i) {
        started[i] = clock.nanos();
        StepSpec step = steps.get(i);
        listener.stepStarted(i, step, (started[i] - origin) / 1_000_000);
        // the lab actor answers every operation, timeouts included; this ask only guards against a lost reply
        long guard = (step instanceof StepSpec.RunStep r ? r.timeoutNanos() : 0) + 60_000_000_000L;
        getContext().ask(CommandResult.class, labActor, Duration.ofNanos(guard), reply -> switch (step) {
                    case StepSpec.RunStep r -> new LabActor.RunOn(r.node(), r.command(), r.timeoutNanos(), reply);
                    case StepSpec.LinkStep l -> new LabActor.SetLink(l.link(), l.up(), reply);
                    case StepSpec.ActionStep a -> StepSpec.ActionStep.CRASH.equals(a.action())
                            ? new LabActor.Crash(a.node(), reply) : new LabActor.Restart(a.node(), reply);
                    case StepSpec.MemberStep m -> new LabActor.MemberFault(m.members(), m.action(), reply);
                },
                (res, ex) -> new Done(i, res != null ? res : CommandResult.fail(1, "netemu: no answer: " + ex)));
        return this;
    }

    private Behavior<Command> onDone(int i, CommandResult r) {
        StepSpec s = steps.get(i);
        Expect e = s.expect();
        Boolean ok = e == null ? null : e.test(r.exit(), r.stdout());
        long now = clock.nanos();
        StepResult res = new StepResult(s, r.exit(), r.stdout(), r.stderr(), (started[i] - origin) / 1_000_000,
                (now - origin) / 1_000_000, ok);
        results[i] = res;
        listener.stepEnded(res);
        if (--remaining == 0) {
            labActor.tell(new LabActor.ScenarioDone(new ArrayList<>(Arrays.asList(results))));
            return Behaviors.stopped();
        }
        return this;
    }

}
