package io.netemu.stack.core;

import java.util.EnumMap;
import java.util.Map;

/**
 * The namespace's protocol counters: drops by reason, and the {@code /proc/net/snmp} Ip and
 * Icmp counters that tests and {@code nstat}-style output read.
 */
public final class StackCounters {
    private final EnumMap<StackDrop, Long> drops = new EnumMap<>(StackDrop.class);
    public long ipInReceives;
    public long ipInDelivers;
    public long ipForwDatagrams;
    public long ipOutRequests;
    public long ipFragOks;
    public long ipFragFails;
    public long ipFragCreates;
    public long icmpInMsgs;
    public long icmpOutMsgs;
    public long icmpInEchos;
    public long icmpInDestUnreachs;
    public long icmpInTimeExcds;
    public long icmpOutEchoReps;
    public long icmpOutDestUnreachs;
    public long icmpOutTimeExcds;
    public long arpRequestsSent;
    public long arpRepliesSent;

    public void drop(StackDrop reason) {
        drops.merge(reason, 1L, Long::sum);
    }

    public void drop(StackDrop reason, long n) {
        if (n > 0) {
            drops.merge(reason, n, Long::sum);
        }
    }

    public long drops(StackDrop reason) { return drops.getOrDefault(reason, 0L); }

    public long totalDrops() {
        long s = 0;
        for (long v : drops.values()) {
            s += v;
        }
        return s;
    }

    public Map<StackDrop, Long> dropsByReason() { return Map.copyOf(drops); }
}
