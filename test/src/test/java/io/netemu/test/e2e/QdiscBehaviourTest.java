package io.netemu.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.device.qdisc.QdiscStats;
import io.netemu.node.cmd.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

/**
 * What netem and tbf do to traffic (issue 6), on virtual time so every run is exact: loss
 * within a binomial band, delay in RTTs, corrupted frames dropped by the receivers' checksums,
 * duplicates and reordering seen by ping, the same seed giving the same results, and a tbf
 * link (alone or under netem) carrying its configured rate.
 */
class QdiscBehaviourTest {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");
    private static final Pattern SEQ = Pattern.compile("icmp_seq=(\\d+)");
    private static final Pattern SENT = Pattern.compile(" Sent (\\d+) bytes (\\d+) pkt \\(dropped (\\d+), overlimits (\\d+)");

    private static int received(CommandResult r) {
        Matcher m = SUMMARY.matcher(r.stdout());
        assertTrue(m.find(), r.stdout());
        return Integer.parseInt(m.group(2));
    }

    /** The loss run: 1000 echoes through netem loss 30% seeded; returns ping's output and tc -s's. */
    private static String[] lossRun() {
        try (VirtualPair p = new VirtualPair()) {
            // ARP first: an unresolved neighbour would queue (and drop) echoes while its request is retried
            p.ok(p.a, "ping -c 1 10.9.0.2");
            p.ok(p.a, "tc qdisc add dev eth0 root netem loss 30% seed 7");
            CommandResult ping = p.run(p.a, "ping -c 1000 -i 0.002 -q 10.9.0.2", 10_000_000_000L);
            CommandResult tc = p.ok(p.a, "tc -s qdisc show dev eth0");
            return new String[] {ping.stdout(), tc.stdout()};
        }
    }

    @Test
    void loss30PercentIsBinomialAndTheSameSeedRepeatsIt() {
        String[] first = lossRun();
        Matcher m = SUMMARY.matcher(first[0]);
        assertTrue(m.find(), first[0]);
        int got = Integer.parseInt(m.group(2));
        // Binomial(1000, 0.7) for the echo requests (the replies go out of b unimpaired): mean 700,
        // sd 14.5; 4 sd either side.
        assertTrue(got >= 642 && got <= 758, "received " + got + " of 1000 with 30% loss\n" + first[0]);
        Matcher s = SENT.matcher(first[1]);
        assertTrue(s.find(), first[1]);
        assertTrue(Long.parseLong(s.group(3)) >= 1000 - got, "the lost requests are the qdisc's drops\n" + first[1]);
        String[] second = lossRun();
        assertEquals(first[0], second[0], "same seed, same ping results");
        assertEquals(first[1], second[1], "same seed, same qdisc counters");
    }

    @Test
    void delayShowsInRtts() {
        try (VirtualPair p = new VirtualPair()) {
            p.ok(p.a, "tc qdisc add dev eth0 root netem delay 100ms");
            CommandResult r = p.run(p.a, "ping -c 3 10.9.0.2", 10_000_000_000L);
            assertTrue(r.stdout().contains("icmp_seq=2 ttl=64 time=100 ms"), r.stdout());
            assertTrue(r.stdout().contains("icmp_seq=3 ttl=64 time=100 ms"), r.stdout());
        }
    }

