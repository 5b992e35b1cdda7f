package io.netemu.device.capture;

import io.netemu.packet.SkBuff;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A device's packet taps (its share of {@code ptype_all}): the captures that see every frame
 * it transmits after the egress qdisc ({@code dev_queue_xmit_nit}) and every frame it passes up
 * after XDP ({@code __netif_receive_skb_core}). With no tap the hot path costs one check.
 */
public final class Taps {
    private final List<ActorRef<Captured>> sinks = new ArrayList<>(1);

    public boolean isEmpty() { return sinks.isEmpty(); }

    public void add(ActorRef<Captured> sink) {
        if (!sinks.contains(sink)) {
            sinks.add(sink);
        }
    }

    public void remove(ActorRef<Captured> sink) {
        sinks.remove(sink);
    }

    /**
     * One message per capture per batch; a capture never slows the device down (no reply, no
     * ack). Returns the frames to pass on: clones, as Linux clones the skb for each packet
     * socket, so that a holder downstream that writes (a router decrementing TTL) unshares
     * first and the capture keeps the bytes as they crossed the device. No byte is copied here.
     */
    public List<SkBuff> deliver(int ifindex, Direction dir, long nanos, List<SkBuff> frames) {
        if (sinks.isEmpty() || frames.isEmpty()) {
            return frames;
        }
        Captured c = new Captured(ifindex, dir, nanos, frames);
        for (ActorRef<Captured> s : sinks) {
            s.tell(c);
        }
        List<SkBuff> shared = new ArrayList<>(frames.size());
        for (SkBuff skb : frames) {
            shared.add(skb.clone());
        }
        return shared;
    }
}
