package io.netemu.stack.neigh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.stack.sys.Sysctls;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NUD state machine with time driven by hand: resolution, solicitations, failure, ageing. */
class NeighTableTest {
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final int DEV = 2;
    static final int IP = 0x0A000101; // 10.0.1.1
    static final int SRC = 0x0A000102; // 10.0.1.2
    static final long MAC = 0x02_00_00_00_00_01L;
    static final long MAC2 = 0x02_00_00_00_00_02L;

    final Sysctls sysctl = new Sysctls();
    final NeighTable t = new NeighTable(sysctl);

    /** An IPv4 packet from SRC in a 1,514-byte buffer (truesize 2,090). */
    static SkBuff packet() {
        byte[] b = new byte[1514];
        b[14] = 0x45;
        b[14 + 12] = 10;
        b[14 + 13] = 0;
        b[14 + 14] = 1;
        b[14 + 15] = 2;
        return SkBuff.wrap(b, 14, 1500);
    }

    NudState state() { return t.lookup(DEV, IP).state(); }

    @Test
    void newEntryBroadcastsAtOnceThenEverySecondAndFailsAtThreeSeconds() {
        SkBuff p = packet();
        NeighResult.Queued q = assertInstanceOf(NeighResult.Queued.class, t.resolve(DEV, IP, p, 0));
        assertEquals(new NeighTable.Solicit(DEV, IP, -1, SRC), q.solicit());
        assertTrue(q.evicted().isEmpty());
        assertEquals(NudState.INCOMPLETE, state());
        assertEquals(4, t.lookup(DEV, IP).probes(), "probes start at ucast_solicit, plus the one sent");
        assertEquals(1 * S, t.nextDeadline());

        assertTrue(t.tick(S - 1).solicits().isEmpty());
        NeighTick t1 = t.tick(S);
        assertEquals(List.of(new NeighTable.Solicit(DEV, IP, -1, SRC)), t1.solicits());
        assertEquals(2 * S, t1.nextDeadlineNanos());
        assertEquals(1, t.tick(2 * S).solicits().size());
        assertEquals(NudState.INCOMPLETE, state());
        assertTrue(t.tick(3 * S - 1).failures().isEmpty());

        NeighTick t3 = t.tick(3 * S);
        assertTrue(t3.solicits().isEmpty(), "three requests in all");
        assertEquals(1, t3.failures().size());
        assertEquals(IP, t3.failures().get(0).ip());
        assertSame(p, t3.failures().get(0).dropped().get(0));
        assertEquals(NudState.FAILED, state());
        assertEquals(Long.MAX_VALUE, t3.nextDeadlineNanos(), "a failed entry needs no timer");
        assertEquals(Long.MAX_VALUE, t.nextDeadline());
    }

    @Test
    void failedEntryIsRetriedOnNextUse() {
        t.resolve(DEV, IP, packet(), 0);
        for (long s = 1; s <= 3; s++) {
            t.tick(s * S);
        }
        NeighResult r = t.resolve(DEV, IP, packet(), 10 * S);
        assertEquals(new NeighTable.Solicit(DEV, IP, -1, SRC), ((NeighResult.Queued) r).solicit());
        assertEquals(NudState.INCOMPLETE, state());
        assertEquals(11 * S, t.nextDeadline());
    }

    @Test
    void replyReleasesTheQueueInOrderAndEntryStaysReachableForBaseReachableTime() {
        SkBuff a = packet();
        SkBuff b = packet();
        t.resolve(DEV, IP, a, 0);
        NeighResult.Queued second = (NeighResult.Queued) t.resolve(DEV, IP, b, 100 * MS);
        assertNull(second.solicit(), "no extra request while one is outstanding");

        List<SkBuff> out = t.arpReceived(DEV, IP, MAC, true, false, 500 * MS);
        assertEquals(2, out.size());
        assertSame(a, out.get(0));
        assertSame(b, out.get(1));
        assertEquals(NudState.REACHABLE, state());
        assertEquals(MAC, t.lookup(DEV, IP).mac());
        assertEquals(new NeighResult.Resolved(MAC), t.resolve(DEV, IP, packet(), 600 * MS));
        assertEquals(30_500 * MS, t.nextDeadline());

        t.tick(30_500 * MS - 1);
        assertEquals(NudState.REACHABLE, state());
        t.tick(30_500 * MS);
        assertEquals(NudState.STALE, state(), "not used on the slow path for 30 s: STALE");
        assertEquals(Long.MAX_VALUE, t.nextDeadline(), "STALE entries need no timer");
    }

