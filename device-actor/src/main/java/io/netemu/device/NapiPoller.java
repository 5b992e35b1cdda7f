package io.netemu.device;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The NAPI context of one rx queue (struct napi_struct); a device has one per channel. The device "interrupts" with
 * {@link Schedule} once per burst (napi_schedule); the poller answers with a poll of at most
 * the budget (net.core.dev_weight); the device re-schedules while work remains. Its mailbox
 * is the softirq's poll list: a busy system sees polls wait, as softirqs do.
 */
public final class NapiPoller {
    public sealed interface Command {}

    /** napi_schedule: the device has frames in rx queue {@code queue}; poll it with this budget. */
    public record Schedule(ActorRef<NetDevice.Command> device, int queue, int budget) implements Command {}

    private NapiPoller() {}

    public static Behavior<Command> create() {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Schedule s) {
                s.device().tell(new NetDevice.Poll(s.queue(), s.budget()));
            }
            return Behaviors.same();
        });
    }
}
