package io.netemu.test.sock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.device.NsInbound;
import io.netemu.packet.wire.Ipv4Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Offloads across a router whose links differ in MTU, with loss and reordering from netem:
 * h1 -(MTU 9000)- r -(MTU 1500)- h2. Whatever the offloads, 8 MiB arrive exactly (digest), and
 * the counters show where super-segments were built and cut: TSO skbs from h1 cross r whole and
 * are segmented at r's eth1 (its netem sees real frames); with TSO off at h1 and GRO on at r and
 * h2, r forwards GRO's merges and h2's TCP receives fewer segments than its veth counted.
 */
class OffloadPathTest {
    private static final int BYTES = 8 * 1024 * 1024;
    /** 8 MiB in 1,448-byte segments. */
    private static final long SEGMENTS = BYTES / 1448;

    private OffloadLab lab;
    private ActorRef<NsInbound> h1;
    private ActorRef<NsInbound> r;
    private ActorRef<NsInbound> h2;

    @BeforeEach
    void path() {
        lab = new OffloadLab();
        h1 = lab.ns("h1", 1);
        r = lab.ns("r", 2);
        h2 = lab.ns("h2", 3);
        lab.link(h1, "eth0", r, "eth0", 9000, 1);
        lab.link(r, "eth1", h2, "eth0", 1500, 2);
        lab.ok(h1, "ip addr add 10.1.0.1/24 dev eth0");
        lab.ok(h1, "ip route add default via 10.1.0.2");
        lab.ok(r, "ip addr add 10.1.0.2/24 dev eth0");
        lab.ok(r, "ip addr add 10.2.0.1/24 dev eth1");
        lab.ok(r, "sysctl -w net.ipv4.ip_forward=1");
        lab.ok(h2, "ip addr add 10.2.0.2/24 dev eth0");
        lab.ok(h2, "ip route add default via 10.2.0.1");
        lab.ok(h2, "tc qdisc add dev eth0 root netem delay 2ms loss 1% seed 21"); // the ACKs
    }

    @AfterEach
    void shutdown() {
        lab.close();
    }

    @Test
    void tsoSuperSegmentsAreCutAtTheRoutersNetem() {
        lab.ok(r, "tc qdisc add dev eth1 root netem delay 2ms loss 1% reorder 10% gap 5 seed 22");
        lab.transfer("path-tso", h1, h2, Ipv4Address.parse("10.2.0.2"), 1, BYTES);
        long[] rIn = lab.packets(r, "eth0");
        long[] rOut = lab.packets(r, "eth1");
        assertTrue(rIn[0] < SEGMENTS / 2, "h1's TSO skbs reach r whole: " + rIn[0] + " frames in");
        assertTrue(rOut[1] > SEGMENTS, "r's eth1 sends real segments: " + rOut[1] + " frames out");
        assertTrue(lab.nstat(h1, "TcpRetransSegs") > 0, "the loss made h1 retransmit");
        assertTrue(lab.nstat(h1, "TcpOutSegs") > SEGMENTS, "TcpOutSegs counts segments, not skbs");
    }

    @Test
    void groMergesWhatTsoOffSentAndTheBytesStayExact() {
        lab.ok(h1, "ethtool -K eth0 tso off");
        lab.ok(r, "ethtool -K eth0 gro on");
        lab.ok(h2, "ethtool -K eth0 gro on");
        lab.ok(h1, "tc qdisc add dev eth0 root netem delay 1ms loss 1% reorder 10% gap 5 seed 23");
        lab.transfer("path-gro", h1, h2, Ipv4Address.parse("10.2.0.2"), 1, BYTES);
        long[] rIn = lab.packets(r, "eth0");
        long forwarded = lab.nstat(r, "IpForwDatagrams");
        assertTrue(rIn[0] > SEGMENTS, "h1 sends real segments: " + rIn[0]);
        assertTrue(forwarded < rIn[0] * 3 / 4, "r forwards GRO's merges: " + forwarded + " of " + rIn[0] + " frames");
        long h2In = lab.packets(h2, "eth0")[0];
        long tcpIn = lab.nstat(h2, "TcpInSegs");
        assertTrue(tcpIn <= h2In, "h2's TCP sees at most what its veth counted: " + tcpIn + " of " + h2In);
        assertTrue(lab.nstat(h1, "TcpRetransSegs") > 0, "the loss made h1 retransmit");
    }
}
