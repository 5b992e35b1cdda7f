package io.netemu.stack.frag;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.sys.Sysctls;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * IPv4 reassembly: ip_defrag, ip_frag_queue, inet_frag_queue_insert and ip_frag_reasm
 * (net/ipv4/ip_fragment.c, net/ipv4/inet_fragment.c). Overlapping fragments kill the whole
 * datagram (as Linux does since 4.19, RFC 5722 applied to IPv4); exact or contained
 * duplicates are dropped and the datagram kept. Not modelled: ipfrag_max_dist, per-user
 * (conntrack) queues; memory is the fragments' truesize only.
 */
public final class IpReassembly {
    /** A datagram that timed out (ip_expire); {@code firstFragment} (data at its IP header) only if the offset-0 fragment came, to quote in ICMP time exceeded code 1. */
    public record Expired(SkBuff firstFragment, int iif, int src, int dst, int ident, int protocol, int fragments) {}

    /** What {@link #add} did with the last fragment, for drop accounting. */
    public enum Verdict {
        /** Kept, the datagram is not complete yet. */
        QUEUED,
        /** The datagram is complete. */
        COMPLETE,
        /** Dropped: its data was already there (SKB_DROP_REASON_DUP_FRAG). */
        DUPLICATE,
        /** Dropped with the whole datagram: it overlapped other fragments (ReasmOverlaps). */
        OVERLAP,
        /** Dropped with the whole datagram: inconsistent end, empty, oversized or bad ECN mix. */
        INVALID,
        /** Dropped: fragment memory is above ipfrag_high_thresh. */
        NO_MEMORY
    }

    private static final long S = 1_000_000_000L;
    private static final int SKB_OVERHEAD = 576;
    /** ip_frag_ecn_table: the ECN codepoint of the whole datagram, or -1 for an invalid mix (indexed by IPFRAG_ECN_* bits). */
    private static final int[] ECN_TABLE = {0, 0, 0, -1, 0, -1, 0, -1, 0, -1, 3, -1, 3, -1, 3, -1};

    private final Sysctls sysctl;
    private final LinkedHashMap<FragKey, FragQueue> queues = new LinkedHashMap<>();
    private long mem;
    private long reqds;
    private long oks;
    private long fails;
    private long timeouts;
    private long overlaps;
    private long fragsDropped;
    private Verdict last;

    public IpReassembly(Sysctls sysctl) {
        this.sysctl = sysctl;
    }

    /**
     * A fragment arrived ({@code fragment} data at its IP header, header checked, length trimmed
     * to the total length). Returns the whole datagram once complete: a new buffer with the first
     * fragment's headroom and header, total length set, MF and offset cleared (DF set only if the
     * largest fragment had it), checksum filled; else null (see {@link #lastVerdict}).
     */
    public SkBuff add(SkBuff fragment, long now) {
        reqds++;
        long high = sysctl.getInt("net.ipv4.ipfrag_high_thresh");
        if (high == 0 || mem > high) {
            fails++;
            return drop(Verdict.NO_MEMORY, 1);
        }
        Ipv4Packet ip = Ipv4Packet.of(fragment);
        FragKey key = new FragKey(ip.src(), ip.dst(), ip.ident(), ip.protocol());
        FragQueue q = queues.computeIfAbsent(key, k -> new FragQueue(k, now + sysctl.getInt("net.ipv4.ipfrag_time") * S));
        int ihl = ip.headerLen();
        int offset = ip.fragOffset();
        int end = offset + Math.min(ip.totalLen(), fragment.len()) - ihl;
        if (!ip.moreFrags()) {
            if (end < q.len || (q.lastIn && end != q.len)) {
                return kill(q, Verdict.INVALID);
            }
            q.lastIn = true;
            q.len = end;
        } else {
            end &= ~7;
            if (end > q.len) {
                if (q.lastIn) {
                    return kill(q, Verdict.INVALID);
                }
                q.len = end;
            }
        }
        if (end <= offset) {
            return kill(q, Verdict.INVALID);
        }
        FragQueue.Insert ins = q.insert(new FragQueue.Frag(offset, end, fragment, fragment.dataOffset() + ihl));
        if (ins == FragQueue.Insert.DUP) {
            return drop(Verdict.DUPLICATE, 1);
        }
        if (ins == FragQueue.Insert.OVERLAP) {
            overlaps++;
            return kill(q, Verdict.OVERLAP);
        }
        q.iif = fragment.meta().ifindex();
        q.meat += end - offset;
        q.ecn |= 1 << (ip.tos() & 3);
        long size = (long) fragment.array().length + SKB_OVERHEAD;
        q.mem += size;
        mem += size;
        if (offset == 0) {
            q.firstIn = true;
            q.first = fragment;
        }
        int fragsize = end - offset + ihl;
        q.maxSize = Math.max(q.maxSize, fragsize);
        if (ip.dontFrag() && fragsize > q.maxDfSize) {
            q.maxDfSize = fragsize;
        }
        if (q.firstIn && q.lastIn && q.meat == q.len) {
            return reasm(q, fragment);
        }
        last = Verdict.QUEUED;
        return null;
    }

