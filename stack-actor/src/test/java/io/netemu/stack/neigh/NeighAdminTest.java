package io.netemu.stack.neigh;

import static io.netemu.stack.neigh.NeighTableTest.DEV;
import static io.netemu.stack.neigh.NeighTableTest.IP;
import static io.netemu.stack.neigh.NeighTableTest.MAC;
import static io.netemu.stack.neigh.NeighTableTest.MAC2;
import static io.netemu.stack.neigh.NeighTableTest.S;
import static io.netemu.stack.neigh.NeighTableTest.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.stack.NetException;
import io.netemu.stack.sys.Sysctls;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ip neigh} changes (neigh_add, neigh_delete), flushing on device events, garbage collection. */
class NeighAdminTest {
    final Sysctls sysctl = new Sysctls();
    final NeighTable t = new NeighTable(sysctl);

    @Test
    void addExistingIsFileExistsAndChangeOrDeleteMissingIsNoSuchFile() throws Exception {
        t.add(DEV, IP, MAC, NudState.PERMANENT, 0);
        NetException e = assertThrows(NetException.class, () -> t.add(DEV, IP, MAC, NudState.PERMANENT, 0));
        assertEquals("RTNETLINK answers: File exists", e.getMessage());
        e = assertThrows(NetException.class, () -> t.change(DEV, IP + 1, MAC, NudState.STALE, 0));
        assertEquals("RTNETLINK answers: No such file or directory", e.getMessage());
        e = assertThrows(NetException.class, () -> t.delete(DEV, IP + 1, 0));
        assertEquals(NetException.ENOENT, e.errno());
    }

    @Test
    void addWithoutLladdrFailsAndLeavesAnEmptyEntry() {
        NetException e = assertThrows(NetException.class, () -> t.add(DEV, IP, -1, NudState.PERMANENT, 0));
        assertEquals("Error: No link layer address given.", e.getMessage());
        assertEquals(NudState.NONE, t.lookup(DEV, IP).state(), "as Linux, the entry was created before the update failed");
    }

    @Test
    void replaceAndChangeOverrideTheAddress() throws Exception {
        t.replace(DEV, IP, MAC, NudState.REACHABLE, 0);
        assertEquals(NudState.REACHABLE, t.lookup(DEV, IP).state());
        assertEquals(30 * S, t.nextDeadline());
        t.change(DEV, IP, MAC2, NudState.STALE, 1 * S);
        assertEquals(MAC2, t.lookup(DEV, IP).mac());
        assertEquals(NudState.STALE, t.lookup(DEV, IP).state());
        t.change(DEV, IP, -1, NudState.PERMANENT, 2 * S);
        assertEquals(MAC2, t.lookup(DEV, IP).mac(), "no lladdr keeps the known one");
        assertEquals(Long.MAX_VALUE, t.nextDeadline());
    }

    @Test
    void nudDelayByHandGoesToProbeAtOnce() throws Exception {
        t.add(DEV, IP, MAC, NudState.DELAY, 0);
        assertEquals(0, t.nextDeadline());
        assertEquals(1, t.tick(0).solicits().size());
        assertEquals(NudState.PROBE, t.lookup(DEV, IP).state());
    }

    @Test
    void replaceOnIncompleteEntryReleasesItsQueue() throws Exception {
        SkBuff p = packet();
        t.resolve(DEV, IP, p, 0);
        t.replace(DEV, IP, MAC, NudState.PERMANENT, 500_000_000L);
        List<NeighTable.Released> r = t.drainReleased();
        assertEquals(1, r.size());
        assertEquals(MAC, r.get(0).mac());
        assertSame(p, r.get(0).skbs().get(0));
        assertTrue(t.drainReleased().isEmpty());
        assertEquals(Long.MAX_VALUE, t.nextDeadline());
    }

    @Test
    void deletingAnIncompleteEntryReportsItsPacketsAsFailed() throws Exception {
        SkBuff p = packet();
        t.resolve(DEV, IP, p, 0);
        t.delete(DEV, IP, 1);
        assertNull(t.lookup(DEV, IP));
        List<NeighTable.Failure> f = t.drainFailures();
        assertEquals(List.of(p), f.get(0).dropped());
        assertEquals(Long.MAX_VALUE, t.nextDeadline());
    }

