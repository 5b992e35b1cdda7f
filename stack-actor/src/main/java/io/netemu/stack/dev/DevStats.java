package io.netemu.stack.dev;

/**
 * A device's counters as {@code ip -s link} shows them (struct rtnl_link_stats64), read from
 * the device actor. {@code rxDropped}/{@code txDropped} sum all drop reasons.
 */
public record DevStats(long rxPackets, long rxBytes, long rxErrors, long rxDropped, long rxMissed,
                       long txPackets, long txBytes, long txErrors, long txDropped, long txCarrierErrors,
                       long multicast, long collisions) {
    public static final DevStats ZERO = new DevStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
