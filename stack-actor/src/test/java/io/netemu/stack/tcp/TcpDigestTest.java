package io.netemu.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.stack.tcp.SimNet.Link;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The exactness test: 100 MB over a 20 ms path with 1 % loss and reordering each way arrive intact. */
class TcpDigestTest {
    static final long MS = SimNet.MS;
    static final long BYTES = 100L << 20;

    @ParameterizedTest
    @ValueSource(strings = {"cubic", "reno"})
    void hundredMegabytesArriveExactly(String cc) {
        // 3 hops of ~6.7 ms: 20 ms one way; 1 % loss, 1 % of packets held back 5 ms (reordered)
        Link ab = new Link(20 * MS, 0, 0, 0.01, 0.01, 5 * MS);
        Link ba = new Link(20 * MS, 0, 0, 0.01, 0.01, 5 * MS);
        long wall = System.nanoTime();
        Transfers.Result r = Transfers.run(TcpConfig.linux().withCongestion(cc), ab, ba, BYTES, 42, 36_000_000 * MS);
        wall = System.nanoTime() - wall;
        TcpInfo i = r.clientInfo();
        System.out.printf("digest %s: 100 MB in %.1f s emulated (%.2f Mbit/s), %.1f s wall; %s%n  %s%n", cc,
                r.elapsedNs() / 1e9, r.goodputBps() / 1e6, wall / 1e9, i.ssLine(), r.net().mibA.nstat());
        assertTrue(r.done(), "transfer finished");
        assertEquals(BYTES, r.receiver().received);
        assertArrayEquals(r.sender().digest.digest(), r.receiver().digest.digest());
        assertTrue(i.totalRetrans() > 0, "losses were repaired by retransmission");
    }
}
