package io.netemu.test.sock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.packet.wire.Ipv4Address;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TSO/GSO and GRO switched on and off with ethtool over one veth link: every combination delivers the
 * same bytes (digest); the counters and tcpdump see what Linux shows for a veth (one packet per GSO
 * skb, frames longer than the MTU while TSO is on); the transfer's emulated goodput per wall second
 * is printed (OFFLOAD-BENCH lines; -Doffload.flows=8 -Doffload.bytes=N for a bigger run).
 */
class OffloadTransferTest {
    private static final int DST = Ipv4Address.parse("10.1.0.2");

    private OffloadLab lab;
    private ActorRef<NsInbound> h1;
    private ActorRef<NsInbound> h2;

    @BeforeEach
    void link() {
        lab = new OffloadLab();
        h1 = lab.ns("h1", 1);
        h2 = lab.ns("h2", 4);
        lab.link(h1, "eth0", h2, "eth0", 1500, 1);
        lab.ok(h1, "ip addr add 10.1.0.1/24 dev eth0");
        lab.ok(h2, "ip addr add 10.1.0.2/24 dev eth0");
    }

    @AfterEach
    void shutdown() {
        lab.close();
    }

    @Test
    void everyOffloadCombinationDeliversTheSameBytes() {
        int n = Integer.getInteger("offload.bytes", 8 * 1024 * 1024);
        int flows = Integer.getInteger("offload.flows", 1);
        lab.transfer("warmup", h1, h2, DST, 1, 2 * 1024 * 1024);
        CommandResult k = lab.ok(h1, "ethtool -k eth0");
        assertTrue(k.stdout().contains("tcp-segmentation-offload: on\n"), k.stdout());
        assertTrue(k.stdout().contains("generic-segmentation-offload: on\n"), k.stdout());
        assertTrue(k.stdout().contains("generic-receive-offload: off\n"), k.stdout());
        lab.transfer("tso-on", h1, h2, DST, flows, n);
        lab.ok(h2, "ethtool -K eth0 gro on");
        lab.transfer("tso-on-gro-on", h1, h2, DST, flows, n);
        lab.ok(h1, "ethtool -K eth0 tso off");
        k = lab.ok(h1, "ethtool -k eth0");
        assertTrue(k.stdout().contains("tcp-segmentation-offload: off\n"), k.stdout());
        lab.transfer("tso-off-gro-on", h1, h2, DST, flows, n);
        lab.ok(h2, "ethtool -K eth0 gro off");
        lab.transfer("tso-off", h1, h2, DST, flows, n);
    }

    /**
     * As on Linux (8 MiB between two namespaces over a veth, TSO on: 149 packets in {@code ip -s link}
     * each way's count, tcpdump lines of {@code length 65160}): a GSO skb is one packet in the
     * counters at both ends and one frame in tcpdump, longer than the MTU; the sender's TcpOutSegs
     * counts MSS segments, the receiver's TcpInSegs the skbs it got. With TSO off every frame fits.
     */
    @Test
    void aGsoSkbIsOnePacketInTheCountersAndOneFrameInTcpdump() {
        int bytes = 4 * 1024 * 1024;
        long segments = bytes / 1448;
        TestProbe<CommandResult> dump = lab.start(h1, "tcpdump -nn -i eth0 -c 40 src host 10.1.0.1");
        lab.transfer("counters-tso-on", h1, h2, DST, 1, bytes);
        long[] tx = lab.packets(h1, "eth0");
        long[] rx = lab.packets(h2, "eth0");
        assertEquals(tx[1], rx[0], "the peer counts what was sent, skb for skb");
        assertTrue(tx[1] < segments / 8, "one packet per GSO skb: " + tx[1] + " for " + segments + " segments");
        assertTrue(lab.nstat(h1, "TcpOutSegs") > segments, "TcpOutSegs counts segments");
        assertTrue(lab.nstat(h2, "TcpInSegs") < segments / 8, "TcpInSegs counts the skbs received");
        List<Integer> lengths = lengths(lab.await(dump, 10_000_000_000L));
        assertTrue(lengths.stream().anyMatch(l -> l > 1500), "tcpdump shows the super-frames: " + lengths);

        lab.ok(h1, "ethtool -K eth0 tso off");
        dump = lab.start(h1, "tcpdump -nn -i eth0 -c 40 src host 10.1.0.1");
        lab.transfer("counters-tso-off", h1, h2, DST, 1, bytes);
        long sent = lab.packets(h1, "eth0")[1] - tx[1];
        assertEquals(sent, lab.packets(h2, "eth0")[0] - rx[0]);
        assertTrue(sent > segments, "segmented at the device: " + sent + " packets");
        lengths = lengths(lab.await(dump, 10_000_000_000L));
        assertTrue(lengths.stream().allMatch(l -> l <= 1448), "every frame fits the MTU: " + lengths);
    }

    private static List<Integer> lengths(CommandResult dump) {
        assertNotNull(dump, "tcpdump ended");
        assertEquals(0, dump.exit(), dump.stderr());
        Matcher m = Pattern.compile("length (\\d+)").matcher(dump.stdout());
        List<Integer> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(40, out.size(), dump.stdout());
        return out;
    }
}
