package io.netemu.stack.netfilter.nft;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A set (struct nft_set, nf_tables_api.c): named ({@code set s { type ipv4_addr; ... }}) or
 * anonymous (the {@code { a, b }} of one rule). Numeric keys live in a hash
 * ({@link NftHashElems}) or, with {@code flags interval}, in sorted ranges ({@link NftIntervals});
 * interface names in a hash of strings. Either way a lookup never scans.
 */
public final class NftSet {
    public static final int F_CONSTANT = 1;
    public static final int F_INTERVAL = 2;
    public static final int F_TIMEOUT = 4;
    public static final int F_DYNAMIC = 8;

    private final String name;
    private final long handle;
    private final NftType type;
    /** The {@code typeof} expression the set was declared with, or null for {@code type}. */
    private final NftKey typeof;
    private final int flags;
    private final boolean autoMerge;
    private final boolean anonymous;
    private final long size;
    private final String comment;
    private final NftHashElems exact = new NftHashElems();
    private final NftIntervals ranges = new NftIntervals();
    private final Set<String> strings = new HashSet<>();

    public NftSet(String name, long handle, NftType type, NftKey typeof, int flags, boolean autoMerge,
                  boolean anonymous, long size, String comment) {
        this.name = name;
        this.handle = handle;
        this.type = type;
        this.typeof = typeof;
        this.flags = flags;
        this.autoMerge = autoMerge;
        this.anonymous = anonymous;
        this.size = size;
        this.comment = comment;
    }

    public String name() { return name; }
    public long handle() { return handle; }
    public NftType type() { return type; }
    public NftKey typeof() { return typeof; }
    public int flags() { return flags; }
    public boolean interval() { return (flags & F_INTERVAL) != 0; }
    public boolean autoMerge() { return autoMerge; }
    public boolean anonymous() { return anonymous; }
    public long sizeLimit() { return size; }
    public String comment() { return comment; }
    public NftIntervals ranges() { return ranges; }
    public NftHashElems exact() { return exact; }

    /** The number of elements (ranges count once). */
    public int count() {
        return type.isText() ? strings.size() : interval() ? ranges.size() : exact.size();
    }

    /** nft_lookup_eval for a numeric key. */
    public boolean contains(long key) {
        return interval() ? ranges.contains(key) : exact.contains(key);
    }

    public boolean containsString(String s) {
        return strings.contains(s);
    }

    /** Comparisons and probes every lookup so far has cost (for tests). */
    public long lookupCost() {
        return ranges.comparisons() + exact.probes();
    }

    /** Adds a single value of a set without intervals; false if present. */
    public boolean addExact(long v) { return exact.add(v); }
    public boolean removeExact(long v) { return exact.remove(v); }
    public boolean addString(String s) { return strings.add(s); }
    public boolean removeString(String s) { return strings.remove(s); }

    /** The text elements in the order nft lists them: names as little-endian 16-byte integers, IPv6 by address. */
    public List<String> stringsSorted() {
        List<String> l = new ArrayList<>(strings);
        l.sort(type == NftType.IPV6_ADDR ? java.util.Comparator.comparing(NftIpv6::value) : NftSet::compareIfnames);
        return l;
    }

    /** Orders names as nft's mpz comparison of their host-order 16-byte buffers does. */
    public static int compareIfnames(String a, String b) {
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        for (int i = a.length() - 1; i >= 0; i--) {
            if (a.charAt(i) != b.charAt(i)) {
                return Character.compare(a.charAt(i), b.charAt(i));
            }
        }
        return 0;
    }

    /** Empties the set ({@code flush set}). */
    public void flush() {
        exact.clear();
        ranges.clear();
        strings.clear();
    }
}