    /** ip_frag_reasm: glue the payloads behind the first fragment's header. */
    private SkBuff reasm(FragQueue q, SkBuff completing) {
        int ecn = ECN_TABLE[q.ecn];
        Ipv4Packet head = Ipv4Packet.of(q.first);
        int ihl = head.headerLen();
        int len = ihl + q.len;
        if (ecn < 0 || len > 0xffff) {
            return kill(q, Verdict.INVALID);
        }
        int headroom = Math.max(q.first.headroom(), completing.headroom());
        SkBuff out = SkBuff.alloc(headroom, len).put(len).withMeta(q.first.meta().withIfindex(q.iif));
        byte[] b = out.array();
        int at = out.dataOffset();
        System.arraycopy(q.first.array(), q.first.dataOffset(), b, at, ihl);
        for (FragQueue.Frag f : q.fragments()) {
            System.arraycopy(f.skb().array(), f.from(), b, at + ihl + f.offset(), f.end() - f.offset());
        }
        Ipv4Packet p = Ipv4Packet.of(out);
        p.setTotalLen(len);
        p.setTos(p.tos() | ecn);
        b[at + Ipv4Packet.Field.FLAGS_FRAG] = 0;
        b[at + Ipv4Packet.Field.FLAGS_FRAG + 1] = 0;
        p.setDontFrag(q.maxDfSize == q.maxSize);
        p.fillChecksum();
        remove(q);
        oks++;
        last = Verdict.COMPLETE;
        return out;
    }

    /** ip_expire for every datagram whose ipfrag_time ran out at {@code now}. */
    public List<Expired> expire(long now) {
        List<Expired> out = new ArrayList<>(0);
        for (Iterator<FragQueue> it = queues.values().iterator(); it.hasNext(); ) {
            FragQueue q = it.next();
            if (q.deadline <= now) {
                it.remove();
                mem -= q.mem;
                fails++;
                timeouts++;
                fragsDropped += q.count();
                FragKey k = q.key;
                out.add(new Expired(q.firstIn ? q.first : null, q.iif, k.src(), k.dst(), k.ident(), k.protocol(), q.count()));
            }
        }
        return out;
    }

    /** When the oldest datagram times out; Long.MAX_VALUE if none is pending. */
    public long nextDeadline() {
        long d = Long.MAX_VALUE;
        for (FragQueue q : queues.values()) {
            d = Math.min(d, q.deadline);
        }
        return d;
    }

    /** Datagrams being reassembled. */
    public int pending() { return queues.size(); }

    /** Bytes held by pending fragments (frag_mem_limit). */
    public long memory() { return mem; }

    public Verdict lastVerdict() { return last; }

    /** /proc/net/snmp Ip: ReasmReqds, fragments received. */
    public long reasmReqds() { return reqds; }
    /** Ip: ReasmOKs, datagrams reassembled. */
    public long reasmOks() { return oks; }
    /** Ip: ReasmFails, datagrams given up (timeouts included) and fragments refused for memory. */
    public long reasmFails() { return fails; }
    /** /proc/net/snmp Ip: ReasmTimeout. */
    public long reasmTimeout() { return timeouts; }
    /** /proc/net/netstat IpExt: ReasmOverlaps. */
    public long reasmOverlaps() { return overlaps; }
    /** Fragments dropped for any reason, including those of datagrams given up. */
    public long fragsDropped() { return fragsDropped; }

    private SkBuff kill(FragQueue q, Verdict why) {
        remove(q);
        fails++;
        return drop(why, q.count() + 1);
    }

    private SkBuff drop(Verdict why, int fragments) {
        fragsDropped += fragments;
        last = why;
        return null;
    }

    private void remove(FragQueue q) {
        queues.remove(q.key);
        mem -= q.mem;
    }
}
