package io.netemu.test.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.packet.wire.Ipv4Address;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8's "transfers are exact": 100 MB over three hops (h1 - r1 - r2 - h2) whose middle link has
 * netem's 20 ms delay, 1 % loss and reordering (25 % of the packets skip the delay) towards the
 * receiver and 20 ms delay and 1 % loss back, on virtual time. The receiver's SHA-256 of what it read
 * equals the digest of the seeded stream the sender wrote, for CUBIC and for Reno on the sender; the
 * sender's nstat shows retransmissions and ss shows the algorithm, so the test cannot pass on a path
 * that lost nothing or with the wrong congestion control. Serialization checks are off (every frame
 * would be copied twice; the socket protocol's serialization is covered by the smaller tests).
 *
 * <p>{@code -Dnetemu.test.exactBytes=N} changes the size for a quick look; the default is the issue's.
 */
class ExactTransferTest {
    private static final long BYTES = Long.getLong("netemu.test.exactBytes", 100_000_000L);
    private static final long SEED = 20240508L;
    private static final int PORT = 5201;

    @ParameterizedTest
    @ValueSource(strings = {"cubic", "reno"})
    void hundredMegabytesArriveExactlyOverALossyReorderingPath(String cc) {
        try (VirtualChain c = new VirtualChain(4, false)) {
            c.ok(1, "tc qdisc add dev eth1 root netem delay 20ms loss 1% reorder 25% 50% seed 11");
            c.ok(2, "tc qdisc add dev eth0 root netem delay 20ms loss 1% seed 12");
            c.ok(0, "sysctl -w net.ipv4.tcp_congestion_control=" + cc);
            long wall = System.nanoTime();

            AtomicReference<CommandResult> ready = new AtomicReference<>();
            AtomicReference<CommandResult> received = new AtomicReference<>();
            AtomicReference<CommandResult> sent = new AtomicReference<>();
            c.kit.spawn(StreamApps.receiver(c.nodes.get(3), PORT, inbox(c, ready), inbox(c, received)), "rx");
            assertEquals(0, c.await(ready, 1_000_000_000L).exit());
            c.kit.spawn(StreamApps.sender(c.nodes.get(0), Ipv4Address.parse(c.far()), PORT, BYTES, SEED,
                    inbox(c, sent)), "tx");

            c.runTo(c.clock.nanos() + 5_000_000_000L);
            CommandResult ss = c.ok(0, "ss -tin");
            assertTrue(ss.stdout().contains(" " + cc + " "), "the sender's algorithm, ss -tin:\n" + ss.stdout());

            long limit = 7_200_000_000_000L; // two hours of virtual time: far above what the transfer takes
            CommandResult tx = c.await(sent, limit);
            CommandResult rx = c.await(received, limit);
            long virtualNs = c.clock.nanos();
            wall = System.nanoTime() - wall;

            assertEquals(0, tx.exit(), "sender errno");
            assertEquals(0, rx.exit(), "receiver errno");
            assertEquals(BYTES, Long.parseLong(tx.stderr()), "bytes the sender's socket took");
            assertEquals(BYTES, Long.parseLong(rx.stderr()), "bytes the receiver read");
            String expected = StreamApps.expectedDigest(BYTES, SEED);
            assertEquals(expected, tx.stdout(), "the sender wrote the seeded stream");
            assertEquals(expected, rx.stdout(), "the receiver read the seeded stream");

            CommandResult nstat = c.ok(0, "nstat -az");
            long retrans = counter(nstat.stdout(), "TcpRetransSegs");
            assertTrue(retrans > 0, nstat.stdout());
            CommandResult rnstat = c.ok(3, "nstat -az");
            System.out.printf("ExactTransferTest %s: %d bytes in %.1f s virtual, %.1f s wall; "
                            + "TcpRetransSegs %d, TcpExtTCPSACKReorder %d, receiver TcpExtTCPOFOQueue %d%n",
                    cc, BYTES, virtualNs / 1e9, wall / 1e9, retrans, counter(nstat.stdout(), "TcpExtTCPSACKReorder"),
                    counter(rnstat.stdout(), "TcpExtTCPOFOQueue"));
        }
    }

    private static ActorRef<CommandResult> inbox(VirtualChain c, AtomicReference<CommandResult> got) {
        return c.kit.spawn(Behaviors.receiveMessage(m -> {
            got.set(m);
            return Behaviors.stopped();
        }));
    }

    static long counter(String nstat, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " +(\\d+)").matcher(nstat);
        assertTrue(m.find(), name + " in\n" + nstat);
        return Long.parseLong(m.group(1));
    }
}
