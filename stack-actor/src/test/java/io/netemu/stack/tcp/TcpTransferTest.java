package io.netemu.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.stack.tcp.SimNet.Link;
import org.junit.jupiter.api.Test;

class TcpTransferTest {
    static final long MS = SimNet.MS;

    @Test
    void oneMegabyteCleanPath() {
        Transfers.Result r = Transfers.run(TcpConfig.linux(), Link.delay(10 * MS), Link.delay(10 * MS),
                1 << 20, 1, 60_000 * MS);
        System.out.println("1MB clean: " + r.elapsedNs() / 1e6 + " ms " + r.clientInfo().ssLine());
        assertTrue(r.done());
        assertEquals(1 << 20, r.receiver().received);
        assertArrayEquals(r.sender().digest.digest(), r.receiver().digest.digest());
    }

    @Test
    void tenMegabytesLossy() {
        Link ab = new Link(20 * MS, 0, 0, 0.01, 0.01, 5 * MS);
        Link ba = new Link(20 * MS, 0, 0, 0.01, 0.01, 5 * MS);
        Transfers.Result r = Transfers.run(TcpConfig.linux(), ab, ba, 10 << 20, 2, 3_600_000 * MS);
        System.out.println("10MB lossy: " + r.elapsedNs() / 1e6 + " ms " + r.clientInfo().ssLine());
        System.out.println(r.net().mibA);
        assertTrue(r.done());
        assertArrayEquals(r.sender().digest.digest(), r.receiver().digest.digest());
    }
}
