package io.netemu.stack.netfilter.conntrack;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfPacket.CtState;
import io.netemu.stack.netfilter.NfPriority;
import io.netemu.stack.netfilter.NfVerdict;
import io.netemu.stack.netfilter.Netfilter;
import io.netemu.stack.sys.Sysctls;
import java.util.Comparator;
import java.util.List;

/**
 * The connection tracker of one namespace (net/netfilter/nf_conntrack_core.c: nf_conntrack_in,
 * resolve_normal_ct, __nf_conntrack_alloc with early_drop, __nf_conntrack_confirm), with NAT's
 * hooks ({@link Nat}). Entries expire lazily: on lookup, in small garbage-collection steps after
 * each insertion, and before listing.
 */
public final class Conntrack {
    static final int V_ACCEPT = 0;
    static final int V_INVALID = 1;
    static final int V_DROP = 2;
    static final int V_REPEAT = 3;
    static final String OWNER = "nf_conntrack";
    static final String NAT_OWNER = "nf_nat";
    private static final long SEC = 1_000_000_000L;

    final ConnTable table = new ConnTable();
    final CtSysctls sys;
    final NatIndex bySource = new NatIndex();
    /** NAT's port choices (get_random_u16 in the kernel): seeded, so runs repeat. */
    final java.util.SplittableRandom random = new java.util.SplittableRandom(0x6e66_6e61_74L);
    private int lastId;
    private long nextSweep;
    private boolean swept;
    private long found;
    private long invalid;
    private long inserted;
    private long insertFailed;
    private long drops;
    private long earlyDrops;
    private long errors;
    private long clashResolved;
    private long rateBegin = Long.MIN_VALUE;
    private int ratePrinted;
    private int rateMissed;

    private Conntrack(Sysctls sysctl) { this.sys = new CtSysctls(sysctl); }

    /**
     * Loads conntrack into a namespace once (idempotent), as nf_conntrack does when a table or rule
     * needs it: tracking at PRE_ROUTING and LOCAL_OUT ({@link NfPriority#CONNTRACK}), confirmation
     * at POST_ROUTING and LOCAL_IN ({@link NfPriority#CONNTRACK_CONFIRM}), and NAT's hooks at
     * {@link NfPriority#NAT_DST} (PRE_ROUTING, LOCAL_OUT) and {@link NfPriority#NAT_SRC}
     * (POST_ROUTING, LOCAL_IN). Stores itself with {@code nf.setConntrack}.
     */
    public static Conntrack ensure(Netfilter nf, Sysctls sysctl) {
        if (nf.conntrack() != null) {
            return nf.conntrack();
        }
        Conntrack ct = new Conntrack(sysctl);
        nf.register(NfHook.PRE_ROUTING, NfPriority.CONNTRACK, OWNER, ct::in);
        nf.register(NfHook.LOCAL_OUT, NfPriority.CONNTRACK, OWNER, ct::in);
        nf.register(NfHook.POST_ROUTING, NfPriority.CONNTRACK_CONFIRM, OWNER, ct::confirm);
        nf.register(NfHook.LOCAL_IN, NfPriority.CONNTRACK_CONFIRM, OWNER, ct::confirm);
        nf.register(NfHook.PRE_ROUTING, NfPriority.NAT_DST, NAT_OWNER, p -> Nat.hook(p, false));
        nf.register(NfHook.LOCAL_OUT, NfPriority.NAT_DST, NAT_OWNER, p -> Nat.hook(p, false));
        nf.register(NfHook.POST_ROUTING, NfPriority.NAT_SRC, NAT_OWNER, p -> Nat.hook(p, true));
        nf.register(NfHook.LOCAL_IN, NfPriority.NAT_SRC, NAT_OWNER, p -> Nat.hook(p, true));
        nf.setConntrack(ct);
        return ct;
    }

    /** The raw table's NOTRACK / {@code ct notrack}: conntrack leaves this packet alone. */
    public static void markUntracked(NfPacket p) {
        p.ct = null;
        p.ctState = CtState.UNTRACKED;
    }

