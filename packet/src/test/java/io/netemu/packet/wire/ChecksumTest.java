package io.netemu.packet.wire;

import static io.netemu.packet.pcap.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.pcap.Fixtures;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumTest {
    /** RFC 1071 §3, "Numerical Examples": 00 01 f2 03 f4 f5 f6 f7 sums to ddf2. */
    @Test
    void rfc1071Example() {
        byte[] b = hex("0001f203f4f5f6f7");
        assertEquals(0xddf2, Checksum.sum(b, 0, 8, 0));
        assertEquals(0x220d, Checksum.fold(Checksum.sum(b, 0, 8, 0)));
        // byte-order independence and chaining of partial sums
        assertEquals(0xddf2, Checksum.sum(b, 4, 4, Checksum.sum(b, 0, 4, 0)));
    }

    @Test
    void oddLengthPadsWithZeroOnTheRight() {
        assertEquals(0xab00, Checksum.sum(hex("ab"), 0, 1, 0));
        assertEquals(0x1234 + 0x5600, Checksum.sum(hex("123456"), 0, 3, 0));
        assertEquals(0, Checksum.sum(new byte[0], 0, 0, 0));
    }

    @Test
    void sumsLargeBuffersWithoutOverflow() {
        byte[] b = new byte[200_000];
        java.util.Arrays.fill(b, (byte) 0xff);
        assertEquals(0xffff, Checksum.sum(b, 0, b.length, 0));
        assertEquals(0, Checksum.fold(Checksum.sum(b, 0, b.length, 0)));
    }

    /** The eight-bytes-at-a-time sum is the RFC 1071 sum of 16-bit words, at any offset, length and initial sum. */
    @Test
    void wideSumEqualsTheWordByWordSum() {
        Random rnd = new Random(1071);
        byte[] b = new byte[70_000];
        rnd.nextBytes(b);
        for (int i = 0; i < 3_000; i++) {
            int off = rnd.nextInt(64);
            int len = i < 100 ? i : rnd.nextInt(b.length - off);
            int initial = rnd.nextInt(0x10000);
            long ref = initial;
            for (int j = 0; j + 1 < len; j += 2) {
                ref += ((b[off + j] & 0xff) << 8) | (b[off + j + 1] & 0xff);
            }
            if ((len & 1) != 0) {
                ref += (b[off + len - 1] & 0xff) << 8;
            }
            while ((ref >>> 16) != 0) {
                ref = (ref & 0xffff) + (ref >>> 16);
            }
            assertEquals(ref, Checksum.sum(b, off, len, initial), "off " + off + " len " + len);
        }
    }

    /** RFC 1624 §4: m 0x5555 -> 0x3285 with HC 0xdd2f gives 0x0000 (eqn. 3), not 0xffff (eqn. 2). */
    @Test
    void rfc1624Example() {
        assertEquals(0x0000, Checksum.update16(0xdd2f, 0x5555, 0x3285));
    }

    @Test
    void pseudoHeaderMatchesItsBytes() {
        byte[] ph = hex("0a000102 0a000202 0011 0015");
        int src = Ipv4Address.parse("10.0.1.2");
        int dst = Ipv4Address.parse("10.0.2.2");
        assertEquals(Checksum.sum(ph, 0, ph.length, 0), Checksum.pseudoHeader(src, dst, 17, 21));
    }

    @Test
    void incrementalUpdateEqualsRecomputation() {
        Random rnd = new Random(1624);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[20 + 2 * rnd.nextInt(20)];
            rnd.nextBytes(b);
            b[10] = 0;
            b[11] = 0;
            int check = Checksum.fold(Checksum.sum(b, 0, b.length, 0));
            Bytes.put16(b, 10, check);
            int at = 2 * rnd.nextInt(b.length / 2);
            if (at == 10) {
                continue;
            }
            if (rnd.nextBoolean() && at + 4 <= b.length && at != 8) {
                int old = Bytes.i32(b, at);
                int now = rnd.nextInt();
                Bytes.put32(b, at, now);
                int want = recompute(b);
                assertEquals(want, Checksum.update32(check, old, now), "update32 #" + i);
            } else {
                int old = Bytes.u16(b, at);
                int now = rnd.nextInt(0x10000);
                Bytes.put16(b, at, now);
                assertEquals(recompute(b), Checksum.update16(check, old, now), "update16 #" + i);
            }
        }
    }

    private static int recompute(byte[] b) {
        byte[] c = b.clone();
        Bytes.put16(c, 10, 0);
        return Checksum.fold(Checksum.sum(c, 0, c.length, 0));
    }

    @Test
    void decrementTtlEqualsRecomputationLikeIpDecreaseTtl() {
        Random rnd = new Random(7);
        byte[] b = Fixtures.frame("icmp-echo-routed.pcap", 0).clone();
        for (int i = 0; i < 50_000; i++) {
            Ipv4Packet p = Ipv4Packet.of(b, 14, 84);
            p.setIdent(rnd.nextInt(0x10000));
            p.setTtl(1 + rnd.nextInt(255));
            p.setSrc(rnd.nextInt());
            p.fillChecksum();
            int ttl = p.ttl();
            assertEquals(ttl - 1, p.decrementTtl());
            int patched = p.headerChecksum();
            p.fillChecksum();
            assertEquals(p.headerChecksum(), patched, "ttl " + ttl);
            assertTrue(p.verifyChecksum());
        }
    }
}