    @Test
    void staleUseGoesDelayThenProbesUnicastThreeTimesThenFails() throws Exception {
        t.add(DEV, IP, MAC, NudState.STALE, 0);
        assertEquals(Long.MAX_VALUE, t.nextDeadline());

        assertEquals(new NeighResult.Resolved(MAC), t.resolve(DEV, IP, packet(), 100 * S), "DELAY sends with the old address");
        assertEquals(NudState.DELAY, state());
        assertEquals(105 * S, t.nextDeadline());
        assertEquals(new NeighResult.Resolved(MAC), t.resolve(DEV, IP, packet(), 101 * S));

        t.tick(105 * S - 1);
        assertEquals(NudState.DELAY, state());
        NeighTick p1 = t.tick(105 * S);
        assertEquals(NudState.PROBE, state());
        assertEquals(List.of(new NeighTable.Solicit(DEV, IP, MAC, 0)), p1.solicits(), "unicast to the known address");
        assertEquals(List.of(new NeighTable.Solicit(DEV, IP, MAC, 0)), t.tick(106 * S).solicits());
        assertEquals(List.of(new NeighTable.Solicit(DEV, IP, MAC, 0)), t.tick(107 * S).solicits());
        NeighTick end = t.tick(108 * S);
        assertTrue(end.solicits().isEmpty());
        assertEquals(1, end.failures().size());
        assertTrue(end.failures().get(0).dropped().isEmpty());
        assertEquals(NudState.FAILED, state());
    }

    @Test
    void replyDuringDelayMakesReachable() throws Exception {
        t.add(DEV, IP, MAC, NudState.STALE, 0);
        t.resolve(DEV, IP, packet(), 100 * S);
        assertTrue(t.arpReceived(DEV, IP, MAC, true, false, 102 * S).isEmpty());
        assertEquals(NudState.REACHABLE, state());
        assertEquals(132 * S, t.nextDeadline());
    }

    @Test
    void upperLayerConfirmationDuringDelayMakesReachableAtTheDelayTimer() throws Exception {
        t.add(DEV, IP, MAC, NudState.STALE, 0);
        t.resolve(DEV, IP, packet(), 100 * S);
        t.confirm(DEV, IP, 103 * S);
        assertTrue(t.tick(105 * S).solicits().isEmpty());
        assertEquals(NudState.REACHABLE, state());
        assertEquals(133 * S, t.nextDeadline(), "reachable from the confirmation");
    }

    @Test
    void reachableEntryUsedRecentlyGoesToDelayNotStale() {
        sysctl.set("net.ipv4.neigh.default.base_reachable_time_ms", "4000");
        t.resolve(DEV, IP, packet(), 0);
        t.arpReceived(DEV, IP, MAC, true, false, 1 * S);
        assertEquals(5 * S, t.nextDeadline());
        t.tick(5 * S);
        assertEquals(NudState.DELAY, state(), "last used at 0, within delay_first_probe_time of the expiry");
        assertEquals(10 * S, t.nextDeadline());
        assertEquals(1, t.tick(10 * S).solicits().size());
        assertEquals(NudState.PROBE, state());
    }

