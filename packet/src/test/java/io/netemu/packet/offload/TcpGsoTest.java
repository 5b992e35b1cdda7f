package io.netemu.packet.offload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.TcpPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Segmentation gives back the frames sending MSS segments one by one gives, and GRO undoes it. */
class TcpGsoTest {
    private static final int MSS = 1448;
    private static final int ACK = TcpPacket.ACK;
    private static final int PSH = TcpPacket.PSH;

    /** MSS frames as a sender without GSO emits them: PSH|FIN only on the last, IDs from {@code id}. */
    private static List<SkBuff> mssFrames(int seq, int total, int lastFlags, int id, boolean fixed) {
        List<SkBuff> l = new ArrayList<>();
        int n = (total + MSS - 1) / MSS;
        for (int i = 0; i < n; i++) {
            int len = Math.min(MSS, total - i * MSS);
            l.add(TcpFrames.frame(seq + i * MSS, i == n - 1 ? lastFlags : ACK, len, fixed ? id : id + i, true, 9));
        }
        return l;
    }

    private static SkBuff superFrame(int seq, int total, int flags, int id) {
        SkBuff s = TcpFrames.frame(seq, flags, total, id, true, 9);
        return s.withMeta(s.meta().withGso(MSS, (total + MSS - 1) / MSS));
    }

    @Test
    void segmentsAreByteIdenticalToMssSends() {
        int total = 10 * MSS + 300;
        List<SkBuff> segs = TcpGso.segment(superFrame(1000, total, ACK | PSH | TcpPacket.FIN, 100), 14);
        List<SkBuff> want = mssFrames(1000, total, ACK | PSH | TcpPacket.FIN, 100, false);
        assertEquals(want.size(), segs.size());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(TcpFrames.bytes(want.get(i)), TcpFrames.bytes(segs.get(i)), "segment " + i);
            assertFalse(segs.get(i).meta().isGso());
            Ipv4Packet ip = Ipv4Packet.of(segs.get(i).array(), segs.get(i).dataOffset() + 14, segs.get(i).len() - 14);
            assertTrue(ip.verifyChecksum());
            assertTrue(TcpPacket.of(ip.buffer(), ip.payloadOffset(), ip.payloadLen()).verifyChecksum(ip.src(), ip.dst()));
        }
    }

    @Test
    void dfWithIdZeroKeepsTheIdAsNetemusTcpSendsIt() {
        List<SkBuff> segs = TcpGso.segment(superFrame(5, 3 * MSS, ACK, 0), 14);
        List<SkBuff> want = mssFrames(5, 3 * MSS, ACK, 0, true);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(TcpFrames.bytes(want.get(i)), TcpFrames.bytes(segs.get(i)));
        }
    }

    @Test
    void cwrOnlyOnTheFirst() {
        List<SkBuff> segs = TcpGso.segment(superFrame(5, 3 * MSS, ACK | TcpPacket.CWR | PSH, 1), 14);
        assertEquals(ACK | TcpPacket.CWR, segs.get(0).getByte(14 + 20 + 13));
        assertEquals(ACK, segs.get(1).getByte(14 + 20 + 13));
        assertEquals(ACK | PSH, segs.get(2).getByte(14 + 20 + 13));
    }

    @Test
    void aFrameThatIsNotGsoIsLeftAlone() {
        SkBuff f = TcpFrames.frame(1, ACK, 100, 1, true, 9);
        assertSame(f, TcpGso.segment(f, 14).get(0));
        List<SkBuff> l = List.of(f);
        assertSame(l, TcpGso.segmentAll(l, 14));
    }

    @Test
    void groMergesInOrderRunsAndSegmentationUndoesIt() {
        List<SkBuff> frames = mssFrames(1000, 8 * MSS + 10, ACK | PSH, 50, false);
        List<SkBuff> merged = TcpGro.receive(frames);
        assertEquals(1, merged.size());
        SkBuff m = merged.get(0);
        assertEquals(MSS, m.meta().gsoSize());
        assertEquals(9, m.meta().gsoSegs());
        assertEquals(ACK | PSH, m.getByte(14 + 20 + 13));
        Ipv4Packet ip = Ipv4Packet.of(m.array(), m.dataOffset() + 14, m.len() - 14);
        assertEquals(m.len() - 14, ip.totalLen());
        assertTrue(ip.verifyChecksum());
        assertTrue(TcpPacket.of(ip.buffer(), ip.payloadOffset(), ip.payloadLen()).verifyChecksum(ip.src(), ip.dst()));
        List<SkBuff> back = TcpGso.segment(m, 14);
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(TcpFrames.bytes(frames.get(i)), TcpFrames.bytes(back.get(i)));
        }
    }

    @Test
    void groDoesNotMergeOutOfOrderSegments() {
        List<SkBuff> f = mssFrames(0, 4 * MSS, ACK, 10, false);
        List<SkBuff> reordered = List.of(f.get(0), f.get(2), f.get(1), f.get(3));
        List<SkBuff> out = TcpGro.receive(reordered);
        // 0 alone (2 does not continue it); 2 starts a run that 1 cannot continue; 1 starts one 3 cannot continue
        assertEquals(4, out.size());
        for (SkBuff s : out) {
            assertFalse(s.meta().isGso());
        }
    }

    @Test
    void pshFlushesAndPureAcksAreNotMerged() {
        List<SkBuff> a = mssFrames(0, 2 * MSS, ACK | PSH, 10, false); // closes after the PSH one
        SkBuff next = TcpFrames.frame(2 * MSS, ACK, MSS, 12, true, 9);
        SkBuff ack = TcpFrames.frame(3 * MSS, ACK, 0, 13, true, 9);
        SkBuff after = TcpFrames.frame(3 * MSS, ACK, MSS, 14, true, 9);
        List<SkBuff> out = TcpGro.receive(List.of(a.get(0), a.get(1), next, ack, after));
        assertEquals(4, out.size());
        assertEquals(2, out.get(0).meta().gsoSegs());
        assertFalse(out.get(1).meta().isGso());
        assertEquals(0, out.get(2).len() - 14 - 20 - TcpFrames.THL);
        assertFalse(out.get(3).meta().isGso());
    }

    @Test
    void groNeedsEqualTimestamps() {
        SkBuff a = TcpFrames.frame(0, ACK, MSS, 1, true, 9);
        SkBuff b = TcpFrames.frame(MSS, ACK, MSS, 2, true, 10);
        assertEquals(2, TcpGro.receive(List.of(a, b)).size());
    }
}
