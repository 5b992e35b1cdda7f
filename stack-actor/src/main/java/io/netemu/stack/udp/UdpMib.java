package io.netemu.stack.udp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** The namespace's {@code Udp:} counters of /proc/net/snmp (UDP_MIB_*); atomic, as sockets in several actors count. */
public final class UdpMib {
    /** In /proc/net/snmp's order. */
    public enum Field { InDatagrams, NoPorts, InErrors, OutDatagrams, RcvbufErrors, SndbufErrors, InCsumErrors,
        IgnoredMulti, MemErrors }

    private final AtomicLongArray counters = new AtomicLongArray(Field.values().length);

    public void inc(Field f) {
        counters.incrementAndGet(f.ordinal());
    }

    public long get(Field f) {
        return counters.get(f.ordinal());
    }

    /** As nstat names them ({@code UdpInDatagrams}); {@code all} includes zeros. */
    public Map<String, Long> nstat(boolean all) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Field f : Field.values()) {
            long v = counters.get(f.ordinal());
            if (all || v != 0) {
                m.put("Udp" + f.name(), v);
            }
        }
        return m;
    }
}
