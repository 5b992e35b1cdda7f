package io.netemu.stack.tcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A namespace's TCP counters (netns_mib: TCP_MIB_*, LINUX_MIB_*) and drop reasons; one per namespace, shared
 * by its connections. Each connection runs in its own socket actor, so several threads count at once: the
 * counters are atomic, as the kernel's per-cpu SNMP counters are safe to bump from any CPU.
 */
public final class TcpMib {
    private final AtomicLongArray counters = new AtomicLongArray(TcpMibField.values().length);
    private final AtomicLongArray drops = new AtomicLongArray(TcpDrop.values().length);

    public void inc(TcpMibField f) {
        counters.incrementAndGet(f.ordinal());
    }

    public void add(TcpMibField f, long n) {
        counters.addAndGet(f.ordinal(), n);
    }

    public long get(TcpMibField f) {
        return counters.get(f.ordinal());
    }

    public void drop(TcpDrop reason) {
        drops.incrementAndGet(reason.ordinal());
    }

    public long drops(TcpDrop reason) {
        return drops.get(reason.ordinal());
    }

    /** As nstat names them ({@code TcpRetransSegs}, {@code TcpExtTCPTimeouts}), non-zero only. */
    public Map<String, Long> nstat() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (TcpMibField f : TcpMibField.values()) {
            long v = counters.get(f.ordinal());
            if (v != 0) {
                m.put((f.snmp() ? "Tcp" : "TcpExt") + f.name(), v);
            }
        }
        return m;
    }

    /** Every counter by nstat name, zeros included ({@code nstat -az}). */
    public Map<String, Long> nstatAll() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (TcpMibField f : TcpMibField.values()) {
            m.put((f.snmp() ? "Tcp" : "TcpExt") + f.name(), counters.get(f.ordinal()));
        }
        return m;
    }

    @Override
    public String toString() {
        Map<String, Long> d = new LinkedHashMap<>();
        for (TcpDrop r : TcpDrop.values()) {
            if (drops.get(r.ordinal()) != 0) {
                d.put(r.name(), drops.get(r.ordinal()));
            }
        }
        return nstat() + " drops " + d;
    }
}
