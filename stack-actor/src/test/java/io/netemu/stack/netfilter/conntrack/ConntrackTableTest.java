package io.netemu.stack.netfilter.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfPacket.CtState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table: nf_conntrack_max, early drop, expiry, flush, growth. */
class ConntrackTableTest {
    private final CtHarness h = new CtHarness();
    private final NetDev eth0 = CtHarness.dev(2, "eth0");
    private final NetDev eth1 = CtHarness.dev(3, "eth1");

    private SkBuff flow(int i) { return Pkts.udp("10.0.1.2", "10.0.2.2", 10000 + i, 53, 8, true); }

    @Test
    void aFullTableDropsNewFlowsAndSaysSoInTheKernelLog() {
        h.sysctl.set("net.netfilter.nf_conntrack_max", "2");
        assertNotNull(h.forward(flow(1), eth0, eth1));
        assertNotNull(h.forward(flow(2), eth0, eth1));
        assertNull(h.forward(flow(3), eth0, eth1), "dropped");
        assertEquals(2, h.ct.count());
        assertEquals(1, h.ct.drops());
        assertEquals(List.of("nf_conntrack: nf_conntrack: table full, dropping packet"), h.klog);
        assertNotNull(h.forward(flow(1), eth0, eth1), "known flows still pass");
    }

    @Test
    void theKernelLogLineIsRateLimited() {
        h.sysctl.set("net.netfilter.nf_conntrack_max", "1");
        h.forward(flow(0), eth0, eth1);
        for (int i = 1; i <= 15; i++) {
            h.forward(flow(i), eth0, eth1);
        }
        assertEquals(15, h.ct.drops());
        assertEquals(10, h.klog.size());
        h.advance(5);
        h.forward(flow(99), eth0, eth1);
        assertEquals("net_ratelimit: 5 callbacks suppressed", h.klog.get(10));
        assertEquals(12, h.klog.size());
    }

    @Test
    void earlyDropEvictsAnUnassuredEntryNearTheNewOne() {
        h.sysctl.set("net.netfilter.nf_conntrack_max", "2");
        h.sysctl.set("net.netfilter.nf_conntrack_buckets", "1"); // one bucket: every entry is near
        h.forward(flow(1), eth0, eth1);
        h.forward(flow(2), eth0, eth1);
        assertNotNull(h.forward(flow(3), eth0, eth1));
        assertEquals(2, h.ct.earlyDrops(), "the whole bucket's unassured entries go");
        assertEquals(1, h.ct.count());
        assertEquals(0, h.ct.drops());
    }

    @Test
    void assuredEntriesAreNotEarlyDropped() {
        h.sysctl.set("net.netfilter.nf_conntrack_max", "1");
        h.sysctl.set("net.netfilter.nf_conntrack_buckets", "1");
        h.forward(flow(1), eth0, eth1);
        h.forward(Pkts.udp("10.0.2.2", "10.0.1.2", 53, 10001, 8, true), eth1, eth0);
        h.advance(3);
        h.forward(flow(1), eth0, eth1);
        assertTrue(h.only().has(Conn.ASSURED));
        assertNull(h.forward(flow(2), eth0, eth1));
        assertEquals(1, h.ct.drops());
    }

    @Test
    void expiredEntriesMakeRoom() {
        h.sysctl.set("net.netfilter.nf_conntrack_max", "1");
        h.forward(flow(1), eth0, eth1);
        h.advance(31);
        assertNotNull(h.forward(flow(2), eth0, eth1));
        assertEquals(0, h.ct.drops());
        assertEquals(10002, h.only().orig().sport());
    }

    @Test
    void flushEmptiesTheTable() {
        for (int i = 0; i < 5; i++) {
            h.forward(flow(i), eth0, eth1);
        }
        assertEquals(5, h.ct.flush());
        assertEquals(0, h.ct.count());
        h.forward(flow(0), eth0, eth1);
        assertEquals(CtState.NEW, h.last.ctState);
    }

    @Test
    void manyEntriesGrowTheTableAndAllAreFound() {
        for (int i = 0; i < 5000; i++) {
            h.forward(Pkts.udp("10.0.1.2", "10.0.2.2", 1024 + i, 9, 0, false), eth0, eth1);
        }
        assertEquals(5000, h.ct.count());
        for (int i = 0; i < 5000; i += 97) {
            h.forward(Pkts.udp("10.0.2.2", "10.0.1.2", 9, 1024 + i, 0, false), eth1, eth0);
            assertEquals(CtState.ESTABLISHED, h.last.ctState);
        }
        List<Conn> l = h.ct.entries(h.now);
        assertEquals(5000, l.size());
        assertTrue(l.get(0).id() < l.get(4999).id(), "oldest first");
        h.advance(31);
        h.forward(flow(1), eth0, eth1);
        assertTrue(h.ct.count() < 5001, "garbage collection steps reap expired entries");
        assertEquals(1, h.ct.entries(h.now).size());
    }
}
