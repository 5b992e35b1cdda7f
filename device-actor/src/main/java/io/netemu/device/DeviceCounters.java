package io.netemu.device;

import io.netemu.device.qdisc.QdiscStats;
import java.util.Map;

/**
 * A device actor's counters: what {@code ip -s link} shows, drops by reason, the egress
 * qdisc's statistics, NAPI polls (all queues), and each queue pair's counters. {@code rxDropped}/{@code txDropped} follow Linux's split
 * (qdisc drops are the qdisc's, not the device's).
 */
public record DeviceCounters(long rxPackets, long rxBytes, long rxDropped, long rxMissed,
                             long txPackets, long txBytes, long txDropped,
                             Map<DropReason, Long> drops, QdiscStats qdisc, long napiPolls, int ringSize,
                             boolean carrier, java.util.List<QueueCounters> queues) {
    public long drops(DropReason r) { return drops.getOrDefault(r, 0L); }

    /** Every frame this device dropped, for whatever reason, including its qdisc's. */
    public long allDrops() {
        long s = 0;
        for (long v : drops.values()) {
            s += v;
        }
        return s;
    }
}
