package io.netemu.packet.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netemu.packet.SkBuff;
import io.netemu.packet.pcap.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArpTest {
    static final MacAddress A = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress R = MacAddress.parse("02:00:00:00:00:01");
    static final int A_IP = Ipv4Address.parse("10.0.1.2");
    static final int R_IP = Ipv4Address.parse("10.0.1.1");

    static ArpPacket arpOf(byte[] frame) {
        return ArpPacket.of(SkBuff.wrap(frame).pull(EthernetFrame.HEADER_LEN));
    }

    @Test
    void deconstructRequest() {
        ArpPacket p = arpOf(Fixtures.frame("arp-and-icmp-echo.pcap", 0));
        assertEquals(1, p.htype());
        assertEquals(0x0800, p.ptype());
        assertEquals(6, p.hlen());
        assertEquals(4, p.plen());
        assertEquals(ArpRepr.REQUEST, p.oper());
        assertEquals(A, p.sha());
        assertEquals(A_IP, p.spa());
        assertEquals(MacAddress.ZERO, p.tha());
        assertEquals(R_IP, p.tpa());
        assertEquals(28, p.headerLen());
        assertEquals(0, p.payloadLen());
    }

    @Test
    void parseRequestAndReply() throws WireException {
        assertEquals(new ArpRepr(ArpRepr.REQUEST, A, A_IP, MacAddress.ZERO, R_IP),
                ArpRepr.parse(arpOf(Fixtures.frame("arp-and-icmp-echo.pcap", 0))));
        assertEquals(new ArpRepr(ArpRepr.REPLY, R, R_IP, A, A_IP),
                ArpRepr.parse(arpOf(Fixtures.frame("arp-and-icmp-echo.pcap", 1))));
        // the router asks too, in icmp-port-unreachable.pcap
        assertEquals(new ArpRepr(ArpRepr.REQUEST, R, R_IP, MacAddress.ZERO, A_IP),
                ArpRepr.parse(arpOf(Fixtures.frame("icmp-port-unreachable.pcap", 0))));
    }

    @Test
    void constructWithSetters() {
        byte[] want = Fixtures.frame("arp-and-icmp-echo.pcap", 1);
        byte[] b = new byte[want.length];
        System.arraycopy(want, 0, b, 0, 14);
        ArpPacket p = ArpPacket.of(b, 14, 28);
        p.setHtype(1);
        p.setPtype(0x0800);
        p.setHlen(6);
        p.setPlen(4);
        p.setOper(ArpRepr.REPLY);
        p.setSha(R);
        p.setSpa(R_IP);
        p.setTha(A);
        p.setTpa(A_IP);
        assertArrayEquals(want, b);
    }

    @Test
    void emitEqualsCapturedBytes() throws WireException {
        for (String name : new String[] {"arp-and-icmp-echo.pcap", "ipv4-fragments.pcap", "icmp-port-unreachable.pcap"}) {
            for (int i = 0; i < 2; i++) {
                byte[] frame = Fixtures.frame(name, i);
                ArpRepr repr = ArpRepr.parse(arpOf(frame));
                byte[] out = new byte[ArpRepr.LEN];
                Arrays.fill(out, (byte) 0x5a);
                repr.emit(ArpPacket.of(out, 0, out.length));
                assertArrayEquals(Arrays.copyOfRange(frame, 14, 42), out, name + " #" + i);
            }
        }
    }

    @Test
    void ethernetPaddingIsIgnored() throws WireException {
        byte[] padded = Arrays.copyOf(Fixtures.frame("arp-and-icmp-echo.pcap", 0), 60);
        ArpPacket p = arpOf(padded);
        assertEquals(18, p.payloadLen());
        assertEquals(ArpRepr.REQUEST, ArpRepr.parse(p).operation());
    }

    @Test
    void errors() {
        byte[] frame = Fixtures.frame("arp-and-icmp-echo.pcap", 0);
        assertEquals(WireError.TRUNCATED, assertThrows(WireException.class,
                () -> ArpRepr.parse(ArpPacket.of(frame, 14, 27))).error());
        assertEquals(WireError.TRUNCATED, assertThrows(WireException.class,
                () -> ArpRepr.parse(ArpPacket.of(frame, 14, 7))).error());
        byte[] ieee802 = frame.clone();
        ieee802[15] = 6;
        assertEquals(WireError.UNRECOGNIZED, assertThrows(WireException.class,
                () -> ArpRepr.parse(arpOf(ieee802))).error());
        byte[] ipv6 = frame.clone();
        ipv6[16] = (byte) 0x86;
        ipv6[17] = (byte) 0xdd;
        assertEquals(WireError.UNRECOGNIZED, assertThrows(WireException.class,
                () -> ArpRepr.parse(arpOf(ipv6))).error());
    }
}
