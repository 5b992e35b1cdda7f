package io.netemu.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.wire.TcpPacket;
import io.netemu.stack.tcp.SimNet.Link;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tcp_write_xmit's TSO skbs: a bulk write leaves as super-segments of whole MSS segments (at most
 * 65,215 bytes of payload each), a short one only where the written data ends, and cut into segments they are
 * the bytes written, in order; TcpOutSegs counts every segment, not every super-segment.
 */
class TcpXmitBurstTest {
    static final long MS = SimNet.MS;

    @Test
    void aBulkWriteLeavesAsSuperSegmentsOfWholeSegments() {
        SimNet net = new SimNet(3, TcpConfig.linux(), TcpConfig.linux(), Link.delay(MS), Link.delay(MS));
        TcpConnection[] server = new TcpConnection[1];
        net.b.listen(80, 4);
        net.b.app = (c, e) -> {
            if (e == TcpEvent.CONNECTED) {
                server[0] = net.b.listener.accept();
            }
        };
        TcpConnection client = net.a.connect(1234, 80);
        net.runUntil(() -> server[0] != null, 1000 * MS);
        net.a.logSegments = true;
        long outBefore = net.mibA.get(TcpMibField.OutSegs);

        byte[] data = new byte[300_000];
        new java.util.Random(5).nextBytes(data);
        int written = 0;
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int round = 0; round < 500 && got.size() < data.length; round++) {
            written += client.write(data, written, data.length - written, net.now);
            net.runFor(MS);
            got.writeBytes(server[0].read(1 << 20, net.now));
        }
        assertArrayEquals(data, got.toByteArray());

        int mss = client.info(net.now).mss();
        List<TcpSegment> gso = net.a.gsoLog;
        assertFalse(gso.isEmpty(), "cwnd grows past one segment: super-segments go out");
        for (TcpSegment s : gso) {
            assertTrue(s.dataLen() > mss && s.dataLen() <= TcpXmitBurst.MAX_PAYLOAD, "payload " + s.dataLen());
            assertTrue(s.dataLen() % mss == 0 || (s.flags() & TcpPacket.PSH) != 0,
                    "only the run that ends the write may end short: " + s);
        }
        List<TcpSegment> data1 = net.a.sentLog.stream().filter(s -> s.dataLen() > 0).toList();
        assertTrue(data1.stream().allMatch(s -> s.dataLen() <= mss), "cut to the MSS");
        assertTrue(data1.stream().allMatch(s -> s.dataLen() == mss || (s.flags() & TcpPacket.PSH) != 0),
                "a short segment only where the written data ends (PSH)");
        assertEquals(net.a.sentLog.size(), net.mibA.get(TcpMibField.OutSegs) - outBefore,
                "TcpOutSegs counts segments");
    }
}
