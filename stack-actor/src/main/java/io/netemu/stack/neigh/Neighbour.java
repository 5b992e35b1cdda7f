package io.netemu.stack.neigh;

import io.netemu.packet.SkBuff;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** One mutable entry of the table (struct neighbour): state, address, timestamps, probe count and arp_queue. */
final class Neighbour {
    /**
     * Bytes charged per queued packet besides its buffer: SKB_DATA_ALIGN(sizeof(struct sk_buff)) +
     * SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) on x86-64, as SKB_TRUESIZE adds.
     */
    static final int SKB_OVERHEAD = 576;

    final int ifindex;
    final int ip;
    final long seq;
    NudState state = NudState.NONE;
    long mac = -1;
    long updated;
    long confirmed;
    long used;
    int probes;
    /** The pending timer's expiry, Long.MAX_VALUE when none. */
    long timer = Long.MAX_VALUE;
    private final ArrayDeque<SkBuff> queue = new ArrayDeque<>(2);
    private long queueBytes;

    Neighbour(int ifindex, int ip, long seq) {
        this.ifindex = ifindex;
        this.ip = ip;
        this.seq = seq;
    }

    /** skb->truesize: the buffer as allocated plus the sk_buff bookkeeping. */
    static long truesize(SkBuff skb) {
        return (long) skb.array().length + SKB_OVERHEAD;
    }

    /** Queues {@code skb}, first dropping the oldest packets while the queue would exceed {@code limit} bytes. */
    List<SkBuff> enqueue(SkBuff skb, long limit) {
        List<SkBuff> evicted = List.of();
        long size = truesize(skb);
        while (queueBytes + size > limit && !queue.isEmpty()) {
            SkBuff old = queue.pollFirst();
            queueBytes -= truesize(old);
            if (evicted.isEmpty()) {
                evicted = new ArrayList<>(2);
            }
            evicted.add(old);
        }
        queue.addLast(skb);
        queueBytes += size;
        return evicted;
    }

    /** Takes every queued packet, oldest first. */
    List<SkBuff> drainQueue() {
        if (queue.isEmpty()) {
            return List.of();
        }
        List<SkBuff> out = new ArrayList<>(queue);
        queue.clear();
        queueBytes = 0;
        return out;
    }

    SkBuff queueTail() { return queue.peekLast(); }

    int queued() { return queue.size(); }

    NeighEntry snapshot() {
        return new NeighEntry(ifindex, ip, mac, state, updated, confirmed, used, probes, queue.size());
    }
}
