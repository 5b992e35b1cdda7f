package io.netemu.stack.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IcmpType;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.TcpOptions;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.stack.ip.Pmtudisc;
import io.netemu.stack.route.Nexthop;
import io.netemu.stack.route.Route;
import io.netemu.stack.route.RouteProtocol;
import io.netemu.stack.route.RouteTable;
import io.netemu.stack.route.RouteType;
import io.netemu.stack.sock.TcpRcv;
import io.netemu.stack.tcp.TcpSegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A GSO skb (three 1,400-byte segments) from h1 across r1, whose next link has MTU 1000: IP
 * measures it by its segments, so it leaves h1 whole; at r1 a DF one gets "fragmentation needed"
 * (MTU 1000) as one datagram would, and one without DF is segmented, then each segment fragmented
 * (ip_finish_output_gso), and h2 reassembles the three segments.
 */
class GsoPathTest {
    private static final int H1 = Ipv4Address.parse("10.0.1.2");
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
        send(Pmtudisc.DONT, 1, 100); // resolve the neighbours first
        seen.clear();
        wire.tap(f -> seen.add(f.copy()));
    }

    private static void defaultVia(Wire.Node n, String gw, String dev) throws Exception {
        n.ns.fib().add(new Route(RouteTable.MAIN, RouteType.UNICAST, 0, 0, 0, RouteProtocol.BOOT, 0, 0, 0,
                List.of(Nexthop.via(Ipv4Address.parse(gw), n.dev(dev).ifindex()))));
    }

    /** A TCP super-segment of {@code segs} segments of {@code size} bytes from h1 to h2. */
    private int send(Pmtudisc pmtu, int segs, int size) {
        byte[] payload = new byte[segs * size];
        new java.util.Random(segs).nextBytes(payload);
        TcpSegment seg = new TcpSegment(40000, 5001, 1000, 1, TcpPacket.ACK, 512, TcpOptions.NONE, payload);
        byte[] buf = new byte[TcpRcv.HEADROOM + seg.bufferLen()];
        seg.emit(buf, TcpRcv.HEADROOM, H1, H2);
        SkBuff skb = SkBuff.wrap(buf, TcpRcv.HEADROOM, seg.bufferLen());
        if (segs > 1) {
            skb = skb.withMeta(skb.meta().withGso(size, segs));
        }
        int err = h1.stack.ipOutput().output(H1, H2, IpProtocol.TCP.value(), skb, 64, 0, pmtu, 0);
        wire.run();
        return err;
    }

    private List<Ipv4Packet> ipFrames() {
        return seen.stream().filter(f -> f.getShort(12) == 0x0800).map(f -> Ipv4Packet.of(f.pull(14))).toList();
    }

    @Test
    void withoutDfTheRouterSegmentsThenFragments() {
        assertEquals(0, send(Pmtudisc.DONT, 3, 1400));
        List<Ipv4Packet> ip = ipFrames();
        assertEquals(20 + 20 + 4200, ip.get(0).totalLen(), "h1 sends the super-segment whole");
        List<Ipv4Packet> frags = ip.stream().filter(Ipv4Packet::isFragment).toList();
        assertEquals(6, frags.size(), "three segments of 1,440 bytes, two fragments each: " + ip.size());
        assertTrue(frags.stream().allMatch(p -> p.totalLen() <= 1000));
        assertEquals(3, r1.stack.counters().ipFragOks);
        assertEquals(6, r1.stack.counters().ipFragCreates);
        long delivered = h2.stack.counters().ipInDelivers;
        assertTrue(delivered >= 3, "h2 reassembled each segment: " + delivered);
    }

    @Test
    void withDfTheRouterSendsFragNeededForTheSegmentSize() {
        send(Pmtudisc.WANT, 3, 1400);
        assertEquals(1, r1.stack.counters().ipFragFails);
        Ipv4Packet icmp = ipFrames().stream().filter(p -> p.protocol() == 1).findFirst().orElseThrow();
        byte[] b = icmp.buffer();
        int at = icmp.payloadOffset();
        assertEquals(IcmpType.DEST_UNREACH, b[at] & 0xff);
        assertEquals(IcmpType.DestUnreach.FRAG_NEEDED, b[at + 1] & 0xff);
        assertEquals(1000, ((b[at + 6] & 0xff) << 8) | (b[at + 7] & 0xff), "the next hop's MTU");
    }
}
