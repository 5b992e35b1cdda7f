package io.netemu.device;

import io.netemu.device.qdisc.QdiscStats;
import io.netemu.device.xdp.VethXdp;
import io.netemu.device.xdp.XdpCounters;
import io.netemu.packet.SkBuff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The device-wide counters of one {@link NetDevice} (rtnl_link_stats64 and drops by reason) and
 * their assembly, with the rx queues', the qdisc's and XDP's, into the {@link DeviceCounters} a
 * GetCounters asks for. Plain state of the device actor; kept apart so that what {@code ip -s
 * link} and {@code ethtool -S} show is worked out in one place.
 */
final class DeviceStats {
    private long rxPackets;
    private long rxBytes;
    private long txPackets;
    private long txBytes;
    private long[] txQueuePackets = new long[1];
    private long[] txQueueBytes = new long[1];
    private final EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);

    void count(DropReason r, long n) {
        if (n > 0) {
            drops.merge(r, n, Long::sum);
        }
    }

    /** Frames received; {@code hdr}: bytes of each not counted (veth's NAPI counts after eth_type_trans). */
    void received(List<SkBuff> frames, int hdr) {
        for (SkBuff skb : frames) {
            rxBytes += Math.max(0, skb.len() - hdr);
        }
        rxPackets += frames.size();
    }

    /**
     * veth_xmit's frames to the peer: TX bytes less {@code hdr} each (see VethNapi#peerXdp), and
     * the tx queue RSS picks for each, with its whole length.
     */
    void sent(List<SkBuff> frames, int hdr) {
        int n = txQueuePackets.length;
        for (SkBuff skb : frames) {
            txBytes += Math.max(0, skb.len() - hdr);
            int tq = RxQueue.steer(skb, n);
            txQueuePackets[tq]++;
            txQueueBytes[tq] += skb.len();
        }
        txPackets += frames.size();
    }

    /** See {@link VethXdp.Device#sentAround}. */
    void sentAround(List<SkBuff> frames, boolean txQueue0) {
        for (SkBuff skb : frames) {
            txBytes += skb.len();
        }
        txPackets += frames.size();
        if (txQueue0) {
            txQueuePackets[0] += frames.size();
        }
    }

    /** ethtool -L: tx queues that stay keep their counters. */
    void channels(int n) {
        txQueuePackets = Arrays.copyOf(txQueuePackets, n);
        txQueueBytes = Arrays.copyOf(txQueueBytes, n);
    }

    /**
     * What GetCounters answers: qdisc drops join the drops by reason; RX dropped is too-big and
     * device-down drops plus failed XDP redirects, rx_missed the full rings, TX dropped no carrier.
     */
    DeviceCounters snapshot(QdiscStats q, RxQueue[] queues, VethXdp xdp, int rxRing, boolean carrier) {
        EnumMap<DropReason, Long> all = new EnumMap<>(drops);
        if (q.treeLossDrops() > 0) {
            all.merge(DropReason.QDISC_LOSS, q.treeLossDrops(), Long::sum);
        }
        if (q.treeLimitDrops() > 0) {
            all.merge(DropReason.QDISC_LIMIT, q.treeLimitDrops(), Long::sum);
        }
        long rxDropped = drops.getOrDefault(DropReason.PKT_TOO_BIG, 0L) + drops.getOrDefault(DropReason.DEV_DOWN, 0L)
                + xdp.redirectDrops();
        long rxMissed = drops.getOrDefault(DropReason.RING_FULL, 0L);
        List<QueueCounters> perQueue = new ArrayList<>(queues.length);
        long napiPolls = 0;
        for (RxQueue rq : queues) {
            XdpCounters x = xdp.counters(rq.index);
            perQueue.add(rq.counters(txQueuePackets[rq.index], txQueueBytes[rq.index], x));
            napiPolls += rq.polls;
        }
        long txDropped = drops.getOrDefault(DropReason.NO_CARRIER, 0L);
        return new DeviceCounters(rxPackets, rxBytes, rxDropped, rxMissed, txPackets, txBytes, txDropped,
                Map.copyOf(all), q, napiPolls, rxRing, carrier, List.copyOf(perQueue));
    }
}
