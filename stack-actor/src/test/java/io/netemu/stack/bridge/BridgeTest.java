package io.netemu.stack.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Learning, ageing, the forwarding decision and local addresses of one bridge (br_fdb.c). */
class BridgeTest {
    static final long S = 1_000_000_000L;
    static final long BR = 0x02_00_00_00_00_b0L;
    static final long P1MAC = 0x02_00_00_00_00_11L;
    static final long P2MAC = 0x02_00_00_00_00_12L;
    static final long A = 0x02_00_00_00_00_0aL;
    static final long B = 0x02_00_00_00_00_0bL;

    final Bridge br = new Bridge(2, BR);

    Bridge withPorts() {
        br.portAdded(3, P1MAC);
        br.portAdded(4, P2MAC);
        return br;
    }

    @Test
    void unknownAndGroupDestinationsFloodAndOwnAddressesAreLocal() {
        withPorts();
        assertEquals(Bridge.FLOOD, br.lookup(A, 0));
        assertEquals(Bridge.FLOOD, br.lookup(0xffff_ffff_ffffL, 0));
        assertEquals(Bridge.FLOOD, br.lookup(0x01_00_5e_00_00_01L, 0));
        assertEquals(Bridge.LOCAL, br.lookup(BR, 0));
        assertEquals(Bridge.LOCAL, br.lookup(P1MAC, 0));
        assertEquals(Bridge.LOCAL, br.lookup(P2MAC, 0));
    }

    @Test
    void learnedAddressesAreForwardedToTheirPortAndMoveWithTheHost() {
        withPorts();
        br.learn(3, A, 0);
        assertEquals(3, br.lookup(A, 1));
        br.learn(4, A, 2 * S);
        assertEquals(4, br.lookup(A, 3 * S), "the address moved to the other port");
        assertEquals(1, br.entries(3 * S).stream().filter(e -> !e.local()).count());
    }

    @Test
    void groupZeroAndOwnSourcesAreNotLearned() {
        withPorts();
        br.learn(3, 0x01_00_5e_00_00_01L, 0);
        br.learn(3, 0xffff_ffff_ffffL, 0);
        br.learn(3, 0, 0);
        br.learn(4, P1MAC, 0);
        br.learn(3, BR, 0);
        br.learn(9, A, 0);
        assertTrue(br.entries(0).stream().allMatch(FdbEntry::local));
        assertEquals(Bridge.LOCAL, br.lookup(P1MAC, 0), "a frame from our own address does not steal it");
    }

    @Test
    void entriesAgeOutAfterAgeingTimeSinceLastSeen() {
        withPorts();
        br.learn(3, A, 0);
        br.learn(3, A, 100 * S);
        assertEquals(3, br.lookup(A, 399 * S));
        assertEquals(Bridge.FLOOD, br.lookup(A, 400 * S), "300 s after it was last seen");
        assertFalse(br.entries(400 * S).stream().anyMatch(e -> e.mac() == A));
        assertEquals(Bridge.LOCAL, br.lookup(P1MAC, 10_000 * S), "local entries never age");
    }

    @Test
    void ageingTimeIsSettableAndZeroDisablesLearning() {
        withPorts();
        assertEquals(300 * S, br.ageingNanos());
        br.setAgeing(10 * S);
        br.learn(3, A, 0);
        assertEquals(3, br.lookup(A, 9 * S));
        assertEquals(Bridge.FLOOD, br.lookup(A, 10 * S));
        br.setAgeing(0);
        br.learn(3, B, 20 * S);
        assertEquals(Bridge.FLOOD, br.lookup(B, 20 * S));
    }

    @Test
    void entriesListNewestFirstWithLocalsAsCreated() {
        withPorts();
        br.learn(3, A, 1 * S);
        br.learn(3, B, 2 * S);
        br.learn(3, A, 3 * S);
        List<Long> macs = br.entries(3 * S).stream().map(FdbEntry::mac).toList();
        assertEquals(List.of(B, A, P2MAC, P1MAC, BR), macs, "as bridge fdb show: fdb_list is newest first");
        FdbEntry a = br.entries(3 * S).get(1);
        assertEquals(new FdbEntry(A, 3, false, false, 3 * S, 1 * S), a);
        FdbEntry self = br.entries(3 * S).get(4);
        assertEquals(0, self.port(), "the bridge's own address belongs to no port");
    }

    @Test
    void disablingAPortFlushesWhatItLearnedOnly() {
        withPorts();
        br.learn(3, A, 0);
        br.learn(4, B, 0);
        br.setPortEnabled(3, false);
        assertEquals(Bridge.FLOOD, br.lookup(A, 1));
        assertEquals(4, br.lookup(B, 1));
        assertEquals(Bridge.LOCAL, br.lookup(P1MAC, 1));
        assertEquals(List.of(4), br.floodPorts(0));
        br.setPortEnabled(3, true);
        assertEquals(List.of(4, 3), br.floodPorts(0), "newest port first, as br->port_list");
        assertEquals(List.of(3), br.floodPorts(4));
    }

    @Test
    void removingAPortTakesItsEntriesAndLocalAddress() {
        withPorts();
        br.learn(3, A, 0);
        br.portRemoved(3);
        assertEquals(Bridge.FLOOD, br.lookup(A, 1));
        assertEquals(Bridge.FLOOD, br.lookup(P1MAC, 1));
        assertEquals(List.of(4), br.ports());
        br.learn(3, A, 2);
        assertEquals(Bridge.FLOOD, br.lookup(A, 3), "not a port any more");
    }

    @Test
    void aLocalAddressSharedWithTheBridgeStaysWhenThePortLeaves() {
        Bridge b = new Bridge(2, P1MAC);
        b.portAdded(3, P1MAC);
        assertEquals(List.of(P1MAC), b.entries(0).stream().map(FdbEntry::mac).toList(), "one entry for the shared address");
        b.portRemoved(3);
        assertEquals(Bridge.LOCAL, b.lookup(P1MAC, 0));
        assertEquals(0, b.entries(0).get(0).port());
    }

    @Test
    void macChangesMoveLocalEntries() {
        withPorts();
        br.portMacChanged(3, A);
        assertEquals(Bridge.FLOOD, br.lookup(P1MAC, 0));
        assertEquals(Bridge.LOCAL, br.lookup(A, 0));
        br.bridgeMacChanged(B);
        assertEquals(Bridge.FLOOD, br.lookup(BR, 0));
        assertEquals(Bridge.LOCAL, br.lookup(B, 0));
        assertTrue(br.isLocal(B));
    }

    @Test
    void learningReplacesNothingLocalAndFlushKeepsLocals() {
        withPorts();
        br.learn(3, A, 0);
        br.flush();
        assertEquals(3, br.entries(0).size());
        assertTrue(br.entries(0).stream().allMatch(e -> e.local() && e.isStatic()));
    }
}
