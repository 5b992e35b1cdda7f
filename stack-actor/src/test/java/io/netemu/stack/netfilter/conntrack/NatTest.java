package io.netemu.stack.netfilter.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.packet.wire.UdpPacket;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPacket.CtState;
import io.netemu.stack.netfilter.NfPriority;
import io.netemu.stack.netfilter.NfVerdict;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SNAT, MASQUERADE and DNAT through conntrack on a router: 10.0.1.0/24 inside on eth0, 203.0.113.1
 * outside on eth1, as {@code iptables -t nat -A POSTROUTING -o eth1 -j MASQUERADE} sets it up.
 */
class NatTest {
    private final CtHarness h = new CtHarness();
    private final NetDev eth0 = CtHarness.dev(2, "eth0");
    private final NetDev eth1 = CtHarness.dev(3, "eth1");
    private final AtomicInteger lookups = new AtomicInteger();

    NatTest() {
        h.addr(eth0, "10.0.1.1").addr(eth1, "203.0.113.1");
    }

    /** A nat chain at POSTROUTING: {@code -s 10.0.1.0/24 -o eth1 -j MASQUERADE}. */
    private void masquerade(NatRange range) {
        h.nf.register(NfHook.POST_ROUTING, NfPriority.NAT_SRC, "iptable_nat", p -> {
            if (!Nat.needsNatLookup(p, true)) {
                return NfVerdict.ACCEPT;
            }
            lookups.incrementAndGet();
            boolean inside = (Pkts.ipv4(p.skb).src() & 0xffffff00) == Pkts.ip("10.0.1.0");
            return p.out == eth1 && inside ? Nat.setup(p, range, true) : NfVerdict.ACCEPT;
        });
    }

    /** A nat chain at PREROUTING: DNAT what comes to 203.0.113.1:{@code port} in on eth1. */
    private void dnat(int port, NatRange range) {
        h.nf.register(NfHook.PRE_ROUTING, NfPriority.NAT_DST, "iptable_nat", p -> {
            if (Nat.needsNatLookup(p, false) && p.in == eth1 && Pkts.l4tcp(p.skb).dstPort() == port) {
                return Nat.setup(p, range, false);
            }
            return NfVerdict.ACCEPT;
        });
    }

    @Test
    void masqueradeRewritesTheSourceOutAndTheDestinationBack() {
        masquerade(NatRange.masquerade(0, 0, false));
        SkBuff out = h.forward(Pkts.tcp("10.0.1.2", "198.51.100.7", 40000, 80, TcpPacket.SYN, 1, 0, 64240, 0, true), eth0, eth1);
        assertEquals("203.0.113.1", Pkts.src(out));
        assertEquals(40000, Pkts.l4tcp(out).srcPort(), "the port is kept while it is free");
        assertTrue(Pkts.checksumsOk(out));
        Conn c = h.only();
        assertTrue(c.has(Conn.SRC_NAT));
        assertEquals(new Tuple(Pkts.ip("198.51.100.7"), Pkts.ip("203.0.113.1"), 80, 40000, 6), c.reply());

        SkBuff back = h.run(Pkts.tcp("198.51.100.7", "203.0.113.1", 80, 40000,
                TcpPacket.SYN | TcpPacket.ACK, 9000, 2, 65160, 0, true), eth1, null, NfHook.PRE_ROUTING);
        assertEquals("10.0.1.2", Pkts.dst(back));
        assertEquals(40000, Pkts.l4tcp(back).dstPort());
        assertTrue(Pkts.checksumsOk(back));
        assertTrue(h.last.dstChanged, "de-SNAT moved the destination: route again");
        assertEquals(Conn.REPLY, c.direction(back));
        assertEquals(Conn.ORIGINAL, c.direction(out), "after SNAT too");
        assertEquals(CtState.ESTABLISHED, h.last.ctState);
        back = h.run(back, eth1, eth0, NfHook.FORWARD, NfHook.POST_ROUTING);
        assertEquals("10.0.1.2", Pkts.dst(back));
        assertEquals("198.51.100.7", Pkts.src(back), "nothing to undo on the source side");

        SkBuff ack = h.forward(Pkts.tcp("10.0.1.2", "198.51.100.7", 40000, 80, TcpPacket.ACK, 2, 9001, 64240, 0, false), eth0, eth1);
        assertEquals("203.0.113.1", Pkts.src(ack));
        assertTrue(Pkts.checksumsOk(ack));
        assertEquals(1, lookups.get(), "the nat chain sees only the first packet");
    }

