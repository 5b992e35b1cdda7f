package io.netemu.stack.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IcmpType;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.stack.core.StackDrop;
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

/** h1 — r1 — h2 without actors: ARP, forwarding, ICMP errors, PMTU, fragments, as Linux answers them. */
class StackPathTest {
    private static final int H2 = Ipv4Address.parse("10.0.2.2");
    private Wire wire;
    private Wire.Node h1;
    private Wire.Node r1;
    private Wire.Node h2;
    private final List<SkBuff> seen = new ArrayList<>();

    @BeforeEach
    void lab() throws Exception {
        wire = new Wire();
        wire.link("h1", "eth0", "r1", "eth0", 1500).link("r1", "eth1", "h2", "eth0", 1000);
        h1 = wire.node("h1").addr("eth0", "10.0.1.2/24");
        r1 = wire.node("r1").addr("eth0", "10.0.1.1/24").addr("eth1", "10.0.2.1/24").forwarding();
        h2 = wire.node("h2").addr("eth0", "10.0.2.2/24");
        defaultVia(h1, "10.0.1.1", "eth0");
        defaultVia(h2, "10.0.2.1", "eth0");
        wire.tap(seen::add);
    }

    private static void defaultVia(Wire.Node n, String gw, String dev) throws Exception {
        n.ns.fib().add(new Route(RouteTable.MAIN, RouteType.UNICAST, 0, 0, 0, RouteProtocol.BOOT, 0, 0, 0,
                List.of(Nexthop.via(Ipv4Address.parse(gw), n.dev(dev).ifindex()))));
    }

    private int ping(Wire.Node from, int dst, int seq, int len, int ttl, Pmtudisc pmtu) {
        int err = IcmpEcho.send(from.stack, 0x4e3e, seq, 0, dst, len, ttl, 0, pmtu, 0);
        wire.run();
        return err;
    }

    @Test
    void echoAcrossARouterComesBackWithTtl63() {
        assertEquals(0, ping(h1, H2, 1, 56, 64, Pmtudisc.WANT));
        SocketEvent.EchoReply r = assertInstanceOf(SocketEvent.EchoReply.class, h1.events.get(0));
        assertEquals(H2, r.from());
        assertEquals(63, r.ttl());
        assertEquals(64, r.icmpLen());
        assertEquals(2, r1.stack.counters().ipForwDatagrams, "forwarded there and back");
        // ARP on both links happened once each way, then the frames were IPv4
        long arps = seen.stream().filter(f -> f.getShort(12) == 0x0806).count();
        assertEquals(4, arps, "one request and one reply per link");
    }

    @Test
    void forwardingCopiesNoBytes() {
        ping(h1, H2, 1, 56, 64, Pmtudisc.WANT);
        long before = SkBuff.copies();
        for (int i = 2; i < 500; i++) {
            ping(h1, H2, i, 56, 64, Pmtudisc.WANT);
        }
        assertEquals(499, h1.events.size());
        assertEquals(before, SkBuff.copies(), "the rx, forward and echo-reply paths write in place");
    }

    @Test
    void ttlOneDiesAtTheRouterWithTimeExceededFromItsInboundAddress() {
        ping(h1, H2, 7, 56, 1, Pmtudisc.WANT);
        SocketEvent.IcmpError e = assertInstanceOf(SocketEvent.IcmpError.class, h1.events.get(0));
        assertEquals(Ipv4Address.parse("10.0.1.1"), e.from());
        assertEquals(IcmpType.TIME_EXCEEDED, e.type());
        assertEquals(7, e.seq());
        SkBuff err = seen.get(seen.size() - 1);
        Ipv4Packet ip = Ipv4Packet.of(err.pull(14));
        assertEquals(0xc0, ip.tos(), "ICMP errors carry precedence internetwork control");
        assertEquals(20 + 8 + 84, ip.totalLen(), "the whole 84-byte datagram is quoted, as in the capture");
        assertFalse(ip.dontFrag());
    }

    @Test
    void dfTooBigForTheNextLinkGetsFragNeededThenALocalError() {
        ping(h1, H2, 1, 1400, 64, Pmtudisc.DO);
        SocketEvent.IcmpError e = assertInstanceOf(SocketEvent.IcmpError.class, h1.events.get(0));
        assertEquals(IcmpType.DestUnreach.FRAG_NEEDED, e.code());
        assertEquals(1000, e.info());
        SkBuff err = seen.get(seen.size() - 1);
        assertEquals(576, Ipv4Packet.of(err.pull(14)).totalLen(), "error datagram capped at 576 bytes");
        // the learned path MTU now refuses the next one locally, as ping's "local error" shows
        assertEquals(90, ping(h1, H2, 2, 1400, 64, Pmtudisc.DO));
    }

