package io.netemu.packet.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.packet.pcap.Fixtures;
import io.netemu.packet.pcap.PcapRecord;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IcmpTest {
    /** The ICMP message of an Ethernet/IPv4 frame, over the IP payload (not any padding). */
    static IcmpPacket icmpOf(byte[] frame) {
        Ipv4Packet ip = Ipv4Test.ipOf(frame);
        return IcmpPacket.of(ip.buffer(), ip.payloadOffset(), ip.payloadLen());
    }

    @Test
    void deconstructEcho() {
        IcmpPacket p = icmpOf(Fixtures.frame("arp-and-icmp-echo.pcap", 2));
        assertEquals(IcmpType.ECHO, p.type());
        assertEquals(0, p.code());
        assertEquals(0xec31, p.checksum());
        assertEquals(0x4e39, p.echoIdent());
        assertEquals(1, p.echoSeq());
        assertEquals(14 + 20 + 8, p.dataOffset());
        assertEquals(56, p.payloadLen());
        assertTrue(p.verifyChecksum());
    }

    @Test
    void constructEchoReply() {
        byte[] want = Fixtures.frame("arp-and-icmp-echo.pcap", 3);
        byte[] b = want.clone();
        Arrays.fill(b, 34, 42, (byte) 0xcc);
        IcmpPacket p = IcmpPacket.of(b, 34, 64);
        p.setType(IcmpType.ECHO_REPLY);
        p.setCode(0);
        p.setEchoIdent(0x4e39);
        p.setEchoSeq(1);
        p.fillChecksum();
        assertArrayEquals(want, b);
    }

    @Test
    void parseEchoesAndErrors() throws WireException {
        assertEquals(new IcmpRepr.EchoRequest(0x4e39, 2), IcmpRepr.parse(icmpOf(Fixtures.frame("arp-and-icmp-echo.pcap", 4))));
        assertEquals(new IcmpRepr.EchoReply(0x4e3e, 1), IcmpRepr.parse(icmpOf(Fixtures.frame("icmp-echo-routed.pcap", 1))));
        assertEquals(new IcmpRepr.TimeExceeded(IcmpType.TimeExceeded.TTL),
                IcmpRepr.parse(icmpOf(Fixtures.frame("icmp-ttl-exceeded.pcap", 1))));
        assertEquals(new IcmpRepr.DstUnreachable(IcmpType.DestUnreach.FRAG_NEEDED, 1000),
                IcmpRepr.parse(icmpOf(Fixtures.frame("icmp-frag-needed.pcap", 1))));
        assertEquals(new IcmpRepr.DstUnreachable(IcmpType.DestUnreach.PORT, 0),
                IcmpRepr.parse(icmpOf(Fixtures.frame("icmp-port-unreachable.pcap", 3))));
        assertEquals(1000, icmpOf(Fixtures.frame("icmp-frag-needed.pcap", 1)).nextHopMtu());
    }

    @Test
    void timeExceededQuotesTheWholeOriginalEcho() throws WireException {
        byte[] echo = Fixtures.frame("icmp-ttl-exceeded.pcap", 0);
        IcmpPacket err = icmpOf(Fixtures.frame("icmp-ttl-exceeded.pcap", 1));
        Ipv4Packet quoted = Ipv4Packet.of(err.buffer(), err.dataOffset(), err.payloadLen());
        Ipv4Repr q = Ipv4Repr.parse(quoted, true);
        assertEquals(Ipv4Repr.parse(Ipv4Test.ipOf(echo), true), q);
        assertEquals(1, q.ttl());
        assertArrayEquals(Arrays.copyOfRange(echo, 14, echo.length),
                Arrays.copyOfRange(err.buffer(), err.dataOffset(), err.dataOffset() + err.payloadLen()));
    }

    @Test
    void fragNeededQuotesTheFirst548BytesOfTheDatagram() throws WireException {
        byte[] big = Fixtures.frame("icmp-frag-needed.pcap", 0);
        Ipv4Repr orig = Ipv4Repr.parse(Ipv4Test.ipOf(big), true);
        assertTrue(orig.dontFrag());
        assertEquals(1428 - 20, orig.payloadLen());
        IcmpPacket err = icmpOf(Fixtures.frame("icmp-frag-needed.pcap", 1));
        assertEquals(576 - 28, err.payloadLen());
        Ipv4Packet quoted = Ipv4Packet.of(err.buffer(), err.dataOffset(), err.payloadLen());
        assertEquals(big.length - 14, quoted.totalLen());
        assertTrue(quoted.verifyChecksum());
        assertArrayEquals(Arrays.copyOfRange(big, 14, 14 + 548),
                Arrays.copyOfRange(err.buffer(), err.dataOffset(), err.dataOffset() + 548));
    }

    @Test
    void portUnreachableQuotesTheUdpHeader() throws WireException {
        IcmpPacket err = icmpOf(Fixtures.frame("icmp-port-unreachable.pcap", 3));
        Ipv4Packet quoted = Ipv4Packet.of(err.buffer(), err.dataOffset(), err.payloadLen());
        Ipv4Repr q = Ipv4Repr.parse(quoted, true);
        assertEquals(IpProtocol.UDP.value(), q.protocol());
        UdpPacket udp = UdpPacket.of(quoted.buffer(), quoted.payloadOffset(), q.payloadLen());
        assertEquals(new UdpRepr(0xb7ab, 9, 5), UdpRepr.parse(udp, q.src(), q.dst()));
    }

    @Test
    void emitHeaderEqualsEveryCapturedIcmpMessage() throws WireException {
        int n = 0;
        for (String name : Fixtures.names()) {
            for (PcapRecord rec : Fixtures.records(name)) {
                byte[] f = rec.data();
                if (Bytes.u16(f, 12) != 0x0800 || f[14 + 9] != 1 || Ipv4Test.ipOf(f).isFragment()) {
                    continue;
                }
                IcmpPacket p = icmpOf(f);
                IcmpRepr repr = IcmpRepr.parse(p);
                byte[] out = Arrays.copyOfRange(f, p.offset(), p.offset() + p.len());
                Arrays.fill(out, 0, 8, (byte) 0x99);
                IcmpPacket q = IcmpPacket.of(out, 0, out.length);
                repr.emitHeader(q);
                q.fillChecksum();
                assertArrayEquals(Arrays.copyOfRange(f, p.offset(), p.offset() + p.len()), out, name);
                n++;
            }
        }
        assertTrue(n >= 12, "ICMP messages: " + n);
    }

    @Test
    void otherTypesKeepTypeAndCode() throws WireException {
        byte[] b = new byte[12];
        IcmpPacket p = IcmpPacket.of(b, 0, b.length);
        new IcmpRepr.Other(IcmpType.TIMESTAMP, 0).emitHeader(p);
        p.fillChecksum();
        IcmpRepr r = IcmpRepr.parse(p);
        assertEquals(new IcmpRepr.Other(13, 0), r);
        assertEquals(13, r.type());
        assertTrue(IcmpType.isError(IcmpType.DEST_UNREACH));
        assertTrue(!IcmpType.isError(IcmpType.ECHO));
    }

    @Test
    void errors() {
        byte[] f = Fixtures.frame("arp-and-icmp-echo.pcap", 2);
        assertEquals(WireError.TRUNCATED, assertThrows(WireException.class,
                () -> IcmpRepr.parse(IcmpPacket.of(f, 34, 7))).error());
        byte[] bad = f.clone();
        bad[60] ^= 0x10;
        assertEquals(WireError.CHECKSUM, assertThrows(WireException.class,
                () -> IcmpRepr.parse(icmpOf(bad))).error());
    }

    @Test
    void viewOverSkBuff() throws WireException {
        SkBuff skb = SkBuff.wrap(Fixtures.frame("icmp-echo-routed.pcap", 0)).pull(34);
        assertEquals(new IcmpRepr.EchoRequest(0x4e3e, 1), IcmpRepr.parse(IcmpPacket.of(skb)));
    }
}
