package io.netemu.stack.netfilter.conntrack;

import java.util.HashMap;
import java.util.Map;

/**
 * Source-NATed connections by original source address, port and protocol (nf_nat_bysource,
 * hash_by_src), chained through {@code Conn.nextBySrc}: a new flow from the same source reuses
 * the same mapping when it can (find_appropriate_src). Entries whose source was not rewritten
 * (null bindings) are left out: their mapping is the original tuple, which is tried first anyway.
 */
final class NatIndex {
    private final Map<Long, Conn> heads = new HashMap<>();

    private static long key(int src, int sport, int proto) {
        return ((long) src << 32) | ((long) sport << 8) | proto;
    }

    void add(Conn c) {
        long k = key(c.oSrc, c.oSport, c.proto);
        c.nextBySrc = heads.get(k);
        heads.put(k, c);
    }

    void remove(Conn c) {
        long k = key(c.oSrc, c.oSport, c.proto);
        Conn h = heads.get(k);
        if (h == c) {
            if (c.nextBySrc == null) {
                heads.remove(k);
            } else {
                heads.put(k, c.nextBySrc);
            }
        } else {
            while (h != null && h.nextBySrc != c) {
                h = h.nextBySrc;
            }
            if (h != null) {
                h.nextBySrc = c.nextBySrc;
            }
        }
        c.nextBySrc = null;
    }

    /** The first mapped connection from the same source, or null. */
    Conn first(int src, int sport, int proto) { return heads.get(key(src, sport, proto)); }
}
