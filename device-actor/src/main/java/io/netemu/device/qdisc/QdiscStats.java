package io.netemu.device.qdisc;

/**
 * {@code tc -s qdisc} counters of one qdisc: sent bytes/packets, dropped, overlimits, requeues,
 * and the backlog now; {@code lossDrops}/{@code limitDrops} split the drops by reason for the
 * device's counters; {@code child} is the qdisc on its class (null when none is grafted).
 */
public record QdiscStats(long sentBytes, long sentPackets, long dropped, long overlimits, long requeues,
                         long backlogBytes, long backlogPackets, long lossDrops, long limitDrops,
                         long duplicated, long corrupted, int handle, QdiscStats child) {
    public static final QdiscStats ZERO = new QdiscStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);

    /** Loss drops of this qdisc and the ones below it. */
    public long treeLossDrops() { return lossDrops + (child == null ? 0 : child.treeLossDrops()); }

    /** Limit (tail and oversize) drops of this qdisc and the ones below it. */
    public long treeLimitDrops() { return limitDrops + (child == null ? 0 : child.treeLimitDrops()); }

    /** The counters of the qdisc with handle {@code major} in this chain, or null. */
    public QdiscStats find(int major) {
        for (QdiscStats s = this; s != null; s = s.child) {
            if (s.handle == major) {
                return s;
            }
        }
        return null;
    }
}