    @Test
    void withoutDfTheRouterFragmentsAndTheHostReassembles() {
        ping(h1, H2, 1, 2972, 64, Pmtudisc.DONT);
        SocketEvent.EchoReply r = assertInstanceOf(SocketEvent.EchoReply.class, h1.events.get(0));
        assertEquals(2980, r.icmpLen());
        long fragments = seen.stream().filter(f -> f.getShort(12) == 0x0800)
                .filter(f -> Ipv4Packet.of(f.pull(14)).isFragment()).count();
        assertTrue(fragments >= 3 + 2, "h1 fragments at 1500, r1 fragments to 1000: " + fragments);
    }

    @Test
    void anUnansweredArpFailsAfterThreeSolicitsWithHostUnreachable() {
        int ghost = Ipv4Address.parse("10.0.1.99");
        ping(h1, ghost, 1, 56, 64, Pmtudisc.WANT);
        assertTrue(h1.events.isEmpty());
        wire.advance(2_900_000_000L);
        assertTrue(h1.events.isEmpty(), "still resolving before 3 s");
        assertEquals(3, seen.stream().filter(f -> f.getShort(12) == 0x0806).count(), "3 broadcast requests");
        wire.advance(200_000_000L);
        SocketEvent.IcmpError e = assertInstanceOf(SocketEvent.IcmpError.class, h1.events.get(0));
        assertEquals(IcmpType.DestUnreach.HOST, e.code());
        assertEquals(Ipv4Address.parse("10.0.1.2"), e.from(), "reported from our own address, as ping prints it");
        assertEquals(1, h1.stack.counters().drops(StackDrop.NEIGH_FAILED));
    }

    @Test
    void aFailedNeighbourIsResolvedAgainOnTheNextPacket() {
        r1.ns.linkSetUp(r1.dev("eth0"), false);
        ping(h1, H2, 1, 56, 64, Pmtudisc.WANT);
        wire.advance(3_100_000_000L);
        assertInstanceOf(SocketEvent.IcmpError.class, h1.events.get(0), "ARP failed while the router was down");
        r1.ns.linkSetUp(r1.dev("eth0"), true);
        h1.events.clear();
        ping(h1, H2, 2, 56, 64, Pmtudisc.WANT);
        assertInstanceOf(SocketEvent.EchoReply.class, h1.events.get(0), "FAILED starts a new resolution: " + h1.events);
    }

    @Test
    void withoutForwardingTheRouterDropsSilently() {
        r1.ns.sysctl().set("net.ipv4.ip_forward", "0");
        ping(h1, H2, 1, 56, 64, Pmtudisc.WANT);
        assertTrue(h1.events.isEmpty());
        assertEquals(1, r1.stack.counters().drops(StackDrop.IP_INADDRERRORS));
    }

    @Test
    void netfilterHooksSeeEachPacketInLinuxOrderAndCanDropIt() {
        List<String> seenAt = new ArrayList<>();
        for (NfHook h : NfHook.values()) {
            r1.ns.netfilter().register(h, NfPriority.FILTER, "test", p -> {
                seenAt.add(h + (p.in == null ? "" : " in=" + p.in.name()) + (p.out == null ? "" : " out=" + p.out.name()));
                return NfVerdict.ACCEPT;
            });
        }
        ping(h1, H2, 1, 56, 64, Pmtudisc.WANT);
        assertEquals(List.of("PRE_ROUTING in=eth0", "FORWARD in=eth0 out=eth1", "POST_ROUTING out=eth1",
                "PRE_ROUTING in=eth1", "FORWARD in=eth1 out=eth0", "POST_ROUTING out=eth0"), seenAt);
        r1.ns.netfilter().register(NfHook.FORWARD, NfPriority.FILTER - 1, "drop", p -> NfVerdict.DROP);
        h1.events.clear();
        ping(h1, H2, 2, 56, 64, Pmtudisc.WANT);
        assertTrue(h1.events.isEmpty());
        assertEquals(1, r1.stack.counters().drops(StackDrop.NETFILTER_DROP));
        // the router's own answers pass OUTPUT and POSTROUTING, and its input INPUT
        seenAt.clear();
        ping(h1, Ipv4Address.parse("10.0.1.1"), 3, 56, 64, Pmtudisc.WANT);
        assertEquals(List.of("PRE_ROUTING in=eth0", "LOCAL_IN in=eth0", "LOCAL_OUT out=eth0", "POST_ROUTING out=eth0"), seenAt);
    }

    @Test
    void noRouteIsNetworkUnreachableLocally() {
        assertEquals(101, ping(r1, Ipv4Address.parse("192.0.2.1"), 1, 56, 64, Pmtudisc.WANT));
    }
}
