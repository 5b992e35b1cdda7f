package io.netemu.packet.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netemu.packet.SkBuff;
import io.netemu.packet.pcap.Fixtures;
import io.netemu.packet.pcap.PcapRecord;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EthernetTest {
    static final MacAddress A = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress R = MacAddress.parse("02:00:00:00:00:01");

    @Test
    void deconstruct() {
        EthernetFrame f = EthernetFrame.of(SkBuff.wrap(Fixtures.frame("arp-and-icmp-echo.pcap", 0)));
        assertEquals(MacAddress.BROADCAST, f.dst());
        assertEquals(A, f.src());
        assertEquals(EtherType.ARP.value(), f.etherType());
        assertEquals(14, f.payloadOffset());
        assertEquals(28, f.payloadLen());
    }

    @Test
    void construct() {
        byte[] want = Fixtures.frame("arp-and-icmp-echo.pcap", 2);
        byte[] b = Arrays.copyOf(want, want.length);
        Arrays.fill(b, 0, 14, (byte) 0xa5);
        EthernetFrame f = EthernetFrame.of(b, 0, b.length);
        f.setDst(R);
        f.setSrc(A);
        f.setEtherType(0x0800);
        assertArrayEquals(want, b);
    }

    @Test
    void parse() throws WireException {
        byte[] b = Fixtures.frame("arp-and-icmp-echo.pcap", 1);
        assertEquals(new EthernetRepr(A, R, 0x0806), EthernetRepr.parse(EthernetFrame.of(b, 0, b.length)));
    }

    @Test
    void emitEqualsCapturedHeaderOfEveryFrame() throws WireException {
        for (String name : Fixtures.names()) {
            for (PcapRecord r : Fixtures.records(name)) {
                byte[] b = r.data();
                EthernetRepr repr = EthernetRepr.parse(EthernetFrame.of(b, 0, b.length));
                byte[] out = new byte[14];
                repr.emit(EthernetFrame.of(out, 0, out.length));
                assertArrayEquals(Arrays.copyOf(b, 14), out, name);
            }
        }
    }

    @Test
    void viewOverSkBuffSeesOnlyTheData() throws WireException {
        byte[] frame = Fixtures.frame("udp-exchange.pcap", 0);
        byte[] withHeadroom = new byte[frame.length + 32];
        System.arraycopy(frame, 0, withHeadroom, 32, frame.length);
        SkBuff skb = SkBuff.wrap(withHeadroom, 32, frame.length);
        EthernetFrame f = EthernetFrame.of(skb);
        assertEquals(32 + 14, f.payloadOffset());
        assertEquals(new EthernetRepr(R, A, 0x0800), EthernetRepr.parse(f));
    }

    @Test
    void shortFramesAreTruncated() {
        WireException e = assertThrows(WireException.class,
                () -> EthernetRepr.parse(EthernetFrame.of(new byte[13], 0, 13)));
        assertEquals(WireError.TRUNCATED, e.error());
        assertEquals(0, e.getStackTrace().length);
    }
}
