package io.netemu.node.cmd.iperf3;

import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** {@code iperf3}: its command line picks a server or a client process; a refused line ends at once, as iperf3 does. */
public final class Iperf3 {
    private Iperf3() {}

    public static Behavior<Object> create(List<String> argv, ActorRef<NsInbound> ns, ActorRef<CommandResult> replyTo) {
        Iperf3Options o;
        try {
            o = Iperf3Options.parse(argv);
        } catch (Iperf3Options.UsageException e) {
            replyTo.tell(CommandResult.fail(1, e.getMessage()));
            return Behaviors.stopped();
        }
        return o.server() ? Iperf3Server.create(o, ns, replyTo) : Iperf3Client.create(o, ns, replyTo);
    }
}