    @Test
    void twoInsideHostsWithTheSameSourcePortGetDistinctExternalPorts() {
        masquerade(NatRange.masquerade(0, 0, false));
        SkBuff a = h.forward(Pkts.udp("10.0.1.2", "198.51.100.7", 5000, 53, 12, true), eth0, eth1);
        SkBuff b = h.forward(Pkts.udp("10.0.1.3", "198.51.100.7", 5000, 53, 12, true), eth0, eth1);
        assertEquals(5000, Pkts.l4udp(a).srcPort());
        int pb = Pkts.l4udp(b).srcPort();
        assertNotEquals(5000, pb);
        assertTrue(pb >= 1024, "a port of the same class: 1024-65535");
        assertTrue(Pkts.checksumsOk(b));
        // each answer goes back to its own host
        SkBuff toB = h.forward(Pkts.udp("198.51.100.7", "203.0.113.1", 53, pb, 30, true), eth1, eth0);
        assertEquals("10.0.1.3", Pkts.dst(toB));
        assertEquals(5000, Pkts.l4udp(toB).dstPort());
        assertTrue(Pkts.checksumsOk(toB));
        SkBuff toA = h.forward(Pkts.udp("198.51.100.7", "203.0.113.1", 53, 5000, 30, true), eth1, eth0);
        assertEquals("10.0.1.2", Pkts.dst(toA));
    }

    @Test
    void aLaterFlowFromTheSameSourceReusesItsMapping() {
        masquerade(NatRange.masquerade(0, 0, false));
        h.forward(Pkts.udp("10.0.1.2", "198.51.100.7", 5000, 53, 12, true), eth0, eth1);
        int pb = Pkts.l4udp(h.forward(Pkts.udp("10.0.1.3", "198.51.100.7", 5000, 53, 12, true), eth0, eth1)).srcPort();
        SkBuff again = h.forward(Pkts.udp("10.0.1.3", "198.51.100.9", 5000, 53, 12, true), eth0, eth1);
        assertEquals(pb, Pkts.l4udp(again).srcPort(), "find_appropriate_src: same source, same mapping");
    }

    @Test
    void portRangesAreHonoured() {
        masquerade(NatRange.masquerade(20000, 20009, false));
        for (int i = 0; i < 10; i++) {
            SkBuff o = h.forward(Pkts.udp("10.0.1.2", "198.51.100.7", 6000 + i, 53, 4, true), eth0, eth1);
            int port = Pkts.l4udp(o).srcPort();
            assertTrue(port >= 20000 && port <= 20009, "port " + port);
        }
        assertNull(h.forward(Pkts.udp("10.0.1.2", "198.51.100.7", 7000, 53, 4, true), eth0, eth1),
                "no free port left: dropped");
        assertEquals(1, h.ct.insertFailed());
    }

    @Test
    void icmpEchoIdsAreMappedLikePorts() {
        masquerade(NatRange.masquerade(0, 0, false));
        SkBuff a = h.forward(Pkts.icmpEcho("10.0.1.2", "198.51.100.7", 8, 77, 1), eth0, eth1);
        SkBuff b = h.forward(Pkts.icmpEcho("10.0.1.3", "198.51.100.7", 8, 77, 1), eth0, eth1);
        assertEquals(77, Pkts.l4icmp(a).echoIdent());
        int idB = Pkts.l4icmp(b).echoIdent();
        assertNotEquals(77, idB);
        assertTrue(Pkts.checksumsOk(b));
        SkBuff reply = h.forward(Pkts.icmpEcho("198.51.100.7", "203.0.113.1", 0, idB, 1), eth1, eth0);
        assertEquals("10.0.1.3", Pkts.dst(reply));
        assertEquals(77, Pkts.l4icmp(reply).echoIdent());
        assertTrue(Pkts.checksumsOk(reply));
    }

    @Test
    void snatAddressRangesPickByHashAndUdpWithoutChecksumStaysWithout() {
        int lo = Pkts.ip("203.0.113.10");
        masquerade(new NatRange(lo, lo + 3, 0, 0, false, false, false));
        SkBuff o = h.forward(Pkts.udp("10.0.1.2", "198.51.100.7", 5000, 53, 12, false), eth0, eth1);
        int src = Pkts.ipv4(o).src();
        assertTrue(src >= lo && src <= lo + 3);
        assertEquals(0, Pkts.l4udp(o).checksum());
        assertTrue(Pkts.ipv4(o).verifyChecksum());
        int j = NatCore.jhash2(Integer.reverseBytes(Pkts.ip("10.0.1.2")), Integer.reverseBytes(Pkts.ip("198.51.100.7")));
        assertEquals(lo + (int) (((j & 0xffffffffL) * 4) >>> 32), src, "reciprocal_scale(jhash2(src, dst), 4)");
    }

