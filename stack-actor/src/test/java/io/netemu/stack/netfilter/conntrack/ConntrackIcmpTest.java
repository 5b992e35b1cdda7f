package io.netemu.stack.netfilter.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket.CtState;
import io.netemu.stack.netfilter.NfPriority;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ICMP echo tracking by id (nf_conntrack_proto_icmp.c) on a router, and the hooks conntrack registers. */
class ConntrackIcmpTest {
    private final CtHarness h = new CtHarness();
    private final NetDev eth0 = CtHarness.dev(2, "eth0");
    private final NetDev eth1 = CtHarness.dev(3, "eth1");

    @Test
    void registersAtTheKernelsHooksAndPriorities() {
        assertEquals(List.of("nf_conntrack@" + NfPriority.CONNTRACK, "nf_nat@" + NfPriority.NAT_DST),
                h.nf.owners(NfHook.PRE_ROUTING));
        assertEquals(List.of("nf_nat@" + NfPriority.NAT_SRC, "nf_conntrack@" + NfPriority.CONNTRACK_CONFIRM),
                h.nf.owners(NfHook.POST_ROUTING));
        assertTrue(h.nf.isEmpty(NfHook.FORWARD));
        assertSame(h.ct, Conntrack.ensure(h.nf, h.sysctl), "loaded once");
        assertEquals(2, h.nf.owners(NfHook.LOCAL_IN).size());
    }

    @Test
    void echoRequestIsNewAndItsReplyEstablished() {
        SkBuff req = h.forward(Pkts.icmpEcho("10.0.1.2", "10.0.2.2", 8, 1234, 1), eth0, eth1);
        assertNotNull(req);
        assertEquals(CtState.NEW, h.last.ctState);
        Conn c = h.only();
        assertEquals(new Tuple(Pkts.ip("10.0.1.2"), Pkts.ip("10.0.2.2"), 1234, 8 << 8, 1), c.orig());
        assertEquals(new Tuple(Pkts.ip("10.0.2.2"), Pkts.ip("10.0.1.2"), 1234, 0, 1), c.reply());
        assertEquals(30, c.timeoutSeconds(h.now));
        assertFalse(c.has(Conn.SEEN_REPLY));

        h.advance(5);
        h.forward(Pkts.icmpEcho("10.0.2.2", "10.0.1.2", 0, 1234, 1), eth1, eth0);
        assertEquals(CtState.ESTABLISHED, h.last.ctState);
        assertSame(c, h.last.ct);
        assertTrue(c.has(Conn.SEEN_REPLY));
        assertFalse(c.has(Conn.ASSURED), "ICMP is never assured");
        assertEquals(30, c.timeoutSeconds(h.now), "refreshed by the reply");

        h.forward(Pkts.icmpEcho("10.0.1.2", "10.0.2.2", 8, 1234, 2), eth0, eth1);
        assertEquals(CtState.ESTABLISHED, h.last.ctState, "the next request of the same id");
        assertEquals(1, h.ct.count());
    }

    @Test
    void anotherIdIsAnotherConnection() {
        h.forward(Pkts.icmpEcho("10.0.1.2", "10.0.2.2", 8, 1, 1), eth0, eth1);
        h.forward(Pkts.icmpEcho("10.0.1.2", "10.0.2.2", 8, 2, 1), eth0, eth1);
        assertEquals(2, h.ct.count());
    }

    @Test
    void timeoutComesFromTheSysctlAndEntriesExpire() {
        h.sysctl.set("net.netfilter.nf_conntrack_icmp_timeout", "10");
        h.forward(Pkts.icmpEcho("10.0.1.2", "10.0.2.2", 8, 7, 1), eth0, eth1);
        assertEquals(10, h.only().timeoutSeconds(h.now));
        h.advance(9);
        assertEquals(1, h.ct.entries(h.now).size());
        h.advance(1);
        assertEquals(0, h.ct.entries(h.now).size());
        h.forward(Pkts.icmpEcho("10.0.2.2", "10.0.1.2", 0, 7, 1), eth1, eth0);
        assertEquals(CtState.INVALID, h.last.ctState, "a reply after expiry matches nothing");
    }

    @Test
    void anUnsolicitedEchoReplyIsInvalid() {
        SkBuff out = h.forward(Pkts.icmpEcho("10.0.2.2", "10.0.1.2", 0, 99, 1), eth1, eth0);
        assertNotNull(out, "conntrack marks, rules drop");
        assertEquals(CtState.INVALID, h.last.ctState);
        assertNull(h.last.ct);
        assertEquals(0, h.ct.count());
        assertEquals(1, h.ct.invalid());
    }

    @Test
    void badChecksumOnInputIsInvalidUnlessCheckingIsOff() {
        SkBuff bad = Pkts.icmpEcho("10.0.1.2", "10.0.2.2", 8, 5, 1);
        Pkts.l4icmp(bad).setChecksum(0x1111);
        h.forward(bad, eth0, eth1);
        assertEquals(CtState.INVALID, h.last.ctState);
        assertEquals(1, h.ct.errors());
        h.sysctl.set("net.netfilter.nf_conntrack_checksum", "0");
        h.forward(bad, eth0, eth1);
        assertEquals(CtState.NEW, h.last.ctState);
    }

    @Test
    void locallyGeneratedEchoIsTrackedAtOutputAndTheReplyAtInput() {
        h.output(Pkts.icmpEcho("10.0.1.1", "10.0.1.2", 8, 42, 1), eth0);
        assertEquals(CtState.NEW, h.last.ctState);
        assertTrue(h.only().confirmed(), "confirmed at POST_ROUTING");
        h.input(Pkts.icmpEcho("10.0.1.2", "10.0.1.1", 0, 42, 1), eth0);
        assertEquals(CtState.ESTABLISHED, h.last.ctState);
    }

    @Test
    void aLoopedBackPacketKeepsItsEntry() {
        SkBuff out = h.output(Pkts.icmpEcho("127.0.0.1", "127.0.0.1", 8, 3, 1), null);
        Conn c = h.only();
        h.input(out, null); // through lo: the conntrack tag came along
        assertSame(c, h.last.ct);
        assertEquals(CtState.NEW, h.last.ctState);
        assertEquals(1, h.ct.count());
    }

    @Test
    void untrackedPacketsAreLeftAlone() {
        h.nf.register(NfHook.PRE_ROUTING, NfPriority.RAW, "raw", p -> {
            Conntrack.markUntracked(p);
            return io.netemu.stack.netfilter.NfVerdict.ACCEPT;
        });
        h.forward(Pkts.icmpEcho("10.0.1.2", "10.0.2.2", 8, 1, 1), eth0, eth1);
        assertEquals(CtState.UNTRACKED, h.last.ctState);
        assertEquals(0, h.ct.count());
    }

    @Test
    void countersPerDirectionWithAccounting() {
        h.sysctl.set("net.netfilter.nf_conntrack_acct", "1");
        h.forward(Pkts.icmpEcho("10.0.1.2", "10.0.2.2", 8, 9, 1), eth0, eth1);
        h.forward(Pkts.icmpEcho("10.0.2.2", "10.0.1.2", 0, 9, 1), eth1, eth0);
        h.forward(Pkts.icmpEcho("10.0.1.2", "10.0.2.2", 8, 9, 2), eth0, eth1);
        Conn c = h.only();
        assertTrue(c.accounted());
        assertEquals(2, c.packets(Conn.ORIGINAL));
        assertEquals(168, c.bytes(Conn.ORIGINAL));
        assertEquals(1, c.packets(Conn.REPLY));
        assertEquals(84, c.bytes(Conn.REPLY));
    }
}
