package io.netemu.stack.tcp;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A namespace's TCP counters (netns_mib: TCP_MIB_*, LINUX_MIB_*) and drop reasons; one per namespace, shared by its connections. */
public final class TcpMib {
    private final long[] counters = new long[TcpMibField.values().length];
    private final EnumMap<TcpDrop, Long> drops = new EnumMap<>(TcpDrop.class);

    public void inc(TcpMibField f) {
        counters[f.ordinal()]++;
    }

    public void add(TcpMibField f, long n) {
        counters[f.ordinal()] += n;
    }

    public long get(TcpMibField f) {
        return counters[f.ordinal()];
    }

    public void drop(TcpDrop reason) {
        drops.merge(reason, 1L, Long::sum);
    }

    public long drops(TcpDrop reason) {
        return drops.getOrDefault(reason, 0L);
    }

    /** As nstat names them ({@code TcpRetransSegs}, {@code TcpExtTCPTimeouts}), non-zero only. */
    public Map<String, Long> nstat() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (TcpMibField f : TcpMibField.values()) {
            long v = counters[f.ordinal()];
            if (v != 0) {
                m.put((f.snmp() ? "Tcp" : "TcpExt") + f.name(), v);
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return nstat() + " drops " + drops;
    }
}