    @Test
    void carrierLossKeepsPermanentEntriesAndDeviceDownDropsAll() throws Exception {
        t.add(DEV, IP, MAC, NudState.PERMANENT, 0);
        t.add(DEV, IP + 1, MAC, NudState.NOARP, 0);
        t.add(DEV, IP + 2, MAC, NudState.STALE, 0);
        t.add(DEV + 1, IP, MAC, NudState.STALE, 0);
        SkBuff p = packet();
        t.resolve(DEV, IP + 3, p, 0);
        assertEquals(List.of(p), t.flushDev(DEV));
        assertEquals(2, t.entries().size());
        assertEquals(Long.MAX_VALUE, t.nextDeadline());
        t.ifDown(DEV);
        assertEquals(1, t.entries().size());
        assertEquals(DEV + 1, t.entries().get(0).ifindex());
    }

    @Test
    void deleteIfRemovesWhatTheFilterSelects() throws Exception {
        t.add(DEV, IP, MAC, NudState.PERMANENT, 0);
        t.add(DEV, IP + 1, MAC, NudState.STALE, 0);
        t.add(DEV, IP + 2, MAC, NudState.REACHABLE, 0);
        assertEquals(2, t.deleteIf(e -> e.state() != NudState.PERMANENT, 1));
        assertEquals(List.of(IP), t.entries().stream().map(NeighEntry::ip).toList());
    }

    @Test
    void entriesAreListedInCreationOrder() throws Exception {
        t.add(DEV, IP + 2, MAC, NudState.STALE, 0);
        t.add(DEV, IP, MAC, NudState.STALE, 0);
        t.add(DEV, IP + 1, MAC, NudState.STALE, 0);
        assertEquals(List.of(IP + 2, IP, IP + 1), t.entries().stream().map(NeighEntry::ip).toList());
    }

    @Test
    void smallTablesAreNeverCollected() throws Exception {
        t.add(DEV, IP, MAC, NudState.STALE, 0);
        t.resolve(DEV, IP + 1, packet(), 0);
        for (long s = 1; s <= 3; s++) {
            t.tick(s * S);
        }
        t.tick(10_000 * S);
        assertEquals(2, t.entries().size(), "below gc_thresh1 Linux keeps STALE and FAILED entries");
        assertEquals(Long.MAX_VALUE, t.nextDeadline());
    }

    @Test
    void aboveGcThresh1StaleEntriesGoAfterGcStaleTimeAndFailedAtOnce() throws Exception {
        sysctl.set("net.ipv4.neigh.default.gc_thresh1", "2");
        t.add(DEV, IP, MAC, NudState.STALE, 0);
        t.add(DEV, IP + 1, MAC, NudState.PERMANENT, 0);
        t.resolve(DEV, IP + 2, packet(), 0);
        assertEquals(1 * S, t.nextDeadline());
        t.tick(1 * S);
        t.tick(2 * S);
        t.tick(3 * S);
        assertEquals(List.of(IP, IP + 1), t.entries().stream().map(NeighEntry::ip).toList(), "FAILED collected");
        assertEquals(60 * S, t.nextDeadline(), "gc_stale_time after the last use");
        t.tick(60 * S - 1);
        assertEquals(2, t.entries().size());
        t.tick(60 * S);
        assertEquals(List.of(IP + 1), t.entries().stream().map(NeighEntry::ip).toList());
        assertEquals(Long.MAX_VALUE, t.nextDeadline());
    }

    @Test
    void fullTableRefusesNewEntries() {
        sysctl.set("net.ipv4.neigh.default.gc_thresh2", "1");
        sysctl.set("net.ipv4.neigh.default.gc_thresh3", "2");
        t.resolve(DEV, IP, packet(), 0);
        t.resolve(DEV, IP + 1, packet(), 0);
        assertEquals(NeighResult.Dropped.class, t.resolve(DEV, IP + 2, packet(), 0).getClass());
        assertEquals(1, t.tableFulls());
    }
}