    @Test
    void corruptFramesAreDroppedByChecksumsDownstream() {
        try (VirtualPair p = new VirtualPair()) {
            p.ok(p.a, "ping -c 1 10.9.0.2"); // ARP settled before the corruption starts
            p.ok(p.a, "tc qdisc add dev eth0 root netem corrupt 100% seed 3");
            CommandResult r = p.run(p.a, "ping -c 200 -i 0.002 -q 10.9.0.2", 10_000_000_000L);
            QdiscStats q = p.aQdisc();
            assertEquals(200, q.corrupted(), "each echo request had one bit flipped");
            // a flip in the source MAC (48 of 784 bits) is the only one no check catches: ~6%
            int got = received(r);
            assertTrue(got <= 30, "received " + got + " corrupted echoes\n" + r.stdout());
            // the receiver counts them where Linux does: a flip in the IP header fails its
            // checksum (IpInHdrErrors, IpExtInCsumErrors), one in the ICMP message the ICMP
            // checksum (IcmpInErrors, IcmpInCsumErrors): 672 of the frame's 784 bits
            String nstat = p.ok(p.b, "nstat -az").stdout();
            long csum = nstatValue(nstat, "IpExtInCsumErrors") + nstatValue(nstat, "IcmpInCsumErrors");
            assertTrue(csum >= 140 && csum <= 200, csum + " checksum errors of 200\n" + nstat);
            assertEquals(nstatValue(nstat, "IpExtInCsumErrors"), nstatValue(nstat, "IpInHdrErrors"), nstat);
        }
    }

    @Test
    void duplicatesReachTheReceiver() {
        try (VirtualPair p = new VirtualPair()) {
            p.ok(p.a, "ping -c 1 10.9.0.2");
            long before = rxPackets(p.ok(p.b, "ip -s link show eth0").stdout());
            p.ok(p.a, "tc qdisc add dev eth0 root netem duplicate 50% seed 11");
            CommandResult r = p.run(p.a, "ping -c 100 -i 0.002 -q 10.9.0.2", 10_000_000_000L);
            long got = rxPackets(p.ok(p.b, "ip -s link show eth0").stdout()) - before;
            QdiscStats q = p.aQdisc();
            assertTrue(q.duplicated() > 30 && q.duplicated() < 70, "duplicated " + q.duplicated() + " of 100");
            assertEquals(100 + q.duplicated(), got, "b received every echo request and every copy\n" + r.stdout());
            // each copy is answered: ping counts the second replies as iputils does
            assertTrue(r.stdout().contains("100 packets transmitted, 100 received, +" + q.duplicated() + " duplicates, 0% packet loss"),
                    r.stdout());
            CommandResult loud = p.run(p.a, "ping -c 20 -i 0.002 10.9.0.2", 10_000_000_000L);
            assertTrue(loud.stdout().contains(" ms (DUP!)\n"), loud.stdout());
        }
    }

    private static long nstatValue(String nstat, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s+(\\d+)").matcher(nstat);
        assertTrue(m.find(), name + " in\n" + nstat);
        return Long.parseLong(m.group(1));
    }

    private static final Pattern RX = Pattern.compile("RX:[^\\n]*\\n\\s*\\d+\\s+(\\d+)");

    private static long rxPackets(String ipS) {
        Matcher m = RX.matcher(ipS);
        assertTrue(m.find(), ipS);
        return Long.parseLong(m.group(1));
    }

    @Test
    void reorderingSendsSomeAtOnceAndCountsThemAsRequeues() {
        try (VirtualPair p = new VirtualPair()) {
            p.ok(p.a, "ping -c 1 10.9.0.2");
            p.ok(p.a, "tc qdisc add dev eth0 root netem delay 10ms reorder 50% gap 3 seed 5");
            assertEquals("qdisc netem 8001: root refcnt 2 limit 1000 delay 10ms reorder 50% gap 3\n",
                    p.ok(p.a, "tc qdisc show dev eth0").stdout());
            CommandResult r = p.run(p.a, "ping -c 50 -i 0.002 10.9.0.2", 10_000_000_000L);
            List<Integer> seqs = new ArrayList<>();
            Matcher m = SEQ.matcher(r.stdout());
            while (m.find()) {
                seqs.add(Integer.parseInt(m.group(1)));
            }
            assertEquals(50, seqs.size(), r.stdout());
            List<Integer> sorted = new ArrayList<>(seqs);
            sorted.sort(null);
            QdiscStats q = p.aQdisc();
            assertNotEquals(sorted, seqs, "replies out of order:\n" + r.stdout() + q);
            assertTrue(q.requeues() > 0 && q.requeues() <= 50 / 3 + 1, "one in every gap at most: " + q);
        }
    }

