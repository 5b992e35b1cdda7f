package io.netemu.packet.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryFixtureWithTheFrameCountsOfTheReadme() {
        Map<String, Integer> expected = Map.of("arp-and-icmp-echo.pcap", 6, "icmp-echo-routed.pcap", 4,
                "icmp-ttl-exceeded.pcap", 2, "ipv4-fragments.pcap", 8, "icmp-frag-needed.pcap", 2,
                "icmp-port-unreachable.pcap", 4, "tcp-rst-closed-port.pcap", 2, "udp-exchange.pcap", 2);
        expected.forEach((name, n) -> assertEquals(n, Fixtures.records(name).size(), name));
        assertTrue(Fixtures.records("tcp-session.pcap").size() >= 10);
        assertTrue(Fixtures.names().size() >= 9);
    }

    @Test
    void readsMicrosecondTimestampsAndLengths() {
        PcapRecord r = Fixtures.records("arp-and-icmp-echo.pcap").get(0);
        assertEquals(1795620709L * 1_000_000_000L + 677_641_000L, r.timestampNanos());
        assertEquals(42, r.origLen());
        assertEquals(42, r.data().length);
        assertEquals(1514, Fixtures.records("ipv4-fragments.pcap").get(2).data().length);
    }

    @Test
    void writerRoundTripsWithNanosecondMagic() throws IOException {
        Path f = tmp.resolve("out.pcap");
        List<PcapRecord> in = Fixtures.records("icmp-ttl-exceeded.pcap");
        try (PcapWriter w = PcapWriter.open(f)) {
            for (PcapRecord r : in) {
                w.write(r.timestampNanos() + 123, r.data(), 0, r.data().length);
            }
            byte[] big = new byte[] {9, 1, 2, 3, 4, 9};
            w.write(5_000_000_007L, big, 1, 4);
        }
        byte[] image = Files.readAllBytes(f);
        ByteBuffer h = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b23c4d, h.getInt(0));
        assertEquals(1, h.getInt(20));
        List<PcapRecord> out = PcapReader.read(f);
        assertEquals(3, out.size());
        for (int i = 0; i < in.size(); i++) {
            assertEquals(in.get(i).timestampNanos() + 123, out.get(i).timestampNanos());
            assertArrayEquals(in.get(i).data(), out.get(i).data());
        }
        assertEquals(new PcapRecord(5_000_000_007L, 4, new byte[] {1, 2, 3, 4}), out.get(2));
    }

    @Test
    void readsBigEndianMicrosecondFiles() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + 3).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(10).putInt(999_999).putInt(3).putInt(60).put(new byte[] {7, 8, 9});
        List<PcapRecord> r = PcapReader.read(b.array(), "be");
        assertEquals(1, r.size());
        assertEquals(10_999_999_000L, r.get(0).timestampNanos());
        assertEquals(60, r.get(0).origLen());
        assertArrayEquals(new byte[] {7, 8, 9}, r.get(0).data());
    }

    @Test
    void badHeadersAreClearIoExceptions() throws IOException {
        IOException e = assertThrows(IOException.class, () -> PcapReader.read(new byte[10], "short"));
        assertTrue(e.getMessage().contains("short"), e.getMessage());
        byte[] junk = new byte[24];
        junk[0] = 0x12;
        e = assertThrows(IOException.class, () -> PcapReader.read(junk, "junk"));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        byte[] ng = Fixtures.hex("0a0d0d0a" + "00".repeat(20));
        e = assertThrows(IOException.class, () -> PcapReader.read(ng, "ng"));
        assertTrue(e.getMessage().contains("pcapng"), e.getMessage());

        byte[] image = Files.readAllBytes(Fixtures.pcap("udp-exchange.pcap"));
        byte[] cut = java.util.Arrays.copyOf(image, image.length - 5);
        e = assertThrows(IOException.class, () -> PcapReader.read(cut, "cut"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] raw = image.clone();
        raw[20] = 101;
        e = assertThrows(IOException.class, () -> PcapReader.read(raw, "raw"));
        assertTrue(e.getMessage().contains("link type"), e.getMessage());
        assertThrows(IOException.class, () -> PcapReader.read(tmp.resolve("missing.pcap")));
    }
}