    /** nf_conntrack_in: finds or creates the packet's connection and sets {@code p.ct} and {@code p.ctState}. */
    NfVerdict in(NfPacket p) {
        if (p.ct != null || p.ctState == CtState.UNTRACKED) {
            return NfVerdict.ACCEPT; // seen before: looped back, or untracked
        }
        p.ctState = null;
        CtSysctls s = sys.fresh();
        long now = p.ops.now();
        SkBuff skb = p.skb;
        Ipv4Packet ip = Ipv4Packet.of(skb);
        if (skb.len() < Ipv4Packet.MIN_HEADER_LEN || ip.fragOffset() != 0 || ip.headerLen() > skb.len()) {
            return invalid(p); // no transport header here (nf_defrag runs first)
        }
        int total = Math.min(ip.totalLen(), skb.len());
        byte[] b = skb.array();
        int off = skb.dataOffset();
        int l4 = off + ip.headerLen();
        int l4len = total - ip.headerLen();
        boolean pre = p.hook == NfHook.PRE_ROUTING;
        if (ip.protocol() == Tuple.ICMP) {
            int r = L4Trackers.icmpError(this, p, b, off, l4, l4len, pre && s.checksum, now);
            if (r != 0) {
                if (r < 0) {
                    errors++;
                    p.ctState = CtState.INVALID;
                }
                return NfVerdict.ACCEPT;
            }
        }
        Tuple t = Tuple.of(b, off, total);
        if (t == null) {
            return invalid(p);
        }
        for (int attempt = 0; ; attempt++) {
            Conn c = table.find(t, now, this::delete);
            int dir = Conn.ORIGINAL;
            if (c == null) {
                Tuple r = t.invert();
                if (r == null) {
                    return invalid(p);
                }
                if (s.max > 0 && table.size() >= s.max && !makeRoom(t, s, now)) {
                    drops++;
                    tableFull(p, now);
                    return NfVerdict.DROP;
                }
                c = new Conn(this, ++lastId, t, r);
                if (s.acct) {
                    c.acct = new long[4];
                }
            } else {
                found++;
                dir = table.foundReply ? Conn.REPLY : Conn.ORIGINAL;
            }
            int v = L4Trackers.packet(c, dir, p, b, off, l4, l4len, total, s, pre, now);
            if (v == V_REPEAT && attempt == 0) {
                delete(c); // reopening a closed connection: look up again, afresh
                continue;
            }
            if (v != V_ACCEPT) {
                invalid++;
                p.ctState = CtState.INVALID;
                if (v == V_DROP) {
                    drops++;
                    return NfVerdict.DROP;
                }
                return NfVerdict.ACCEPT;
            }
            if (dir == Conn.REPLY) {
                c.status |= Conn.SEEN_REPLY;
            }
            p.ct = c;
            p.ctState = dir == Conn.REPLY || c.has(Conn.SEEN_REPLY) ? CtState.ESTABLISHED : CtState.NEW;
            return NfVerdict.ACCEPT;
        }
    }

    private NfVerdict invalid(NfPacket p) {
        invalid++;
        p.ctState = CtState.INVALID;
        return NfVerdict.ACCEPT;
    }

    /** The table is full: reap what the gc worker would have, else early_drop around the new tuple's bucket. */
    private boolean makeRoom(Tuple t, CtSysctls s, long now) {
        if (!swept || now - nextSweep >= 0) {
            swept = true;
            nextSweep = now + SEC;
            for (Conn c : table.all()) {
                if (c.expired(now)) {
                    delete(c);
                }
            }
            if (table.size() < s.max) {
                return true;
            }
        }
        int n = table.earlyDrop(t.hash(), s.buckets, now, this::delete, this::delete);
        earlyDrops += n;
        return n > 0;
    }

    /** "nf_conntrack: table full, dropping packet" through net_ratelimit (10 per 5 s). */
    private void tableFull(NfPacket p, long now) {
        if (rateBegin == Long.MIN_VALUE || now - rateBegin >= 5 * SEC) {
            if (rateMissed > 0) {
                p.ops.klog("net_ratelimit: " + rateMissed + " callbacks suppressed");
            }
            rateBegin = now;
            ratePrinted = 0;
            rateMissed = 0;
        }
        if (ratePrinted < 10) {
            ratePrinted++;
            p.ops.klog("nf_conntrack: nf_conntrack: table full, dropping packet");
        } else {
            rateMissed++;
        }
    }

