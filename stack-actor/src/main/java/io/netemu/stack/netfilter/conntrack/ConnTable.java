package io.netemu.stack.netfilter.conntrack;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The connection hash (nf_conntrack_hash): every confirmed entry is linked under its original
 * tuple in one bucket array and under its reply tuple in another, so one lookup finds a packet's
 * connection in either direction (hash_conntrack / ____nf_conntrack_find). Buckets are chosen by
 * the hash's top bits and the arrays double as the table grows; {@link #earlyDrop} maps the
 * kernel's fixed bucket count ({@code nf_conntrack_buckets}) onto them.
 */
final class ConnTable {
    private Conn[] orig = new Conn[64];
    private Conn[] reply = new Conn[64];
    private int shift = 32 - 6;
    private int size;
    private int gcCursor;
    /** Set by {@link #find}: whether the tuple matched the entry's reply direction. */
    boolean foundReply;

    int size() { return size; }

    private int idx(int hash) { return hash >>> shift; }

    /** The live entry with tuple {@code t} in either direction, or null; expired entries met are reaped. */
    Conn find(Tuple t, long now, Consumer<Conn> reaper) {
        return find(t.src(), t.dst(), t.sport(), t.dport(), t.proto(), now, reaper, null);
    }

    /** As {@link #find(Tuple, long, Consumer)}, skipping {@code ignored} (nf_conntrack_tuple_taken). */
    Conn find(int src, int dst, int sport, int dport, int proto, long now, Consumer<Conn> reaper, Conn ignored) {
        int i = idx(Tuple.hash(src, dst, sport, dport, proto));
        for (Conn c = orig[i]; c != null; c = c.nextOrig) {
            if (c != ignored && c.origEquals(src, dst, sport, dport, proto)) {
                if (c.expired(now)) {
                    reaper.accept(c);
                    return find(src, dst, sport, dport, proto, now, reaper, ignored);
                }
                foundReply = false;
                return c;
            }
        }
        for (Conn c = reply[i]; c != null; c = c.nextReply) {
            if (c != ignored && c.replyEquals(src, dst, sport, dport, proto)) {
                if (c.expired(now)) {
                    reaper.accept(c);
                    return find(src, dst, sport, dport, proto, now, reaper, ignored);
                }
                foundReply = true;
                return c;
            }
        }
        return null;
    }

    void insert(Conn c) {
        if (size >= orig.length) {
            grow();
        }
        link(c);
        size++;
    }

    private void link(Conn c) {
        int i = idx(c.origHash());
        c.nextOrig = orig[i];
        orig[i] = c;
        int j = idx(c.replyHash());
        c.nextReply = reply[j];
        reply[j] = c;
    }

    void remove(Conn c) {
        int i = idx(c.origHash());
        if (orig[i] == c) {
            orig[i] = c.nextOrig;
        } else {
            Conn p = orig[i];
            while (p != null && p.nextOrig != c) {
                p = p.nextOrig;
            }
            if (p == null) {
                return; // not in the table
            }
            p.nextOrig = c.nextOrig;
        }
        int j = idx(c.replyHash());
        if (reply[j] == c) {
            reply[j] = c.nextReply;
        } else {
            Conn p = reply[j];
            while (p.nextReply != c) {
                p = p.nextReply;
            }
            p.nextReply = c.nextReply;
        }
        c.nextOrig = null;
        c.nextReply = null;
        size--;
    }

    private void grow() {
        List<Conn> all = all();
        orig = new Conn[orig.length * 2];
        reply = new Conn[reply.length * 2];
        shift--;
        for (Conn c : all) {
            link(c);
        }
        gcCursor = 0;
    }

    /** Every entry, expired or not. */
    List<Conn> all() {
        List<Conn> out = new ArrayList<>(size);
        for (Conn head : orig) {
            for (Conn c = head; c != null; c = c.nextOrig) {
                out.add(c);
            }
        }
        return out;
    }

    /** One step of the garbage collector (gc_worker): reaps the expired entries of {@code buckets} buckets. */
    void gcStep(int buckets, long now, Consumer<Conn> reaper) {
        for (int n = 0; n < buckets; n++) {
            gcCursor = (gcCursor + 1) & (orig.length - 1);
            Conn c = orig[gcCursor];
            while (c != null) {
                Conn next = c.nextOrig;
                if (c.expired(now)) {
                    reaper.accept(c);
                }
                c = next;
            }
        }
    }

    /**
     * early_drop: in up to 8 of the kernel's {@code virtualBuckets} buckets from the new tuple's,
     * deletes every entry not yet assured in the first bucket that has one; expired entries met
     * on the way are reaped. Returns how many were dropped (0: the table stays full).
     */
    int earlyDrop(int hash, int virtualBuckets, long now, Consumer<Conn> reaper, Consumer<Conn> dropper) {
        long vb = virtualBuckets & 0xffffffffL;
        long first = ((hash & 0xffffffffL) * vb) >>> 32;
        for (int k = 0; k < 8; k++) {
            long b = (first + k) % vb;
            // the hashes of virtual bucket b are [lo, hi]; they fall in a run of our buckets
            long lo = (b << 32) / vb + ((b << 32) % vb == 0 ? 0 : 1);
            long hi = (((b + 1) << 32) - 1) / vb;
            List<Conn> victims = new ArrayList<>();
            for (long i = lo >>> shift; i <= (hi >>> shift) && i < orig.length; i++) {
                collect(orig[(int) i], true, b, vb, now, victims, reaper);
                collect(reply[(int) i], false, b, vb, now, victims, reaper);
            }
            if (!victims.isEmpty()) {
                victims.forEach(dropper);
                return victims.size();
            }
        }
        return 0;
    }

    private static void collect(Conn head, boolean origChain, long b, long vb, long now, List<Conn> victims,
                                Consumer<Conn> reaper) {
        Conn c = head;
        while (c != null) {
            Conn next = origChain ? c.nextOrig : c.nextReply;
            int h = origChain ? c.origHash() : c.replyHash();
            if ((((h & 0xffffffffL) * vb) >>> 32) == b) {
                if (c.expired(now)) {
                    reaper.accept(c);
                } else if (!c.has(Conn.ASSURED) && !victims.contains(c)) {
                    victims.add(c);
                }
            }
            c = next;
        }
    }
}
