package io.netemu.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.pcap.PcapReader;
import io.netemu.packet.wire.TcpOptions;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.packet.wire.TcpSackBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parse and emit against real Linux frames (shared/fixtures/pcap: 10.0.1.2 ⇄ 10.0.2.2). */
class TcpSegmentTest {
    static final int A = 0x0a000102;
    static final int B = 0x0a000202;

    static byte[] tcpBytes(String file, int frame) throws IOException {
        String dir = System.getProperty("netemu.fixtures");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of("../../shared/fixtures");
        byte[] f = PcapReader.read(base.resolve("pcap").resolve(file)).get(frame).data();
        int ihl = (f[14] & 0x0f) * 4;
        int total = ((f[16] & 0xff) << 8) | (f[17] & 0xff);
        return Arrays.copyOfRange(f, 14 + ihl, 14 + total);
    }

    @Test
    void linuxSynParsesAndEmitsByteForByte() throws IOException {
        byte[] want = tcpBytes("tcp-session.pcap", 0);
        TcpSegment.Parsed p = TcpSegment.parse(want, 0, want.length, A, B);
        assertTrue(p.ok());
        TcpSegment s = p.segment();
        TcpOptions o = s.options();
        assertEquals(960, o.mss());
        assertEquals(9, o.windowScale());
        assertTrue(o.sackPermitted() && o.timestamp());
        assertEquals(14342494, o.tsVal());
        assertEquals(0, o.tsEcr());
        assertEquals(43200, s.window());
        assertEquals(TcpPacket.SYN, s.flags());
        assertFalse(o.malformed());
        assertArrayEquals(want, s.toBytes(A, B));
    }

    @Test
    void everySessionSegmentRoundTrips() throws IOException {
        for (int i = 0; i < 16; i++) {
            byte[] want = tcpBytes("tcp-session.pcap", i);
            boolean fromA = (want[0] & 0xff) == 0xda; // 55924 = 0xda74
            TcpSegment.Parsed p = TcpSegment.parse(want, 0, want.length, fromA ? A : B, fromA ? B : A);
            assertTrue(p.ok(), "frame " + i);
            assertArrayEquals(want, p.segment().toBytes(fromA ? A : B, fromA ? B : A), "frame " + i);
        }
        TcpSegment data = TcpSegment.parse(tcpBytes("tcp-session.pcap", 3), 0, 980, A, B).segment();
        assertEquals(948, data.dataLen()); // MSS 960 less the 12 bytes of aligned timestamps
    }

    @Test
    void closedPortResetIsLinuxs() throws IOException {
        byte[] syn = tcpBytes("tcp-rst-closed-port.pcap", 0);
        byte[] want = tcpBytes("tcp-rst-closed-port.pcap", 1);
        TcpSegment rst = TcpListener.resetFor(TcpSegment.parse(syn, 0, syn.length, A, B).segment());
        assertArrayEquals(want, rst.toBytes(B, A));
    }

    @Test
    void engineSynHasLinuxsLayout() throws IOException {
        // the capture host: tcp_rmem 4096 87380 16 MB, MTU 1000 to 10.0.2.2
        TcpConfig cfg = TcpConfig.linux().withRmem(4096, 87380, 16 << 20);
        List<TcpSegment> out = new ArrayList<>();
        TcpOutput sink = new TcpOutput() {
            @Override public void emit(TcpConnection c, TcpSegment s) { out.add(s); }
            @Override public void emitReply(int l, int r, TcpSegment s) { out.add(s); }
            @Override public void event(TcpConnection c, TcpEvent e) { }
        };
        TcpConnection.connect(cfg, new TcpMib(), sink, new TcpIsn(1), A, 55924, B, 5001, 1000, 0);
        byte[] want = tcpBytes("tcp-session.pcap", 0);
        TcpSegment syn = out.get(0);
        TcpOptions o = syn.options();
        // same options but the clock-dependent fields taken from the capture
        TcpSegment same = new TcpSegment(55924, 5001, (int) 2596648252L, 0, syn.flags(), syn.window(),
                new TcpOptions(o.mss(), o.windowScale(), o.sackPermitted(), true, 14342494, 0, List.of(), false),
                TcpSegment.NO_DATA);
        assertEquals(43200, syn.window());
        assertArrayEquals(want, same.toBytes(A, B));
    }

    @Test
    void malformedOptionsAreSurvivedAsLinuxDoes() {
        // MSS, then an option claiming 40 bytes: parsing stops, MSS is kept, nothing throws
        byte[] opts = {2, 4, 5, (byte) 0xb4, 8, 40, 0, 0};
        TcpOptions o = TcpOptions.parse(opts, 0, opts.length);
        assertEquals(1460, o.mss());
        assertFalse(o.timestamp());
        assertTrue(o.malformed());
        byte[] silly = {1, 1, 3, 0, 0, 0, 0, 0}; // length 0
        assertTrue(TcpOptions.parse(silly, 0, silly.length).malformed());
        byte[] badLen = {2, 3, 5, 1}; // MSS of length 3: skipped
        TcpOptions b = TcpOptions.parse(badLen, 0, 4);
        assertEquals(-1, b.mss());
        assertTrue(b.malformed());
    }

    @Test
    void sackBlocksRoundTripAndHeaderErrorsAreDropReasons() {
        TcpOptions o = TcpOptions.timestamps(7, 9).withSack(List.of(new TcpSackBlock(100, 200),
                new TcpSackBlock(300, 400)));
        TcpSegment s = new TcpSegment(1, 2, 3, 4, TcpPacket.ACK, 5, o, new byte[] {1, 2, 3});
        byte[] b = s.toBytes(A, B);
        assertEquals(20 + 12 + 4 + 16 + 3, b.length);
        assertEquals(s, TcpSegment.parse(b, 0, b.length, A, B).segment());
        assertEquals(TcpDrop.TCP_CSUM, TcpSegment.parse(b, 0, b.length, A, A).drop());
        assertEquals(TcpDrop.PKT_TOO_SMALL, TcpSegment.parse(b, 0, 19, A, B).drop());
        b[12] = 0x40;
        assertEquals(TcpDrop.TCP_HDR_MALFORMED, TcpSegment.parse(b, 0, b.length, A, B).drop());
    }
}
