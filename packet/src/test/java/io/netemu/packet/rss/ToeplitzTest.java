package io.netemu.packet.rss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The IPv4 rows of the verification suite in Microsoft's RSS specification ("Verifying the RSS Hash Calculation"). */
class ToeplitzTest {
    private static final Toeplitz T = new Toeplitz(Toeplitz.MICROSOFT_KEY);

    private static int ip(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    @Test
    void specificationVectors() {
        // destination 161.142.100.80:1766, source 66.9.149.187:2794
        assertEquals(0x323e8fc2, T.ipv4(ip(66, 9, 149, 187), ip(161, 142, 100, 80), 2794, 1766, false));
        assertEquals(0x51ccc178, T.ipv4(ip(66, 9, 149, 187), ip(161, 142, 100, 80), 2794, 1766, true));
        // destination 65.69.140.83:4739, source 199.92.111.2:14230
        assertEquals(0xd718262a, T.ipv4(ip(199, 92, 111, 2), ip(65, 69, 140, 83), 14230, 4739, false));
        assertEquals(0xc626b0ea, T.ipv4(ip(199, 92, 111, 2), ip(65, 69, 140, 83), 14230, 4739, true));
        // destination 12.22.207.184:38024, source 24.19.198.95:12898
        assertEquals(0xd2d0a5de, T.ipv4(ip(24, 19, 198, 95), ip(12, 22, 207, 184), 12898, 38024, false));
        assertEquals(0x5c2b394a, T.ipv4(ip(24, 19, 198, 95), ip(12, 22, 207, 184), 12898, 38024, true));
    }

    @Test
    void indirectionTableSpreadsRoundRobin() {
        assertEquals(0, RssSteering.queue(0x51ccc178, 1));
        assertEquals((0x51ccc178 & 127) % 4, RssSteering.queue(0x51ccc178, 4));
        assertEquals(5 % 4, RssSteering.queue(5, 4));
    }
}
