package io.netemu.stack.netfilter.nft;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A table (struct nft_table): family, name, handle, flags, its chains and sets in creation order,
 * and the handle generator its chains, rules and sets share (nf_tables_alloc_handle).
 */
public final class NftTable {
    private final NftFamily family;
    private final String name;
    private final long handle;
    private boolean dormant;
    private String comment;
    private long hgen;
    private final Map<String, NftChain> chains = new LinkedHashMap<>();
    private final Map<String, NftSet> sets = new LinkedHashMap<>();

    public NftTable(NftFamily family, String name, long handle) {
        this.family = family;
        this.name = name;
        this.handle = handle;
    }

    public NftFamily family() { return family; }
    public String name() { return name; }
    public long handle() { return handle; }
    public boolean dormant() { return dormant; }
    public void setDormant(boolean d) { this.dormant = d; }
    public String comment() { return comment; }
    public void setComment(String c) { this.comment = c; }

    /** The next handle for a chain, rule or set of this table. */
    public long allocHandle() { return ++hgen; }

    public Collection<NftChain> chains() { return chains.values(); }
    public NftChain chain(String n) { return chains.get(n); }
    public void putChain(NftChain c) { chains.put(c.name(), c); }
    public void removeChain(String n) { chains.remove(n); }
    /** Puts {@code c} back at position {@code index} of the creation order (undoing a delete). */
    public void restoreChain(NftChain c, int index) { reinsert(chains, c.name(), c, index); }

    public Collection<NftSet> sets() { return sets.values(); }
    public NftSet set(String n) { return sets.get(n); }
    public void putSet(NftSet s) { sets.put(s.name(), s); }
    public void removeSet(String n) { sets.remove(n); }
    public void restoreSet(NftSet s, int index) { reinsert(sets, s.name(), s, index); }

    public int chainIndex(String n) { return indexIn(chains, n); }
    public int setIndex(String n) { return indexIn(sets, n); }

    public NftChain chainByHandle(long h) {
        for (NftChain c : chains.values()) {
            if (c.handle() == h) {
                return c;
            }
        }
        return null;
    }

    public NftSet setByHandle(long h) {
        for (NftSet s : sets.values()) {
            if (s.handle() == h) {
                return s;
            }
        }
        return null;
    }

    private static <V> int indexIn(Map<String, V> m, String key) {
        int i = 0;
        for (String k : m.keySet()) {
            if (k.equals(key)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static <V> void reinsert(Map<String, V> m, String key, V v, int index) {
        Map<String, V> copy = new LinkedHashMap<>(m);
        m.clear();
        int i = 0;
        for (Map.Entry<String, V> e : copy.entrySet()) {
            if (i++ == index) {
                m.put(key, v);
            }
            m.put(e.getKey(), e.getValue());
        }
        m.putIfAbsent(key, v);
    }
}
