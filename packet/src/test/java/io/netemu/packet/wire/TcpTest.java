package io.netemu.packet.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.pcap.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TcpTest {
    static TcpPacket tcpOf(byte[] frame) {
        Ipv4Packet ip = Ipv4Test.ipOf(frame);
        return TcpPacket.of(ip.buffer(), ip.payloadOffset(), ip.payloadLen());
    }

    @Test
    void deconstructSynWithOptions() throws WireException {
        TcpPacket p = tcpOf(Fixtures.frame("tcp-rst-closed-port.pcap", 0));
        p.checkLen();
        assertEquals(0x8e36, p.srcPort());
        assertEquals(9, p.dstPort());
        assertEquals(0x24b7871d, p.seq());
        assertEquals(0, p.ack());
        assertEquals(40, p.headerLen());
        assertEquals(20, p.optionsLen());
        assertEquals(TcpPacket.SYN, p.flags());
        assertTrue(p.syn());
        assertFalse(p.ackFlag() || p.fin() || p.rst() || p.psh() || p.urg());
        assertEquals(0xa8c0, p.window());
        assertEquals(0x1d6d, p.checksum());
        assertEquals(0, p.payloadLen());
        // MSS 960 is the first option, window scale 9 the last (Linux's order)
        byte[] b = p.buffer();
        int o = p.optionsOffset();
        assertArrayEquals(new byte[] {2, 4, 3, (byte) 0xc0}, Arrays.copyOfRange(b, o, o + 4));
        assertArrayEquals(new byte[] {1, 3, 3, 9}, Arrays.copyOfRange(b, o + 16, o + 20));
        assertTrue(p.verifyChecksum(Ipv4Test.A, Ipv4Test.B));
    }

    @Test
    void deconstructRstAck() {
        TcpPacket p = tcpOf(Fixtures.frame("tcp-rst-closed-port.pcap", 1));
        assertEquals(9, p.srcPort());
        assertEquals(0x8e36, p.dstPort());
        assertEquals(0, p.seq());
        assertEquals(0x24b7871e, p.ack());
        assertEquals(TcpPacket.RST | TcpPacket.ACK, p.flags());
        assertEquals(20, p.headerLen());
        assertEquals(0, p.window());
        assertTrue(p.verifyChecksum(Ipv4Test.B, Ipv4Test.A));
    }

    @Test
    void constructRstAck() {
        byte[] want = Fixtures.frame("tcp-rst-closed-port.pcap", 1);
        byte[] b = want.clone();
        Arrays.fill(b, 34, 54, (byte) 0);
        TcpPacket p = TcpPacket.of(b, 34, 20);
        p.setSrcPort(9);
        p.setDstPort(0x8e36);
        p.setSeq(0);
        p.setAck(0x24b7871e);
        p.setHeaderLen(20);
        p.setFlags(TcpPacket.RST | TcpPacket.ACK);
        p.setWindow(0);
        p.setUrgentPointer(0);
        p.fillChecksum(Ipv4Test.B, Ipv4Test.A);
        assertArrayEquals(want, b);
    }

    @Test
    void sessionSegmentsCarryData() throws WireException {
        TcpPacket p = tcpOf(Fixtures.frame("tcp-session.pcap", 12));
        p.checkLen();
        assertTrue(p.psh() && p.ackFlag());
        assertEquals(32, p.headerLen());
        assertEquals("got 3000", new String(p.buffer(), p.payloadOffset(), p.payloadLen(), java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(tcpOf(Fixtures.frame("tcp-session.pcap", 11)).fin());
    }

    @Test
    void errors() {
        byte[] f = Fixtures.frame("tcp-rst-closed-port.pcap", 0);
        assertEquals(WireError.TRUNCATED, assertThrows(WireException.class, () -> TcpPacket.of(f, 34, 19).checkLen()).error());
        assertEquals(WireError.TRUNCATED, assertThrows(WireException.class, () -> TcpPacket.of(f, 34, 39).checkLen()).error());
        byte[] small = f.clone();
        small[46] = 0x40;
        assertEquals(WireError.MALFORMED, assertThrows(WireException.class, () -> tcpOf(small).checkLen()).error());
    }
}
