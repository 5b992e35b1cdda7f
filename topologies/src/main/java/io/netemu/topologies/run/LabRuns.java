package io.netemu.topologies.run;

import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Commands the scenario (or the console) runs on nodes: each waits for its node's answer or its
 * timeout (then the command is killed, exit 124); a node that goes down ends its runs with 137.
 */
final class LabRuns {
    private final LabActor lab;
    private final ActorContext<LabActor.Command> ctx;
    private final Map<Long, PendingRun> runs = new HashMap<>();
    private long nextRun;

    private static final class PendingRun {
        final String node;
        final int incarnation;
        final ActorRef<CommandResult> replyTo;
        final long timeoutNanos;
        ActorRef<CommandResult> execRef;

        PendingRun(String node, int incarnation, ActorRef<CommandResult> replyTo, long timeoutNanos) {
            this.node = node;
            this.incarnation = incarnation;
            this.replyTo = replyTo;
            this.timeoutNanos = timeoutNanos;
        }
    }

    LabRuns(LabActor lab, ActorContext<LabActor.Command> ctx) {
        this.lab = lab;
        this.ctx = ctx;
    }

    void start(LabActor.RunOn m) {
        ActorRef<NsInbound> ns = lab.nodes.get(m.node());
        if (ns == null) {
            m.replyTo().tell(new CommandResult(255, "", m.node() + " is down\n"));
            return;
        }
        long id = nextRun++;
        PendingRun run = new PendingRun(m.node(), lab.incarnation(m.node()), m.replyTo(), m.timeoutNanos());
        runs.put(id, run);
        ctx.ask(CommandResult.class, ns, Duration.ofNanos(m.timeoutNanos()), r -> {
            run.execRef = r;
            return new NamespaceActor.Exec(m.line(), r);
        }, (res, ex) -> new LabActor.RunReply(id, res, res == null));
    }

    void reply(LabActor.RunReply m) {
        PendingRun run = runs.remove(m.id());
        if (run == null) {
            return; // its node crashed: already answered 137
        }
        if (m.timedOut()) {
            ActorRef<NsInbound> ns = lab.nodes.get(run.node);
            if (ns != null && lab.incarnation(run.node) == run.incarnation && run.execRef != null) {
                ns.tell(new NamespaceActor.KillExec(run.execRef));
            }
            run.replyTo.tell(new CommandResult(124, "", "netemu: killed after its timeout of "
                    + LabActor.seconds(run.timeoutNanos) + "\n"));
        } else {
            run.replyTo.tell(m.result());
        }
    }

    /** {@code node} went down: what ran on it ends as a killed process would. */
    void nodeDown(String node) {
        runs.values().removeIf(r -> {
            if (r.node.equals(node)) {
                r.replyTo.tell(new CommandResult(137, "", "netemu: node " + node + " crashed\n"));
                return true;
            }
            return false;
        });
    }
}
