package io.netemu.stack.netfilter.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.wire.IcmpType;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.harness.Wire;
import io.netemu.stack.icmp.IcmpEcho;
import io.netemu.stack.ip.Pmtudisc;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfPriority;
import io.netemu.stack.netfilter.NfVerdict;
import io.netemu.stack.route.Nexthop;
import io.netemu.stack.route.Route;
import io.netemu.stack.route.RouteProtocol;
import io.netemu.stack.route.RouteTable;
import io.netemu.stack.route.RouteType;
import io.netemu.stack.sock.SocketEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MASQUERADE through the real data path: h1 (10.0.1.2) — r1 (NAT) — r2 — h3 (10.0.3.2), where
 * r2 has no route back to 10.0.1.0/24, so only translated packets can be answered.
 */
class NatPathTest {
    private static final int H3 = Ipv4Address.parse("10.0.3.2");
    private Wire wire;
    private Wire.Node h1;
    private Wire.Node r1;
    /** Frames as they were put on a link (receivers rewrite bytes in place, so keep copies). */
    private final List<byte[]> frames = new ArrayList<>();

    @BeforeEach
    void lab() throws Exception {
        wire = new Wire();
        wire.link("h1", "eth0", "r1", "eth0", 1500).link("r1", "eth1", "r2", "eth0", 1500)
                .link("r2", "eth1", "h3", "eth0", 1500);
        h1 = wire.node("h1").addr("eth0", "10.0.1.2/24");
        r1 = wire.node("r1").addr("eth0", "10.0.1.1/24").addr("eth1", "10.0.2.1/24").forwarding();
        Wire.Node r2 = wire.node("r2").addr("eth0", "10.0.2.2/24").addr("eth1", "10.0.3.1/24").forwarding();
        Wire.Node h3 = wire.node("h3").addr("eth0", "10.0.3.2/24");
        defaultVia(h1, "10.0.1.1", "eth0");
        defaultVia(r1, "10.0.2.2", "eth1");
        defaultVia(h3, "10.0.3.1", "eth0");
        assertTrue(r2.ns.fib().lookup(Ipv4Address.parse("10.0.1.2"), 0) == null, "r2 cannot route to the inside");
        // iptables -t nat -A POSTROUTING -o eth1 -j MASQUERADE
        Conntrack.ensure(r1.ns.netfilter(), r1.ns.sysctl());
        r1.ns.netfilter().register(NfHook.POST_ROUTING, NfPriority.NAT_SRC, "iptable_nat",
                p -> Nat.needsNatLookup(p, true) && p.out == r1.dev("eth1")
                        ? Nat.setup(p, NatRange.masquerade(0, 0, false), true) : NfVerdict.ACCEPT);
        wire.tap(f -> frames.add(f.toByteArray()));
    }

    private static void defaultVia(Wire.Node n, String gw, String dev) throws Exception {
        n.ns.fib().add(new Route(RouteTable.MAIN, RouteType.UNICAST, 0, 0, 0, RouteProtocol.BOOT, 0, 0, 0,
                List.of(Nexthop.via(Ipv4Address.parse(gw), n.dev(dev).ifindex()))));
    }

    private void ping(int seq, int ttl) {
        IcmpEcho.send(h1.stack, 0x4e3e, seq, 0, H3, 56, ttl, 0, Pmtudisc.WANT, 0);
        wire.run();
    }

    private List<Ipv4Packet> ipv4Frames() {
        List<Ipv4Packet> l = new ArrayList<>();
        for (byte[] f : frames) {
            if (((f[12] & 0xff) << 8 | (f[13] & 0xff)) == 0x0800) {
                l.add(Ipv4Packet.of(f, 14, f.length - 14));
            }
        }
        return l;
    }

    @Test
    void pingThroughMasqueradeIsAnsweredAndTracked() {
        ping(1, 64);
        SocketEvent.EchoReply r = assertInstanceOf(SocketEvent.EchoReply.class, h1.events.get(0));
        assertEquals(H3, r.from());
        boolean sawMasqueraded = ipv4Frames().stream()
                .anyMatch(ip -> ip.src() == Ipv4Address.parse("10.0.2.1") && ip.dst() == H3 && ip.verifyChecksum());
        assertTrue(sawMasqueraded, "the echo left r1 from 10.0.2.1");
        Conn c = r1.ns.netfilter().conntrack().entries(wire.now()).get(0);
        assertTrue(c.has(Conn.SRC_NAT | Conn.SEEN_REPLY));
        assertEquals(Ipv4Address.parse("10.0.2.1"), c.reply().dst());
        ping(2, 64);
        assertInstanceOf(SocketEvent.EchoReply.class, h1.events.get(1));
        assertEquals(1, r1.ns.netfilter().conntrack().count(), "the same id: the same connection");
    }

    @Test
    void timeExceededFromBeyondTheNatComesBackToTheHost() {
        ping(1, 2); // dies at r2, which answers 10.0.2.1
        SocketEvent.IcmpError e = assertInstanceOf(SocketEvent.IcmpError.class, h1.events.get(0));
        assertEquals(IcmpType.TIME_EXCEEDED, e.type());
        assertEquals(Ipv4Address.parse("10.0.2.2"), e.from());
        assertEquals(1, e.seq(), "the quoted echo was translated back: h1 recognises its own");
    }
}
