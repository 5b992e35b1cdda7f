package io.netemu.device;

import io.netemu.packet.SkBuff;
import io.netemu.packet.rss.RssSteering;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One rx queue of a device: its ring, its NAPI context ({@link NapiPoller}), interrupt
 * coalescing and the softirq round it is polled in. Plain state of the device actor.
 *
 * <p>The "interrupt" is the queue going from idle to scheduled: at once, or after
 * {@code rx-usecs} from the first waiting frame, or when {@code rx-frames} wait, whichever comes
 * first. While scheduled, frames only fill the ring (NAPI keeps the interrupt off). Each poll
 * takes at most the weight (net.core.dev_weight); a round of polls (net_rx_action) ends when the
 * ring is empty, or, with work left, when netdev_budget frames or netdev_budget_usecs have been
 * used: that is a time squeeze, and the next round starts from the poll list again.
 */
final class RxQueue {
    final int index;
    final ArrayDeque<SkBuff> ring = new ArrayDeque<>();
    final ActorRef<NapiPoller.Command> napi;
    int size;
    boolean scheduled;
    /** A coalescing timer is armed (the interrupt is due at {@link #irqDue}). */
    boolean irqArmed;
    long irqDue;
    private int roundLeft;
    private long roundStart;
    private boolean inRound;

    long rxPackets;
    long rxBytes;
    long drops;
    long polls;
    long processed;
    long timeSqueeze;

    RxQueue(int index, int size, ActorRef<NapiPoller.Command> napi) {
        this.index = index;
        this.size = size;
        this.napi = napi;
    }

    /** The queue of {@code n} RSS steers a frame to (queue 0 when there is one: no hash computed); tx queues too. */
    static int steer(SkBuff skb, int n) {
        return n == 1 ? 0 : RssSteering.queue(RssSteering.hash(skb), n);
    }

    /** Room in the ring: the frame is queued, else counted as a drop (rx_missed). */
    boolean offer(SkBuff skb) {
        if (ring.size() >= size) {
            drops++;
            return false;
        }
        ring.add(skb);
        return true;
    }

    /** One NAPI poll: at most {@code weight} frames, in arrival order. */
    List<SkBuff> poll(int weight) {
        polls++;
        int n = Math.min(weight, ring.size());
        List<SkBuff> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SkBuff skb = ring.poll();
            rxBytes += skb.len();
            batch.add(skb);
        }
        rxPackets += n;
        processed += n;
        return batch;
    }

    /**
     * The poll took {@code n} frames at {@code now}: whether the round goes on. A round begins
     * with the first poll after an interrupt; it ends with an empty ring (napi_complete), or
     * squeezed when budget or time ran out with work left.
     */
    void accountRound(int n, long now, int budget, long budgetNanos) {
        if (!inRound) {
            inRound = true;
            roundLeft = budget;
            roundStart = now;
        }
        roundLeft -= n;
        if (ring.isEmpty()) {
            inRound = false;
        } else if (roundLeft <= 0 || now - roundStart >= budgetNanos) {
            timeSqueeze++;
            inRound = false; // the softirq is raised again: a new round, with a fresh budget
        }
    }

    /** The frames the ring holds, dropped (the device went down, or the queue was removed). */
    int flush() {
        int n = ring.size();
        ring.clear();
        return n;
    }

    QueueCounters counters(long txPackets, long txBytes, io.netemu.device.xdp.XdpCounters xdp) {
        return new QueueCounters(rxPackets, rxBytes, drops, polls, processed, timeSqueeze, txPackets, txBytes, xdp);
    }
}