    /** __nf_conntrack_confirm: a new connection's first packet leaves the box, so its entry enters the table. */
    NfVerdict confirm(NfPacket p) {
        Conn c = p.ct;
        if (c == null || c.confirmed() || p.ctState != CtState.NEW) {
            return NfVerdict.ACCEPT;
        }
        long now = p.ops.now();
        if (!c.has(Conn.SRC_NAT_DONE)) {
            NfVerdict v = Nat.nullBinding(p, c); // nf_nat_alloc_null_binding: keep the tuple unique
            if (v != NfVerdict.ACCEPT) {
                return v;
            }
        }
        c.status |= Conn.SRC_NAT_DONE | Conn.DST_NAT_DONE;
        Tuple o = c.orig();
        Tuple r = c.reply();
        Conn other = table.find(o, now, this::delete);
        if (other == null) {
            other = table.find(r, now, this::delete);
        }
        if (other != null) {
            if (other.origEquals(o.src(), o.dst(), o.sport(), o.dport(), o.proto())
                    && other.replyEquals(r.src(), r.dst(), r.sport(), r.dport(), r.proto())) {
                clashResolved++; // nf_ct_resolve_clash: the same flow raced in, use that entry
                p.ct = other;
                return NfVerdict.ACCEPT;
            }
            insertFailed++;
            drops++;
            return NfVerdict.DROP;
        }
        c.status |= Conn.CONFIRMED;
        table.insert(c);
        if (c.has(Conn.SRC_NAT)) {
            bySource.add(c);
        }
        inserted++;
        table.gcStep(2, now, this::delete);
        return NfVerdict.ACCEPT;
    }

    /** nf_ct_refresh_acct: counts the packet and, unless the timeout is fixed, moves the deadline. */
    void refresh(Conn c, int dir, int len, long timeout, long now) {
        if (!c.has(Conn.FIXED_TIMEOUT)) {
            c.deadline = now + timeout;
        }
        c.account(dir, len);
    }

    /** A NAT binding whose tuple is taken: confirmation would fail (insert_failed) and drop. */
    void natClash() {
        insertFailed++;
        drops++;
    }

    /** nf_ct_kill_acct. */
    void killAcct(Conn c, int dir, int len) {
        c.account(dir, len);
        delete(c);
    }

    /** nf_ct_delete: out of the table (and the NAT index); packets holding it keep it. */
    void delete(Conn c) {
        if (c.confirmed() && (c.status & Conn.DYING) == 0) {
            table.remove(c);
            if (c.has(Conn.SRC_NAT)) {
                bySource.remove(c);
            }
        }
        c.status |= Conn.DYING;
    }

    /** Whether another live entry already uses {@code t} in either direction (nf_conntrack_tuple_taken). */
    boolean taken(Tuple t, Conn ignored, long now) {
        return table.find(t.src(), t.dst(), t.sport(), t.dport(), t.proto(), now, this::delete, ignored) != null;
    }

    /** Live connections for {@code conntrack -L}, oldest first; expired ones are dropped first. */
    public List<Conn> entries(long now) {
        List<Conn> all = table.all();
        all.removeIf(c -> {
            if (c.expired(now)) {
                delete(c);
                return true;
            }
            return false;
        });
        all.sort(Comparator.comparingInt(Conn::id));
        return all;
    }

    /** {@code conntrack -F}: removes every entry; returns how many. */
    public int flush() {
        List<Conn> all = table.all();
        all.forEach(this::delete);
        return all.size();
    }

    /** {@code conntrack -D}: removes one entry; false if it was not in the table. */
    public boolean remove(Conn c) {
        boolean in = c.confirmed() && (c.status & Conn.DYING) == 0;
        delete(c);
        return in;
    }

    /** Entries in the table, expired ones not yet reaped included (nf_conntrack_count). */
    public int count() { return table.size(); }

    /** Live entries at {@code now}. */
    public int count(long now) { return entries(now).size(); }

    /** /proc/net/stat/nf_conntrack counters. */
    public long found() { return found; }
    public long invalid() { return invalid; }
    public long inserted() { return inserted; }
    public long insertFailed() { return insertFailed; }
    public long drops() { return drops; }
    public long earlyDrops() { return earlyDrops; }
    public long errors() { return errors; }
    public long clashResolved() { return clashResolved; }
}