    /** Sent bytes of a's root qdisc between 1 s and 2 s of a saturating flood: the link's rate. */
    private static long bytesPerSecond(String... tcLines) {
        try (VirtualPair p = new VirtualPair()) {
            p.ok(p.a, "ping -c 1 10.9.0.2");
            for (String l : tcLines) {
                p.ok(p.a, l);
            }
            long t0 = p.clock.nanos();
            TestProbe<CommandResult> flood = p.start(p.a, "ping -c 1500 -i 0.002 -s 1400 -q 10.9.0.2");
            p.runTo(t0 + 1_000_000_000L);
            long before = sent(p.ok(p.a, "tc -s qdisc show dev eth0").stdout());
            long t1 = p.clock.nanos();
            p.runTo(t1 + 1_000_000_000L);
            long after = sent(p.ok(p.a, "tc -s qdisc show dev eth0").stdout());
            long t2 = p.clock.nanos();
            p.await(flood, 20_000_000_000L);
            return (after - before) * 1_000_000_000L / (t2 - t1);
        }
    }

    private static long sent(String tcs) {
        Matcher m = SENT.matcher(tcs);
        assertTrue(m.find(), tcs);
        return Long.parseLong(m.group(1));
    }

    @Test
    void tbfCarriesItsRate() {
        long bps = bytesPerSecond("tc qdisc add dev eth0 root tbf rate 2mbit burst 10kb latency 50ms");
        assertTrue(Math.abs(bps - 250_000) <= 250_000 * 0.02, "tbf 2mbit carried " + bps + " B/s");
    }

    @Test
    void netemWithTbfChildCarriesTheTbfRate() {
        long bps = bytesPerSecond("tc qdisc add dev eth0 root handle 1: netem delay 10ms",
                "tc qdisc add dev eth0 parent 1:1 handle 10: tbf rate 4mbit burst 32kbit latency 400ms");
        assertTrue(Math.abs(bps - 500_000) <= 500_000 * 0.02, "netem + tbf 4mbit carried " + bps + " B/s");
    }

    @Test
    void tbfCountsOverlimitsDropsAndBacklog() {
        try (VirtualPair p = new VirtualPair()) {
            p.ok(p.a, "ping -c 1 10.9.0.2");
            p.ok(p.a, "tc qdisc add dev eth0 root handle 1: netem delay 10ms");
            p.ok(p.a, "tc qdisc add dev eth0 parent 1:1 handle 10: tbf rate 1mbit burst 4kb latency 20ms");
            TestProbe<CommandResult> flood = p.start(p.a, "ping -c 300 -i 0.002 -s 1400 -q 10.9.0.2");
            p.runTo(p.clock.nanos() + 300_000_000L);
            String s = p.ok(p.a, "tc -s qdisc show dev eth0").stdout();
            String[] lines = s.split("\n");
            assertEquals(6, lines.length, s);
            assertTrue(lines[0].startsWith("qdisc netem 1: root refcnt 2 limit 1000 delay 10ms"), s);
            assertTrue(lines[3].startsWith("qdisc tbf 10: parent 1:1 rate 1Mbit burst 4Kb lat 20ms"), s);
            Matcher tbf = SENT.matcher(lines[4]);
            assertTrue(tbf.find(), s);
            assertTrue(Long.parseLong(tbf.group(3)) > 0, "the bfifo's limit dropped frames: " + s);
            assertTrue(Long.parseLong(tbf.group(4)) > 0, "overlimits: " + s);
            Matcher netem = SENT.matcher(lines[1]);
            assertTrue(netem.find(), s);
            assertEquals(tbf.group(3), netem.group(3), "netem counts its child's drops: " + s);
            assertTrue(lines[5].matches(" backlog \\d+b [1-9]\\d*p requeues 0"), "a backlog in tbf: " + s);
            p.await(flood, 20_000_000_000L);
        }
    }
}
