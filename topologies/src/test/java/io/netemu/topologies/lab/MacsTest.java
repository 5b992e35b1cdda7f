package io.netemu.topologies.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class MacsTest {

    @Test
    void knownValue() {
        // sha256("two-subnets/h1/eth0") begins a2 a8 25 42 05 36 (computed with Python's hashlib).
        assertEquals(0xa2a825420536L, Macs.derive("two-subnets", "h1", "eth0"));
        assertEquals("a2:a8:25:42:05:36", Macs.format(Macs.derive("two-subnets", "h1", "eth0")));
        // Non-ASCII names hash as UTF-8.
        assertEquals("62:bd:a2:9d:e1:62", Macs.format(Macs.derive("lab", "nöde", "br0")));
    }

    @Test
    void matchesAnIndependentDerivationAndItsBitRules() throws Exception {
        String[][] cases = {{"two-subnets", "r1", "eth1"}, {"l", "sw1", "br0"}, {"x", "h2", "p2"}, {"a-b", "n.1", "veth_x"}};
        for (String[] c : cases) {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((c[0] + "/" + c[1] + "/" + c[2]).getBytes(StandardCharsets.UTF_8));
            long expected = 0;
            for (int i = 0; i < 6; i++) {
                int b = h[i] & 0xff;
                expected = (expected << 8) | (i == 0 ? (b & ~0x03) | 0x02 : b);
            }
            long mac = Macs.derive(c[0], c[1], c[2]);
            assertEquals(expected, mac);
            assertEquals(0, mac >>> 48, "48 bits");
            assertEquals(0x02, (mac >>> 40) & 0x03, "locally administered, unicast");
        }
    }

    @Test
    void stableAndDistinct() {
        assertEquals(Macs.derive("lab", "h1", "eth0"), Macs.derive("lab", "h1", "eth0"));
        assertNotEquals(Macs.derive("lab", "h1", "eth0"), Macs.derive("lab", "h1", "eth1"));
        assertNotEquals(Macs.derive("lab", "h1", "eth0"), Macs.derive("lab2", "h1", "eth0"));
    }

    @Test
    void formatPadsEveryOctet() {
        assertEquals("02:ab:cd:ef:01:23", Macs.format(0x02abcdef0123L));
        assertEquals("02:00:00:00:00:0a", Macs.format(0x02000000000aL));
    }
}
