package io.netemu.stack.netfilter.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfPacket.CtState;
import org.junit.jupiter.api.Test;

/** UDP tracking (nf_conntrack_proto_udp.c), ICMP errors RELATED to a flow, and the generic tracker. */
class ConntrackUdpTest {
    private final CtHarness h = new CtHarness();
    private final NetDev eth0 = CtHarness.dev(2, "eth0");
    private final NetDev eth1 = CtHarness.dev(3, "eth1");

    private SkBuff query() { return Pkts.udp("10.0.1.2", "10.0.2.2", 5353, 53, 20, true); }
    private SkBuff answer() { return Pkts.udp("10.0.2.2", "10.0.1.2", 53, 5353, 40, true); }

    @Test
    void unrepliedThenRepliedThenAStreamAfterTwoSeconds() {
        h.forward(query(), eth0, eth1);
        assertEquals(CtState.NEW, h.last.ctState);
        Conn c = h.only();
        assertEquals(30, c.timeoutSeconds(h.now));
        assertFalse(c.has(Conn.SEEN_REPLY));

        h.forward(answer(), eth1, eth0);
        assertEquals(CtState.ESTABLISHED, h.last.ctState);
        assertTrue(c.has(Conn.SEEN_REPLY));
        assertFalse(c.has(Conn.ASSURED), "a single exchange is no stream");
        assertEquals(30, c.timeoutSeconds(h.now));

        h.forward(query(), eth0, eth1);
        assertFalse(c.has(Conn.ASSURED), "still within two seconds of the first packet");
        h.advance(3);
        h.forward(query(), eth0, eth1);
        assertTrue(c.has(Conn.ASSURED));
        assertEquals(120, c.timeoutSeconds(h.now));
        h.sysctl.set("net.netfilter.nf_conntrack_udp_timeout_stream", "180");
        h.forward(answer(), eth1, eth0);
        assertEquals(180, c.timeoutSeconds(h.now));
    }

    @Test
    void portUnreachableQuotingAUdpFlowIsRelated() {
        SkBuff q = query();
        SkBuff fwd = h.forward(q, eth0, eth1);
        Conn c = h.only();
        SkBuff err = Pkts.icmpError("10.0.2.2", "10.0.1.2", 3, 3, fwd);
        h.forward(err, eth1, eth0);
        assertEquals(CtState.RELATED, h.last.ctState);
        assertSame(c, h.last.ct);
        assertFalse(c.has(Conn.SEEN_REPLY), "an error is not a reply");
        assertEquals(1, h.ct.count());
    }

    @Test
    void anErrorFromTheRouterOnTheWayIsRelatedToo() {
        SkBuff fwd = h.forward(query(), eth0, eth1);
        h.forward(Pkts.icmpError("10.0.2.1", "10.0.1.2", 11, 0, fwd), eth1, eth0);
        assertEquals(CtState.RELATED, h.last.ctState);
    }

    @Test
    void errorsAboutUnknownFlowsOrSentElsewhereAreInvalid() {
        SkBuff stray = Pkts.udp("10.0.1.9", "10.0.2.2", 1, 2, 8, true);
        h.forward(Pkts.icmpError("10.0.2.2", "10.0.1.9", 3, 3, stray), eth1, eth0);
        assertEquals(CtState.INVALID, h.last.ctState);
        assertNull(h.last.ct);

        SkBuff fwd = h.forward(query(), eth0, eth1);
        h.forward(Pkts.icmpError("10.0.2.2", "10.0.1.77", 3, 3, fwd), eth1, eth0);
        assertEquals(CtState.INVALID, h.last.ctState, "outer destination is not the flow's source");
        assertEquals(2, h.ct.errors());
    }

    @Test
    void aBadUdpChecksumOnInputIsInvalidButNoChecksumIsFine() {
        SkBuff bad = query();
        Pkts.l4udp(bad).setChecksum(0x4242);
        h.forward(bad, eth0, eth1);
        assertEquals(CtState.INVALID, h.last.ctState);
        h.forward(Pkts.udp("10.0.1.2", "10.0.2.2", 7, 7, 10, false), eth0, eth1);
        assertEquals(CtState.NEW, h.last.ctState);
    }

    @Test
    void otherProtocolsUseTheGenericTimeout() {
        SkBuff gre = Pkts.udp("10.0.1.2", "10.0.2.2", 1, 2, 10, false);
        Pkts.ipv4(gre).setProtocol(47);
        Pkts.ipv4(gre).fillChecksum();
        h.forward(gre, eth0, eth1);
        Conn c = h.only();
        assertEquals(47, c.proto());
        assertEquals(0, c.orig().sport());
        assertEquals(600, c.timeoutSeconds(h.now));
    }

    @Test
    void nonFirstFragmentsAreNotTracked() {
        SkBuff frag = query();
        Pkts.ipv4(frag).setFragOffset(8);
        Pkts.ipv4(frag).fillChecksum();
        h.forward(frag, eth0, eth1);
        assertEquals(CtState.INVALID, h.last.ctState);
        assertEquals(0, h.ct.count());
    }
}
