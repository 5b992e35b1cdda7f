package io.netemu.test.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * iperf3 over a 100 Mbit/s path with 10 ms each way (netem delay, tbf as its child, the tbf queue
 * one bandwidth-delay product: 20 ms), on virtual time: what TCP does there, read from iperf3's own
 * report. Message serialization checks are off here (every frame would be copied twice; the socket
 * protocol's serialization is covered by the smaller tests).
 */
class Iperf3ThroughputTest {
    private static final double LINK = 100e6;

    private static VirtualChain path(String extraSenderNetem) {
        VirtualChain c = new VirtualChain(2, false);
        c.ok(0, "tc qdisc add dev eth0 root handle 1: netem delay 10ms" + extraSenderNetem);
        c.ok(0, "tc qdisc add dev eth0 parent 1:1 handle 10: tbf rate 100mbit burst 32kbit latency 20ms");
        c.ok(1, "tc qdisc add dev eth0 root netem delay 10ms");
        return c;
    }

    private static IperfResult iperf(VirtualChain c, String args) {
        AtomicReference<CommandResult> srv = c.start(1, "iperf3 -s -1");
        CommandResult r = c.run(0, "iperf3 -c " + c.far() + " " + args + " -J", 60_000_000_000L);
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        assertEquals(0, c.await(srv, 5_000_000_000L).exit());
        return IperfResult.parse(r.stdout());
    }

    @Test
    void oneCubicFlowFillsNinetyPercentOfTheLink() {
        try (VirtualChain c = path("")) {
            IperfResult r = iperf(c, "-t 10 -C cubic");
            assertEquals("cubic", r.congestion());
            assertTrue(r.receivedBps() >= 0.9 * LINK, "receiver " + r.receivedBps() / 1e6 + " Mbit/s");
            assertTrue(r.receivedBps() <= LINK * 1.001, "faster than the link: " + r.receivedBps() / 1e6);
        }
    }

    @Test
    void twoFlowsShareTheLinkWithinTwentyPercent() {
        try (VirtualChain c = path("")) {
            IperfResult r = iperf(c, "-t 10 -P 2");
            long a = r.streamReceivedBytes().get(0);
            long b = r.streamReceivedBytes().get(1);
            assertTrue(Math.abs(a - b) <= 0.2 * Math.max(a, b), "streams " + a + " and " + b + " bytes");
            assertTrue(r.receivedBps() >= 0.9 * LINK, "together " + r.receivedBps() / 1e6 + " Mbit/s");
        }
    }

    @Test
    void onePercentLossCostsThroughputAndShowsRetransmitsInIperf3AndSs() {
        double clean;
        try (VirtualChain c = path("")) {
            clean = iperf(c, "-t 10").receivedBps();
        }
        try (VirtualChain c = path(" loss 1% seed 7")) {
            AtomicReference<CommandResult> srv = c.start(1, "iperf3 -s -1");
            AtomicReference<CommandResult> cli = c.start(0, "iperf3 -c " + c.far() + " -t 10");
            c.runTo(6_000_000_000L);
            CommandResult ss = c.run(0, "ss -tin", 1_000_000_000L);
            CommandResult r = c.await(cli, 60_000_000_000L);
            c.await(srv, 5_000_000_000L);
            // the sender summary's Retr column, and ss's retrans:cur/total on the data connection
            Matcher m = Pattern.compile("sec\\s+\\S+ \\S+\\s+(\\S+) (\\S)bits/sec\\s+(\\d+)\\s+sender").matcher(r.stdout());
            assertTrue(m.find(), r.stdout());
            assertTrue(Long.parseLong(m.group(3)) > 0, r.stdout());
            double bps = Double.parseDouble(m.group(1)) * (m.group(2).equals("M") ? 1e6 : 1e3);
            assertTrue(bps < clean * 0.9, "lossy " + bps / 1e6 + " vs clean " + clean / 1e6 + " Mbit/s");
            assertTrue(Pattern.compile("retrans:\\d+/[1-9]\\d*").matcher(ss.stdout()).find(), "ss -tin: " + ss.stdout() + ss.stderr());
        }
    }
}
