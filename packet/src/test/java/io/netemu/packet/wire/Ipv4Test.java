package io.netemu.packet.wire;

import static io.netemu.packet.pcap.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.packet.pcap.Fixtures;
import io.netemu.packet.pcap.PcapRecord;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ipv4Test {
    static final int A = Ipv4Address.parse("10.0.1.2");
    static final int R = Ipv4Address.parse("10.0.1.1");
    static final int B = Ipv4Address.parse("10.0.2.2");
    /** The echo request of arp-and-icmp-echo.pcap #2 (RFC 791 header, from real Linux). */
    static final byte[] ECHO_HEADER = hex("4500 0054 6e10 4000 4001 b696 0a000102 0a000101");

    static Ipv4Packet ipOf(byte[] frame) {
        return Ipv4Packet.of(SkBuff.wrap(frame).pull(EthernetFrame.HEADER_LEN));
    }

    @Test
    void deconstruct() {
        Ipv4Packet p = ipOf(Fixtures.frame("arp-and-icmp-echo.pcap", 2));
        assertEquals(4, p.version());
        assertEquals(5, p.ihl());
        assertEquals(20, p.headerLen());
        assertEquals(0, p.tos());
        assertEquals(84, p.totalLen());
        assertEquals(0x6e10, p.ident());
        assertTrue(p.dontFrag());
        assertFalse(p.moreFrags());
        assertFalse(p.isFragment());
        assertEquals(0, p.fragOffset());
        assertEquals(64, p.ttl());
        assertEquals(IpProtocol.ICMP.value(), p.protocol());
        assertEquals(0xb696, p.headerChecksum());
        assertEquals(A, p.src());
        assertEquals(R, p.dst());
        assertEquals(14 + 20, p.payloadOffset());
        assertEquals(64, p.payloadLen());
        assertEquals(0, p.optionsLen());
        assertTrue(p.verifyChecksum());
        // the ICMP errors are sent with TOS 0xc0 (Internetwork Control), as icmp_send does
        Ipv4Packet err = ipOf(Fixtures.frame("icmp-ttl-exceeded.pcap", 1));
        assertEquals(0xc0, err.tos());
        assertEquals(48, err.dscp());
        assertEquals(0, err.ecn());
    }

    @Test
    void construct() {
        byte[] b = new byte[20];
        Arrays.fill(b, (byte) 0xff);
        Ipv4Packet p = Ipv4Packet.of(b, 0, 20);
        p.setVersion(4);
        p.setHeaderLen(20);
        p.setTos(0);
        p.setTotalLen(84);
        p.setIdent(0x6e10);
        p.setDontFrag(true);
        p.setMoreFrags(false);
        b[6] &= (byte) 0x7f; // clear the reserved bit left from the fill
        p.setFragOffset(0);
        p.setTtl(64);
        p.setProtocol(1);
        p.setSrc(A);
        p.setDst(R);
        p.fillChecksum();
        assertArrayEquals(ECHO_HEADER, b);
    }

    @Test
    void parse() throws WireException {
        Ipv4Repr r = Ipv4Repr.parse(ipOf(Fixtures.frame("arp-and-icmp-echo.pcap", 2)), true);
        assertEquals(new Ipv4Repr(A, R, 1, 64, 64, 0, 0x6e10, true, false, 0, new byte[0]), r);
        Ipv4Repr reply = Ipv4Repr.parse(ipOf(Fixtures.frame("icmp-echo-routed.pcap", 1)), true);
        assertEquals(63, reply.ttl());
        assertFalse(reply.dontFrag());
        assertEquals(B, reply.src());
    }

    @Test
    void emitEqualsCapturedHeaderOfEveryIpv4Frame() throws WireException {
        int n = 0;
        for (String name : Fixtures.names()) {
            for (PcapRecord rec : Fixtures.records(name)) {
                byte[] f = rec.data();
                if (Bytes.u16(f, 12) != 0x0800) {
                    continue;
                }
                Ipv4Repr repr = Ipv4Repr.parse(ipOf(f), true);
                byte[] out = new byte[repr.headerLen()];
                Arrays.fill(out, (byte) 0x77);
                repr.emit(Ipv4Packet.of(out, 0, out.length));
                assertArrayEquals(Arrays.copyOfRange(f, 14, 14 + repr.headerLen()), out, name);
                n++;
            }
        }
        assertTrue(n >= 40, "IPv4 frames seen: " + n);
    }

    @Test
    void fragmentsCarryOffsetsInBytesAndMoreFragments() throws WireException {
        List<PcapRecord> recs = Fixtures.records("ipv4-fragments.pcap");
        int[] offsets = {0, 1480, 2960};
        boolean[] more = {true, true, false};
        for (int dir = 0; dir < 2; dir++) {
            byte[] whole = new byte[3008];
            int ident = -1;
            for (int i = 0; i < 3; i++) {
                Ipv4Packet p = ipOf(recs.get(2 + 3 * dir + i).data());
                Ipv4Repr r = Ipv4Repr.parse(p, true);
                assertEquals(offsets[i], r.fragOffset());
                assertEquals(more[i], r.moreFrags());
                assertFalse(r.dontFrag());
                assertTrue(p.isFragment());
                assertEquals(i < 2 ? 1480 : 48, r.payloadLen());
                ident = i == 0 ? r.ident() : ident;
                assertEquals(ident, r.ident());
                System.arraycopy(p.buffer(), p.payloadOffset(), whole, r.fragOffset(), r.payloadLen());
            }
            IcmpPacket icmp = IcmpPacket.of(whole, 0, whole.length);
            assertTrue(icmp.verifyChecksum(), "reassembled ICMP checksum");
            assertEquals(dir == 0 ? IcmpType.ECHO : IcmpType.ECHO_REPLY, icmp.type());
        }
        assertEquals(0x96bd, ipOf(recs.get(2).data()).ident());
        assertEquals(0x652e, ipOf(recs.get(5).data()).ident());
    }

    @Test
    void decrementTtlAsTheRouterDidForTheQuotedDatagram() {
        // r forwarded the UDP datagram with TTL 64 -> 63; b quoted it in its port unreachable
        byte[] sent = Fixtures.frame("icmp-port-unreachable.pcap", 2).clone();
        byte[] err = Fixtures.frame("icmp-port-unreachable.pcap", 3);
        Ipv4Packet p = ipOf(sent);
        assertEquals(63, p.decrementTtl());
        assertArrayEquals(Arrays.copyOfRange(err, 14 + 28, 14 + 28 + 20), Arrays.copyOfRange(sent, 14, 34));
    }

    @Test
    void optionsAreKeptVerbatimAndPadded() throws WireException {
        byte[] routerAlert = {(byte) 0x94, 4, 0, 0};
        byte[] odd = {1, 1, 7};
        for (byte[] opts : new byte[][] {routerAlert, odd}) {
            Ipv4Repr r = new Ipv4Repr(A, B, 2, 8, 1, 0xc0, 0, false, false, 0, opts);
            assertEquals(24, r.headerLen());
            byte[] b = new byte[r.bufferLen()];
            Arrays.fill(b, (byte) 0xee);
            r.emit(Ipv4Packet.of(b, 0, b.length));
            Ipv4Packet p = Ipv4Packet.of(b, 0, b.length);
            assertEquals(6, p.ihl());
            assertEquals(4, p.optionsLen());
            assertEquals(24, p.payloadOffset());
            assertTrue(p.verifyChecksum());
            Ipv4Repr back = Ipv4Repr.parse(p, true);
            assertArrayEquals(Arrays.copyOf(opts, 4), back.options());
        }
    }

    @Test
    void trailingPaddingIsAllowedAndIgnored() throws WireException {
        byte[] padded = Arrays.copyOf(Fixtures.frame("icmp-port-unreachable.pcap", 2), 60);
        Ipv4Packet p = ipOf(padded);
        Ipv4Repr r = Ipv4Repr.parse(p, true);
        assertEquals(13, r.payloadLen());
        assertEquals(13, p.payloadLen());
    }

    @Test
    void errors() {
        byte[] f = Fixtures.frame("arp-and-icmp-echo.pcap", 2);
        assertError(WireError.TRUNCATED, Ipv4Packet.of(f, 14, 19));
        assertError(WireError.TRUNCATED, Ipv4Packet.of(f, 14, 83));
        byte[] v6 = f.clone();
        v6[14] = 0x65;
        assertError(WireError.MALFORMED, ipOf(v6));
        byte[] ihl4 = f.clone();
        ihl4[14] = 0x44;
        assertError(WireError.MALFORMED, ipOf(ihl4));
        byte[] ihl15 = f.clone();
        ihl15[14] = 0x4f;
        ihl15[17] = 60;
        assertError(WireError.TRUNCATED, Ipv4Packet.of(ihl15, 14, 40));
        byte[] shortTotal = f.clone();
        shortTotal[17] = 19;
        assertError(WireError.MALFORMED, ipOf(shortTotal));
        byte[] badSum = f.clone();
        badSum[24] ^= 1;
        assertError(WireError.CHECKSUM, ipOf(badSum));
    }

    private static void assertError(WireError want, Ipv4Packet p) {
        WireException e = assertThrows(WireException.class, () -> Ipv4Repr.parse(p, true));
        assertEquals(want, e.error(), e.getMessage());
    }

    @Test
    void reprValidatesItsFields() {
        assertThrows(IllegalArgumentException.class,
                () -> new Ipv4Repr(A, B, 1, 0, 64, 0, 0, false, true, 1479, new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new Ipv4Repr(A, B, 1, 0, 64, 0, 0, false, false, 0, new byte[41]));
        Ipv4Repr r = Ipv4Repr.of(A, B, 17, 21, 64, 7);
        assertTrue(r.dontFrag());
        assertEquals(41, r.bufferLen());
        assertEquals(r, new Ipv4Repr(A, B, 17, 21, 64, 0, 7, true, false, 0, null));
        assertEquals(r.hashCode(), new Ipv4Repr(A, B, 17, 21, 64, 0, 7, true, false, 0, new byte[0]).hashCode());
    }
}
