package io.netemu.packet.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.packet.pcap.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UdpTest {
    static final int A = Ipv4Test.A;
    static final int B = Ipv4Test.B;

    static UdpPacket udpOf(byte[] frame) {
        Ipv4Packet ip = Ipv4Test.ipOf(frame);
        return UdpPacket.of(ip.buffer(), ip.payloadOffset(), ip.payloadLen());
    }

    @Test
    void deconstruct() {
        UdpPacket p = udpOf(Fixtures.frame("udp-exchange.pcap", 0));
        assertEquals(0xa872, p.srcPort());
        assertEquals(5002, p.dstPort());
        assertEquals(21, p.length());
        assertEquals(0x5f99, p.checksum());
        assertEquals(13, p.payloadLen());
        assertEquals("ping over udp", new String(p.buffer(), p.payloadOffset(), p.payloadLen(), StandardCharsets.US_ASCII));
        assertTrue(p.verifyChecksum(A, B));
        assertFalse(p.verifyChecksum(A, B + 1));
    }

    /** Builds the whole captured frame as the stack will: payload first, then headers pushed into headroom. */
    @Test
    void constructWholeFrameInAnSkBuff() {
        byte[] want = Fixtures.frame("udp-exchange.pcap", 1);
        byte[] payload = "PING OVER UDP".getBytes(StandardCharsets.US_ASCII);
        SkBuff skb = SkBuff.alloc(64, payload.length).put(payload.length);
        System.arraycopy(payload, 0, skb.array(), skb.dataOffset(), payload.length);
        skb = skb.push(UdpRepr.HEADER_LEN);
        new UdpRepr(5002, 0xa872, payload.length).emit(UdpPacket.of(skb), B, A);
        skb = skb.push(20);
        new Ipv4Repr(B, A, 17, 21, 63, 0, 0xd351, true, false, 0, new byte[0]).emit(Ipv4Packet.of(skb));
        skb = skb.push(14);
        new EthernetRepr(ArpTest.A, ArpTest.R, 0x0800).emit(EthernetFrame.of(skb));
        assertArrayEquals(want, skb.toByteArray());
    }

    @Test
    void parse() throws WireException {
        assertEquals(new UdpRepr(0xa872, 5002, 13), UdpRepr.parse(udpOf(Fixtures.frame("udp-exchange.pcap", 0)), A, B));
        assertEquals(new UdpRepr(5002, 0xa872, 13), UdpRepr.parse(udpOf(Fixtures.frame("udp-exchange.pcap", 1))));
        assertEquals(new UdpRepr(0xb7ab, 9, 5), UdpRepr.parse(udpOf(Fixtures.frame("icmp-port-unreachable.pcap", 2)), A, B));
    }

    @Test
    void emitEqualsCapturedHeaders() throws WireException {
        for (String[] c : new String[][] {{"udp-exchange.pcap", "0"}, {"udp-exchange.pcap", "1"}, {"icmp-port-unreachable.pcap", "2"}}) {
            byte[] f = Fixtures.frame(c[0], Integer.parseInt(c[1]));
            Ipv4Repr ip = Ipv4Repr.parse(Ipv4Test.ipOf(f), true);
            UdpPacket p = udpOf(f);
            UdpRepr repr = UdpRepr.parse(p, ip.src(), ip.dst());
            byte[] out = Arrays.copyOfRange(f, p.offset(), p.offset() + p.length());
            Arrays.fill(out, 0, 8, (byte) 0x3c);
            repr.emit(UdpPacket.of(out, 0, out.length), ip.src(), ip.dst());
            assertArrayEquals(Arrays.copyOfRange(f, p.offset(), p.offset() + p.length()), out);
        }
    }

    @Test
    void zeroChecksumMeansNoneAndComputedZeroIsSentAsOnes() {
        byte[] f = Fixtures.frame("udp-exchange.pcap", 0).clone();
        UdpPacket p = udpOf(f);
        p.setChecksum(0);
        assertTrue(p.verifyChecksum(A, B));
        assertTrue(p.verifyChecksum(0, 0));
        // choose the last payload word so that the checksum computes to 0: RFC 768 sends 0xffff
        byte[] b = new byte[10];
        UdpPacket q = UdpPacket.of(b, 0, b.length);
        new UdpRepr(1, 2, 2).emit(q);
        int sum = Checksum.sum(b, 0, 10, Checksum.pseudoHeader(A, B, 17, 10));
        Bytes.put16(b, 8, ~sum & 0xffff);
        q.fillChecksum(A, B);
        assertEquals(0xffff, q.checksum());
        assertTrue(q.verifyChecksum(A, B));
    }

    @Test
    void errors() {
        byte[] f = Fixtures.frame("udp-exchange.pcap", 0);
        assertEquals(WireError.TRUNCATED, assertThrows(WireException.class,
                () -> UdpRepr.parse(UdpPacket.of(f, 34, 7))).error());
        assertEquals(WireError.TRUNCATED, assertThrows(WireException.class,
                () -> UdpRepr.parse(UdpPacket.of(f, 34, 20))).error());
        byte[] small = f.clone();
        small[39] = 7;
        assertEquals(WireError.MALFORMED, assertThrows(WireException.class,
                () -> UdpRepr.parse(udpOf(small))).error());
        byte[] bad = f.clone();
        bad[50] ^= 0x20;
        assertEquals(WireError.CHECKSUM, assertThrows(WireException.class,
                () -> UdpRepr.parse(udpOf(bad), A, B)).error());
    }
}