    @Test
    void queueOverflowEvictsTheOldestPacket() {
        SkBuff first = packet();
        t.resolve(DEV, IP, first, 0);
        for (int i = 1; i < 101; i++) {
            assertTrue(((NeighResult.Queued) t.resolve(DEV, IP, packet(), i)).evicted().isEmpty());
        }
        assertEquals(101, t.lookup(DEV, IP).queued(), "101 x 2,090 bytes fit in unres_qlen_bytes 212,992");
        NeighResult.Queued q = (NeighResult.Queued) t.resolve(DEV, IP, packet(), 200);
        assertEquals(List.of(first), q.evicted());
        assertEquals(101, t.lookup(DEV, IP).queued());
        assertEquals(1, t.unresDiscards());
    }

    @Test
    void requestForUsCreatesStaleAndUnsolicitedRepliesCreateNothing() {
        assertTrue(t.arpReceived(DEV, IP, MAC, true, false, 0).isEmpty());
        assertNull(t.lookup(DEV, IP));
        t.arpReceived(DEV, IP, MAC, false, true, 0);
        assertEquals(NudState.STALE, state());
        assertEquals(MAC, t.lookup(DEV, IP).mac());
    }

    @Test
    void requestForUsWhileIncompleteSendsQueueAndGoesDelay() {
        SkBuff p = packet();
        t.resolve(DEV, IP, p, 0);
        assertEquals(List.of(p), t.arpReceived(DEV, IP, MAC, false, true, 200 * MS));
        assertEquals(NudState.DELAY, state(), "the queued packet went through neigh_resolve_output on a STALE entry");
        assertEquals(5_200 * MS, t.nextDeadline());
    }

    @Test
    void addressChangeIsIgnoredWithinLocktimeUnlessGratuitous() {
        t.resolve(DEV, IP, packet(), 0);
        t.arpReceived(DEV, IP, MAC, true, false, 500 * MS);
        t.arpReceived(DEV, IP, MAC2, false, false, 1_000 * MS);
        assertEquals(MAC, t.lookup(DEV, IP).mac(), "within locktime of the last update");
        t.arpReceived(DEV, IP, MAC2, false, false, true, 1_100 * MS);
        assertEquals(MAC2, t.lookup(DEV, IP).mac(), "gratuitous ARP overrides");
        assertEquals(NudState.STALE, state());
        t.arpReceived(DEV, IP, MAC, false, false, 3 * S);
        assertEquals(MAC, t.lookup(DEV, IP).mac());
    }

    @Test
    void sameAddressRequestKeepsState() {
        t.resolve(DEV, IP, packet(), 0);
        t.arpReceived(DEV, IP, MAC, true, false, 0);
        t.arpReceived(DEV, IP, MAC, false, true, 2 * S);
        assertEquals(NudState.REACHABLE, state(), "a STALE update with the same address changes nothing");
    }

    @Test
    void permanentAndNoarpEntriesIgnoreArp() throws Exception {
        t.add(DEV, IP, MAC, NudState.PERMANENT, 0);
        t.arpReceived(DEV, IP, MAC2, true, true, 5 * S);
        assertEquals(MAC, t.lookup(DEV, IP).mac());
        assertEquals(NudState.PERMANENT, state());
        assertEquals(new NeighResult.Resolved(MAC), t.resolve(DEV, IP, packet(), 6 * S));
    }

    @Test
    void multicastAndBroadcastResolveWithoutArp() {
        assertEquals(new NeighResult.Resolved(0x01_00_5e_00_00_16L), t.resolve(DEV, 0xE0000016, null, 0));
        assertEquals(NudState.NOARP, t.lookup(DEV, 0xE0000016).state());
        assertEquals(new NeighResult.Resolved(0xffff_ffff_ffffL), t.resolve(DEV, -1, null, 0));
        assertEquals(Long.MAX_VALUE, t.nextDeadline());
    }

    @Test
    void noSolicitationAllowedDropsThePacket() {
        sysctl.set("net.ipv4.neigh.default.mcast_solicit", "0");
        assertInstanceOf(NeighResult.Dropped.class, t.resolve(DEV, IP, packet(), 0));
        assertEquals(NudState.FAILED, state());
    }
}
