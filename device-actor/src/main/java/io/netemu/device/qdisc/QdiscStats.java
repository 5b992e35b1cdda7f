package io.netemu.device.qdisc;

/** {@code tc -s qdisc} counters: sent bytes/packets, dropped, overlimits, requeues, and the backlog now. */
public record QdiscStats(long sentBytes, long sentPackets, long dropped, long overlimits, long requeues,
                         long backlogBytes, long backlogPackets, long lossDrops, long limitDrops,
                         long duplicated, long corrupted) {
    public static final QdiscStats ZERO = new QdiscStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
