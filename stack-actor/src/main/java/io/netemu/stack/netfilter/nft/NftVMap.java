package io.netemu.stack.netfilter.nft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An anonymous verdict map ({@code ct state vmap { established : accept, invalid : drop }},
 * nft_lookup.c with a verdict map): keys to verdicts, found by hash for single values and names,
 * by the floor of sorted ranges for ranges and prefixes, never by a scan.
 */
public final class NftVMap implements NftStmt {
    /** One element: a value or range (or a name) and its verdict. */
    public record Entry(long lo, long hi, String text, NftStmt.Verdict verdict) {}

    private final NftKey key;
    private final long handle;
    private final Map<Long, Entry> exact = new HashMap<>();
    private final TreeMap<Long, Entry> ranges = new TreeMap<>();
    private final Map<String, Entry> names = new HashMap<>();

    public NftVMap(NftKey key, long handle) {
        this.key = key;
        this.handle = handle;
    }

    public NftKey key() { return key; }
    public long handle() { return handle; }

    /** Adds an element; false when its key is already mapped (the first one stays). */
    public boolean put(Entry e) {
        if (e.text() != null) {
            return names.putIfAbsent(e.text(), e) == null;
        }
        if (e.lo() == e.hi()) {
            return exact.putIfAbsent(e.lo(), e) == null;
        }
        return ranges.putIfAbsent(e.lo(), e) == null;
    }

    /** The verdict for a packet, or null when its key is not in the map (the rule ends: NFT_BREAK). */
    NftStmt.Verdict lookup(NftPktInfo pi) {
        if (key.ipv6()) {
            return null;
        }
        if (key.type().isString()) {
            String s = key.loadString(pi);
            Entry e = s == null ? null : names.get(s);
            return e == null ? null : e.verdict();
        }
        long v = key.load(pi);
        if (v == NftPktInfo.NONE) {
            return null;
        }
        Entry e = exact.get(v);
        if (e == null) {
            Map.Entry<Long, Entry> f = ranges.floorEntry(v);
            e = f != null && v <= f.getValue().hi() ? f.getValue() : null;
        }
        return e == null ? null : e.verdict();
    }

    /** The elements in the order nft lists them (by key; names as nft orders interface names). */
    public List<Entry> sorted() {
        List<Entry> l = new ArrayList<>(exact.values());
        l.addAll(ranges.values());
        l.sort((a, b) -> Long.compare(a.lo(), b.lo()));
        List<Entry> n = new ArrayList<>(names.values());
        n.sort((a, b) -> key.type() == NftType.IPV6_ADDR ? NftIpv6.value(a.text()).compareTo(NftIpv6.value(b.text()))
                : NftSet.compareIfnames(a.text(), b.text()));
        l.addAll(n);
        return l;
    }

    /** Whether an element jumps or goes to {@code c}. */
    public boolean targets(NftChain c) {
        for (Entry e : sorted()) {
            if (e.verdict().target() == c) {
                return true;
            }
        }
        return false;
    }
}
