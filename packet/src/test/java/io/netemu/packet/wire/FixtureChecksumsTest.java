package io.netemu.packet.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.pcap.Fixtures;
import io.netemu.packet.pcap.PcapRecord;
import org.junit.jupiter.api.Test;

/** Every frame Linux sent in the fixtures parses, and every IPv4, ICMP, UDP and TCP checksum in them verifies. */
class FixtureChecksumsTest {
    @Test
    void everyFrameOfEveryFixtureParsesAndVerifies() throws WireException {
        int frames = 0;
        int checksums = 0;
        for (String name : Fixtures.names()) {
            for (PcapRecord r : Fixtures.records(name)) {
                assertEquals(r.origLen(), r.data().length, name + ": frames are captured whole");
                checksums += Dissector.dissect(r.data(), 0, r.data().length);
                frames++;
            }
        }
        assertTrue(frames >= 40, "frames " + frames);
        // 34 whole datagrams (IP + ICMP/UDP/TCP), 6 fragments (IP), 3 quoted headers: 77 with the current fixtures
        assertTrue(checksums >= 70, "checksums " + checksums);
    }

    @Test
    void refilledChecksumsEqualLinuxs() {
        for (String name : Fixtures.names()) {
            for (PcapRecord r : Fixtures.records(name)) {
                byte[] f = r.data().clone();
                if (Bytes.u16(f, 12) != 0x0800) {
                    continue;
                }
                Ipv4Packet ip = Ipv4Packet.of(f, 14, f.length - 14);
                int want = ip.headerChecksum();
                ip.fillChecksum();
                assertEquals(want, ip.headerChecksum(), name);
                if (ip.isFragment()) {
                    continue;
                }
                int po = ip.payloadOffset();
                int pl = ip.payloadLen();
                switch (ip.protocol()) {
                    case 1 -> {
                        IcmpPacket p = IcmpPacket.of(f, po, pl);
                        want = p.checksum();
                        p.fillChecksum();
                        assertEquals(want, p.checksum(), name);
                    }
                    case 6 -> {
                        TcpPacket p = TcpPacket.of(f, po, pl);
                        want = p.checksum();
                        p.fillChecksum(ip.src(), ip.dst());
                        assertEquals(want, p.checksum(), name);
                    }
                    case 17 -> {
                        UdpPacket p = UdpPacket.of(f, po, pl);
                        want = p.checksum();
                        p.fillChecksum(ip.src(), ip.dst());
                        assertEquals(want, p.checksum(), name);
                    }
                    default -> { }
                }
            }
        }
    }
}
