package io.netemu.stack.neigh;

import io.netemu.packet.SkBuff;
import java.util.List;

/** The NUD state machine of one entry: __neigh_update, neigh_timer_handler and neigh_probe/arp_solicit (net/core/neighbour.c, net/ipv4/arp.c). */
final class NeighNud {
    static final long TICK = 10_000_000L; // HZ/100, the minimum timer delay
    static final int OVERRIDE = 1; // NEIGH_UPDATE_F_OVERRIDE
    static final int ADMIN = 2; // NEIGH_UPDATE_F_ADMIN

    private final NeighTimers timers;
    /** Packets dropped from full queues (NEIGH_CACHE_STAT unres_discards). */
    long unresDiscards;

    NeighNud(NeighTimers timers) {
        this.timers = timers;
    }

    /**
     * __neigh_event_send for an entry off the fast path: STALE goes DELAY and sends with the old
     * address, INCOMPLETE queues, NONE and FAILED start resolving (INCOMPLETE, a request at once).
     */
    NeighResult eventSend(Neighbour n, SkBuff skb, NeighParms p, long now) {
        n.used = now;
        switch (n.state) {
            case DELAY, PROBE:
                return new NeighResult.Resolved(n.mac);
            case STALE:
                n.state = NudState.DELAY;
                n.updated = now;
                timers.arm(n, now + p.delayProbe());
                return new NeighResult.Resolved(n.mac);
            case INCOMPLETE:
                return new NeighResult.Queued(null, enqueue(n, skb, p));
            default: // NONE, FAILED: (re)start resolution
                if (p.mcast() + p.app() == 0) {
                    n.state = NudState.FAILED;
                    n.updated = now;
                    return new NeighResult.Dropped("no solicitation allowed (mcast_solicit + app_solicit = 0)");
                }
                n.probes = p.ucast();
                n.state = NudState.INCOMPLETE;
                n.updated = now;
                timers.arm(n, now + Math.max(p.retrans(), TICK));
                List<SkBuff> evicted = enqueue(n, skb, p);
                return new NeighResult.Queued(probe(n, p), evicted);
        }
    }

    private List<SkBuff> enqueue(Neighbour n, SkBuff skb, NeighParms p) {
        if (skb == null) {
            return List.of();
        }
        List<SkBuff> evicted = n.enqueue(skb, p.queueLenBytes());
        unresDiscards += evicted.size();
        return evicted;
    }

    /** neigh_timer_handler: the entry's timer expired at {@code now}. */
    void fire(Neighbour n, NeighParms p, long now, List<NeighTable.Solicit> solicits, List<NeighTable.Failure> failures) {
        long next = now + 1_000_000_000L;
        if (n.state == NudState.REACHABLE) {
            if (now < n.confirmed + p.reachable()) {
                next = n.confirmed + p.reachable();
            } else if (now <= n.used + p.delayProbe()) {
                setState(n, NudState.DELAY, now);
                next = now + p.delayProbe();
            } else {
                setState(n, NudState.STALE, now);
            }
        } else if (n.state == NudState.DELAY) {
            if (now <= n.confirmed + p.delayProbe()) {
                setState(n, NudState.REACHABLE, now);
                next = n.confirmed + p.reachable();
            } else {
                setState(n, NudState.PROBE, now);
                n.probes = 0;
                next = now + Math.max(p.retrans(), TICK);
            }
        } else {
            next = now + Math.max(p.retrans(), TICK);
        }
        boolean probing = n.state == NudState.INCOMPLETE || n.state == NudState.PROBE;
        if (probing && n.probes >= maxProbes(n, p)) {
            setState(n, NudState.FAILED, now);
            failures.add(new NeighTable.Failure(n.ifindex, n.ip, n.drainQueue()));
            return;
        }
        if (n.state.inTimer()) {
            timers.arm(n, Math.max(next, now + TICK));
        }
        if (probing) {
            NeighTable.Solicit s = probe(n, p);
            if (s != null) {
                solicits.add(s);
            }
        }
    }

    /**
     * __neigh_update: the state machine's single entry for confirmations and administrative
     * changes. {@code lladdr} -1 keeps the known address. Returns the queued packets that can go now.
     */
    List<SkBuff> update(Neighbour n, long lladdr, NudState nw, int flags, NeighParms p, long now,
                        List<NeighTable.Failure> failSink) {
        NudState old = n.state;
        boolean admin = (flags & ADMIN) != 0;
        if (!admin && (old == NudState.NOARP || old == NudState.PERMANENT)) {
            return List.of();
        }
        if (!nw.valid()) {
            timers.disarm(n);
            n.state = nw;
            if ((old == NudState.INCOMPLETE || old == NudState.PROBE) && nw == NudState.FAILED) {
                n.updated = now;
                failSink.add(new NeighTable.Failure(n.ifindex, n.ip, n.drainQueue()));
            }
            return List.of();
        }
        boolean changed = lladdr >= 0 && (!old.valid() || lladdr != n.mac);
        if (nw.connected()) {
            n.confirmed = now;
        }
        if (old.valid()) {
            if (changed && (flags & OVERRIDE) == 0) {
                return List.of();
            }
            if (!changed && nw == NudState.STALE && !admin) {
                nw = old;
            }
        }
        if (nw != old || changed) {
            n.updated = now;
        }
        if (nw != old) {
            timers.disarm(n);
            if (nw == NudState.PROBE) {
                n.probes = 0;
            }
            if (nw.inTimer()) {
                timers.arm(n, now + (nw == NudState.REACHABLE ? p.reachable() : 0));
            }
            n.state = nw;
        }
        if (changed) {
            n.mac = lladdr;
            if (!nw.connected()) {
                n.confirmed = now - 2 * p.baseReachable();
            }
        }
        if (nw == old || old.valid()) {
            return List.of();
        }
        List<SkBuff> out = n.drainQueue();
        if (!out.isEmpty() && n.state == NudState.STALE) {
            // the first packet goes through neigh_resolve_output: STALE -> DELAY
            n.used = now;
            setState(n, NudState.DELAY, now);
            timers.arm(n, now + p.delayProbe());
        }
        return out;
    }

    /** neigh_probe + arp_solicit: unicast while probes < ucast_solicit, then application probes (nothing sent), then broadcast. */
    static NeighTable.Solicit probe(Neighbour n, NeighParms p) {
        int k = n.probes - p.ucast();
        n.probes++;
        if (k >= 0 && k - p.app() < 0) {
            return null;
        }
        return new NeighTable.Solicit(n.ifindex, n.ip, k < 0 ? n.mac : -1, sourceHint(n.queueTail()));
    }

    private static int maxProbes(Neighbour n, NeighParms p) {
        return p.ucast() + p.app() + (n.state == NudState.PROBE ? p.mcastReprobes() : p.mcast());
    }

    private static int sourceHint(SkBuff skb) {
        if (skb == null || skb.len() < 20 || (skb.getByte(0) >>> 4) != 4) {
            return 0;
        }
        return (skb.getShort(12) << 16) | skb.getShort(14);
    }

    private static void setState(Neighbour n, NudState s, long now) {
        n.state = s;
        n.updated = now;
    }
}
