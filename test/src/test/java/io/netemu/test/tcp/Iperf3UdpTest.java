package io.netemu.test.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.node.cmd.iperf3.CJson;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code iperf3 -u -b 10M -t 3} on virtual time: the sender paces 10 Mbit/s of 1448-byte datagrams,
 * and the receiver's counts (packets, lost_packets, lost_percent, jitter_ms, as iperf3 3.12's -J
 * names them) show exactly what netem did on the way: nothing lost on a clean link, about the
 * configured share on a lossy one.
 */
class Iperf3UdpTest {
    private static Map<?, ?> sumReceived(String netem) {
        try (VirtualChain c = new VirtualChain(2, false)) {
            c.ok(0, "tc qdisc add dev eth0 root netem delay 5ms" + netem);
            AtomicReference<CommandResult> srv = c.start(1, "iperf3 -s -1");
            CommandResult r = c.run(0, "iperf3 -u -c " + c.far() + " -b 10M -t 3 -J", 30_000_000_000L);
            assertEquals(0, r.exit(), r.stdout() + r.stderr());
            assertEquals(0, c.await(srv, 5_000_000_000L).exit());
            Map<?, ?> end = (Map<?, ?>) ((Map<?, ?>) CJson.parse(r.stdout())).get("end");
            Map<?, ?> sent = (Map<?, ?>) end.get("sum_sent");
            Map<?, ?> recv = (Map<?, ?>) end.get("sum_received");
            // 10 Mbit/s for 3 s in 1448-byte datagrams: 2590 of them
            long packets = ((Number) sent.get("packets")).longValue();
            assertTrue(Math.abs(packets - 2590) <= 3, "sender packets " + packets);
            assertEquals(packets, ((Number) recv.get("packets")).longValue(), "the receiver counts what was sent");
            double bps = ((Number) sent.get("bits_per_second")).doubleValue();
            assertTrue(Math.abs(bps - 10e6) < 0.01 * 10e6, "paced at " + bps);
            assertTrue(((Number) recv.get("jitter_ms")).doubleValue() >= 0, recv.toString());
            return recv;
        }
    }

    @Test
    void cleanLinkLosesNothing() {
        Map<?, ?> recv = sumReceived("");
        assertEquals(0, ((Number) recv.get("lost_packets")).longValue(), recv.toString());
        assertEquals(0.0, ((Number) recv.get("lost_percent")).doubleValue(), recv.toString());
    }

    @Test
    void netemLossShowsAsLostPackets() {
        Map<?, ?> recv = sumReceived(" loss 5% seed 3");
        long lost = ((Number) recv.get("lost_packets")).longValue();
        long packets = ((Number) recv.get("packets")).longValue();
        double pct = ((Number) recv.get("lost_percent")).doubleValue();
        assertTrue(lost > 0.03 * packets && lost < 0.07 * packets, "lost " + lost + " of " + packets);
        assertEquals(100.0 * lost / packets, pct, 1e-9, "lost_percent");
    }
}
