package io.netemu.stack.neigh;

import io.netemu.packet.SkBuff;
import io.netemu.stack.NetException;
import io.netemu.stack.sys.Sysctls;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * The ARP neighbour table of one namespace: net/core/neighbour.c (neigh_resolve_output,
 * __neigh_event_send, __neigh_update, neigh_timer_handler) driven as arp_tbl is by net/ipv4/arp.c.
 *
 * <p>Plain state, no clock: every call takes {@code now} in nanoseconds and {@link #tick} runs
 * the timers due. Deviations from Linux, for determinism: the reachable time is exactly
 * base_reachable_time (Linux draws from 0.5..1.5×), a REACHABLE entry expires at exactly
 * confirmed + reachable time (Linux's jiffy timer re-checks 10 ms later), garbage collection
 * happens when an entry becomes collectable rather than at the next 15 s periodic run, and
 * entries are listed in creation order (Linux walks a randomly seeded hash).
 */
public final class NeighTable {
    /** Send an ARP request for {@code targetIp}: broadcast when {@code unicastMac} is -1; {@code sourceHint} is the source of the packet that waits (0 if none), as arp_solicit prefers. */
    public record Solicit(int ifindex, int targetIp, long unicastMac, int sourceHint) {
        public Solicit(int ifindex, int targetIp, long unicastMac) { this(ifindex, targetIp, unicastMac, 0); }
        public boolean broadcast() { return unicastMac < 0; }
    }

    /** An entry turned FAILED (neigh_invalidate): drop {@code dropped}, count them and send ICMP host unreachable for each. */
    public record Failure(int ifindex, int ip, List<SkBuff> dropped) {}

    /** Packets an administrative change ({@code ip neigh add/replace/change}) resolved: send them to {@code mac}. */
    public record Released(int ifindex, int ip, long mac, List<SkBuff> skbs) {}

    private static final int OVERRIDE = NeighNud.OVERRIDE;
    private static final int ADMIN = NeighNud.ADMIN;

    private final Sysctls sysctl;
    private final LinkedHashMap<Long, Neighbour> table = new LinkedHashMap<>();
    private final NeighTimers timers = new NeighTimers();
    private final NeighNud nud = new NeighNud(timers);
    private final List<Released> released = new ArrayList<>(0);
    private final List<Failure> adminFailures = new ArrayList<>(0);
    private long seq;
    private long lastForcedGc = Long.MIN_VALUE / 2;
    private long tableFulls;

    public NeighTable(Sysctls sysctl) {
        this.sysctl = sysctl;
    }

    /**
     * neigh_resolve_output for a packet to {@code ip} on {@code ifindex} ({@code skb} data at its
     * IPv4 header, or null just to trigger resolution). REACHABLE, PERMANENT and NOARP entries take
     * the fast path (neigh_hh_output) and do not refresh the entry's use time. Multicast and
     * limited-broadcast destinations get NOARP entries with the mapped address, as arp_constructor does.
     */
    public NeighResult resolve(int ifindex, int ip, SkBuff skb, long now) {
        Neighbour n = table.get(key(ifindex, ip));
        if (n != null && n.state.connected()) {
            return new NeighResult.Resolved(n.mac);
        }
        NeighParms p = parms();
        if (n == null) {
            n = create(ifindex, ip, p, now, false);
            if (n == null) {
                return new NeighResult.Dropped("neighbour table overflow");
            }
            long mapped = noArpMac(ip);
            if (mapped >= 0) {
                n.state = NudState.NOARP;
                n.mac = mapped;
                return new NeighResult.Resolved(mapped);
            }
        }
        return nud.eventSend(n, skb, p, now);
    }

    /**
     * An ARP packet from {@code (senderIp, senderMac)} arrived on {@code ifindex} (arp_process).
     * {@code createIfMissing}: a request whose target is one of our addresses (neigh_event_ns:
     * the entry is created if needed and becomes STALE). Otherwise only an existing entry is
     * updated: REACHABLE when {@code isReplyToUs} (a reply addressed to our MAC), else STALE
     * (requests, broadcast replies). Returns the queued packets to send now with {@code senderMac}, in order.
     */
    public List<SkBuff> arpReceived(int ifindex, int senderIp, long senderMac, boolean isReplyToUs,
                                    boolean createIfMissing, long now) {
        return arpReceived(ifindex, senderIp, senderMac, isReplyToUs, createIfMissing, false, now);
    }

    /** As above; {@code garp} (sender IP = target IP) overrides the locktime as arp_is_garp does. */
    public List<SkBuff> arpReceived(int ifindex, int senderIp, long senderMac, boolean isReplyToUs,
                                    boolean createIfMissing, boolean garp, long now) {
        NeighParms p = parms();
        Neighbour n = table.get(key(ifindex, senderIp));
        if (createIfMissing) {
            if (n == null && (n = create(ifindex, senderIp, p, now, false)) == null) {
                return List.of();
            }
            return nud.update(n, senderMac, NudState.STALE, OVERRIDE, p, now, adminFailures);
        }
        if (n == null) {
            return List.of(); // arp_accept = 0: unsolicited ARP creates nothing
        }
        boolean override = now > n.updated + p.locktime() || garp;
        return nud.update(n, senderMac, isReplyToUs ? NudState.REACHABLE : NudState.STALE, override ? OVERRIDE : 0, p, now,
                adminFailures);
    }

    /** An upper layer confirmed the neighbour is reachable (neigh_confirm, dst_confirm from TCP). */
    public void confirm(int ifindex, int ip, long now) {
        Neighbour n = table.get(key(ifindex, ip));
        if (n != null) {
            n.confirmed = now;
        }
    }

    /** Creates (or returns) a NOARP entry, e.g. for a subnet-directed broadcast (arp_constructor, RTN_BROADCAST). */
    public long noArp(int ifindex, int ip, long mac, long now) {
        Neighbour n = table.get(key(ifindex, ip));
        if (n == null && (n = create(ifindex, ip, parms(), now, false)) != null) {
            n.state = NudState.NOARP;
            n.mac = mac;
        }
        return n == null ? mac : n.mac;
    }

    /** Runs the timers due at {@code now} (neigh_timer_handler), then the garbage collector. */
    public NeighTick tick(long now) {
        List<Solicit> solicits = new ArrayList<>(0);
        List<Failure> failures = new ArrayList<>(0);
        NeighParms p = null;
        for (Neighbour n; (n = timers.pollDue(now)) != null; ) {
            p = p == null ? parms() : p;
            nud.fire(n, p, now, solicits, failures);
        }
        if (!table.isEmpty() && table.size() >= gcThresh1()) {
            NeighGc.periodic(table, p == null ? parms() : p, now);
        }
        return new NeighTick(solicits, failures, nextDeadline());
    }

    /** The next time {@link #tick} has work; Long.MAX_VALUE when nothing is pending. */
    public long nextDeadline() {
        long d = timers.next();
        if (!table.isEmpty() && table.size() >= gcThresh1()) {
            d = Math.min(d, NeighGc.nextSweep(table, parms()));
        }
        return d;
    }

    /** {@code ip neigh add} (NLM_F_CREATE|NLM_F_EXCL); {@code mac} -1 when no lladdr was given. */
    public void add(int ifindex, int ip, long mac, NudState state, long now) throws NetException {
        modify(ifindex, ip, mac, state, true, true, false, now);
    }

    /** {@code ip neigh replace} (NLM_F_CREATE|NLM_F_REPLACE). */
    public void replace(int ifindex, int ip, long mac, NudState state, long now) throws NetException {
        modify(ifindex, ip, mac, state, true, false, true, now);
    }

    /** {@code ip neigh change} (NLM_F_REPLACE): the entry must exist. */
    public void change(int ifindex, int ip, long mac, NudState state, long now) throws NetException {
        modify(ifindex, ip, mac, state, false, false, true, now);
    }

    /** neigh_add. Packets the change resolves go to {@link #drainReleased}. */
    private void modify(int ifindex, int ip, long mac, NudState state, boolean create, boolean excl, boolean replace,
                        long now) throws NetException {
        NeighParms p = parms();
        Neighbour n = table.get(key(ifindex, ip));
        int flags = ADMIN | OVERRIDE;
        if (n == null) {
            if (!create) {
                throw noEntry();
            }
            if ((n = create(ifindex, ip, p, now, state == NudState.PERMANENT)) == null) {
                throw new NetException(105, "RTNETLINK answers: No buffer space available");
            }
        } else if (excl) {
            throw NetException.exists();
        } else if (!replace) {
            flags &= ~OVERRIDE;
        }
        if (state.valid() && mac < 0 && !n.state.valid()) {
            throw new NetException(NetException.EINVAL, "Error: No link layer address given.");
        }
        List<SkBuff> out = nud.update(n, mac, state, flags, p, now, adminFailures);
        if (!out.isEmpty()) {
            released.add(new Released(n.ifindex, n.ip, n.mac, out));
        }
    }

    /** {@code ip neigh del} (neigh_delete): FAILED first, so queued packets are reported to {@link #drainFailures}. */
    public void delete(int ifindex, int ip, long now) throws NetException {
        Neighbour n = table.get(key(ifindex, ip));
        if (n == null) {
            throw noEntry();
        }
        nud.update(n, -1, NudState.FAILED, ADMIN | OVERRIDE, parms(), now, adminFailures);
        remove(n);
    }

    /** Deletes every entry {@code which} selects, as {@code ip neigh flush} does one by one; returns how many. */
    public int deleteIf(Predicate<NeighEntry> which, long now) {
        int count = 0;
        for (Neighbour n : List.copyOf(table.values())) {
            if (which.test(n.snapshot())) {
                nud.update(n, -1, NudState.FAILED, ADMIN | OVERRIDE, parms(), now, adminFailures);
                remove(n);
                count++;
            }
        }
        return count;
    }

    /** Carrier lost (neigh_carrier_down): every entry of the device but PERMANENT ones goes; returns the packets they held. */
    public List<SkBuff> flushDev(int ifindex) {
        return flush(ifindex, true);
    }

    /** Device down or deleted (neigh_ifdown): every entry of the device goes, PERMANENT ones too. */
    public List<SkBuff> ifDown(int ifindex) {
        return flush(ifindex, false);
    }

    private List<SkBuff> flush(int ifindex, boolean skipPermanent) {
        List<SkBuff> dropped = new ArrayList<>(0);
        for (Iterator<Neighbour> it = table.values().iterator(); it.hasNext(); ) {
            Neighbour n = it.next();
            if (n.ifindex == ifindex && !(skipPermanent && n.state == NudState.PERMANENT)) {
                timers.disarm(n);
                dropped.addAll(n.drainQueue());
                it.remove();
            }
        }
        return dropped;
    }

    /** All entries, in creation order. */
    public List<NeighEntry> entries() {
        List<NeighEntry> out = new ArrayList<>(table.size());
        for (Neighbour n : table.values()) {
            out.add(n.snapshot());
        }
        return out;
    }

    /** The entry for {@code ip} on {@code ifindex}, or null. */
    public NeighEntry lookup(int ifindex, int ip) {
        Neighbour n = table.get(key(ifindex, ip));
        return n == null ? null : n.snapshot();
    }

    /** Packets resolved by administrative changes since the last call; the caller sends them. */
    public List<Released> drainReleased() { return drain(released); }

    /** Packets dropped by administrative deletes since the last call (treat as {@link NeighTick#failures}). */
    public List<Failure> drainFailures() { return drain(adminFailures); }

    /** Packets dropped from full queues (NEIGH_CACHE_STAT unres_discards). */
    public long unresDiscards() { return nud.unresDiscards; }

    /** Entries refused because the table was full (table_fulls). */
    public long tableFulls() { return tableFulls; }

    private static <T> List<T> drain(List<T> l) {
        if (l.isEmpty()) {
            return List.of();
        }
        List<T> out = List.copyOf(l);
        l.clear();
        return out;
    }

    private Neighbour create(int ifindex, int ip, NeighParms p, long now, boolean exemptFromGc) {
        if (!exemptFromGc) {
            int entries = NeighGc.gcEntries(table);
            if (entries >= p.gcThresh3() || (entries >= p.gcThresh2() && now > lastForcedGc + NeighGc.FORCED_GC_AGE)) {
                lastForcedGc = now;
                if (NeighGc.forced(table, p, now) == 0 && entries >= p.gcThresh3()) {
                    tableFulls++;
                    return null;
                }
            }
        }
        Neighbour n = new Neighbour(ifindex, ip, seq++);
        n.updated = now;
        n.used = now;
        n.confirmed = now - 2 * p.baseReachable();
        table.put(key(ifindex, ip), n);
        return n;
    }

    private void remove(Neighbour n) {
        timers.disarm(n);
        table.remove(key(n.ifindex, n.ip));
    }

    private static long noArpMac(int ip) {
        if (ip == -1) {
            return 0xffff_ffff_ffffL;
        }
        return NeighGc.isMulticast(ip) ? 0x0100_5e00_0000L | (ip & 0x7f_ffffL) : -1;
    }

    private long parmsVersion = -1;
    private NeighParms cachedParms;

    private NeighParms parms() {
        if (sysctl.version() != parmsVersion) {
            cachedParms = NeighParms.of(sysctl);
            parmsVersion = sysctl.version();
        }
        return cachedParms;
    }

    private int gcThresh1() { return parms().gcThresh1(); }

    private static long key(int ifindex, int ip) {
        return ((long) ifindex << 32) | (ip & 0xffff_ffffL);
    }

    private static NetException noEntry() {
        return new NetException(NetException.ENOENT, "RTNETLINK answers: No such file or directory");
    }
}