    @Test
    void dnatToAnotherHostAndPort() {
        dnat(8080, NatRange.to(Pkts.ip("10.0.1.5"), 80, 80));
        SkBuff in = h.run(Pkts.tcp("198.51.100.7", "203.0.113.1", 33333, 8080, TcpPacket.SYN, 1, 0, 64240, 0, true),
                eth1, null, NfHook.PRE_ROUTING);
        assertTrue(h.last.dstChanged);
        in = h.run(in, eth1, eth0, NfHook.FORWARD, NfHook.POST_ROUTING);
        assertEquals("10.0.1.5", Pkts.dst(in));
        assertEquals(80, Pkts.l4tcp(in).dstPort());
        assertTrue(Pkts.checksumsOk(in));
        Conn c = h.only();
        assertTrue(c.has(Conn.DST_NAT));
        assertFalse(c.has(Conn.SRC_NAT));

        SkBuff out = h.forward(Pkts.tcp("10.0.1.5", "198.51.100.7", 80, 33333, TcpPacket.SYN | TcpPacket.ACK, 500, 2, 65160, 0, true), eth0, eth1);
        assertEquals("203.0.113.1", Pkts.src(out));
        assertEquals(8080, Pkts.l4tcp(out).srcPort());
        assertTrue(Pkts.checksumsOk(out));
        assertEquals(CtState.ESTABLISHED, h.last.ctState);
    }

    @Test
    void redirectSendsToTheIncomingDevicesAddress() {
        h.nf.register(NfHook.PRE_ROUTING, NfPriority.NAT_DST, "iptable_nat",
                p -> Nat.needsNatLookup(p, false) ? Nat.redirect(p, 3128, 3128) : NfVerdict.ACCEPT);
        SkBuff in = h.input(Pkts.tcp("10.0.1.2", "198.51.100.7", 40000, 80, TcpPacket.SYN, 1, 0, 64240, 0, true), eth0);
        assertEquals("10.0.1.1", Pkts.dst(in));
        assertEquals(3128, Pkts.l4tcp(in).dstPort());
        assertTrue(Pkts.checksumsOk(in));
    }

    @Test
    void relatedIcmpErrorOfANattedFlowIsTranslatedInsideAndOut() {
        masquerade(NatRange.masquerade(0, 0, false));
        h.forward(Pkts.udp("10.0.1.2", "198.51.100.7", 5000, 53, 12, true), eth0, eth1);
        SkBuff sentB = h.forward(Pkts.udp("10.0.1.3", "198.51.100.7", 5000, 53, 12, true), eth0, eth1);
        int mapped = Pkts.l4udp(sentB).srcPort();
        SkBuff err = Pkts.icmpError("198.51.100.7", "203.0.113.1", 3, 3, sentB);
        SkBuff back = h.forward(err, eth1, eth0);
        assertEquals(CtState.RELATED, h.last.ctState);
        assertEquals("10.0.1.3", Pkts.dst(back));
        var q = Pkts.quoted(back);
        assertEquals(Pkts.ip("10.0.1.3"), q.src(), "the quoted datagram looks as the host sent it");
        assertEquals(5000, UdpPacket.of(back.array(), q.payloadOffset(), 8).srcPort());
        assertTrue(q.verifyChecksum());
        assertTrue(Pkts.checksumsOk(back));
        assertNotEquals(5000, mapped);
    }

    @Test
    void timeExceededFromBeyondAboutAMasqueradedPing() {
        masquerade(NatRange.masquerade(0, 0, false));
        SkBuff ping = h.forward(Pkts.icmpEcho("10.0.1.2", "198.51.100.7", 8, 77, 1), eth0, eth1);
        SkBuff err = Pkts.icmpError("198.51.100.1", "203.0.113.1", 11, 0, ping);
        SkBuff back = h.forward(err, eth1, eth0);
        assertEquals(CtState.RELATED, h.last.ctState);
        assertEquals("10.0.1.2", Pkts.dst(back));
        assertEquals("198.51.100.1", Pkts.src(back), "the error's sender is kept");
        assertEquals(Pkts.ip("10.0.1.2"), Pkts.quoted(back).src());
        assertTrue(Pkts.checksumsOk(back));
    }

    @Test
    void aLocalFlowThatWouldClashWithAMappingGetsAnotherPort() {
        masquerade(NatRange.masquerade(0, 0, false));
        h.forward(Pkts.udp("10.0.1.2", "198.51.100.7", 5000, 53, 12, true), eth0, eth1); // 203.0.113.1:5000
        SkBuff local = h.output(Pkts.udp("203.0.113.1", "198.51.100.7", 5000, 53, 12, true), eth1);
        int port = Pkts.l4udp(local).srcPort();
        assertNotEquals(5000, port, "the null binding found 203.0.113.1:5000 taken");
        assertTrue(Pkts.checksumsOk(local));
        assertEquals(2, h.ct.count());
        assertEquals(2, lookups.get(), "both went through the nat chain once");
    }
}
