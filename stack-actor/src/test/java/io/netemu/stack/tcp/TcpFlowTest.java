package io.netemu.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.stack.tcp.SimNet.Link;
import org.junit.jupiter.api.Test;

/** Flow control and ACK timing: zero window and probes, Nagle against TCP_NODELAY, delayed ACKs. */
class TcpFlowTest {
    static final long MS = SimNet.MS;

    SimNet net = new SimNet(11, TcpConfig.linux().withModerateRcvbuf(false),
            TcpConfig.linux().withModerateRcvbuf(false), Link.delay(5 * MS), Link.delay(5 * MS));
    TcpConnection client;
    TcpConnection server;
    boolean serverReads;

    void establish() {
        net.b.listen(80, 16);
        net.b.app = (c, e) -> {
            if (e == TcpEvent.CONNECTED) {
                server = net.b.listener.accept();
            }
            if (e == TcpEvent.READABLE && serverReads) {
                c.read(1 << 20, net.now);
            }
        };
        client = net.a.connect(1234, 80);
        net.runUntil(() -> server != null, 1000 * MS);
        net.runFor(50 * MS);
    }

    @Test
    void zeroWindowIsProbedAndReopens() {
        establish();
        byte[] big = new byte[400_000];
        int written = client.write(big, 0, big.length, net.now);
        net.a.app = (c, e) -> {
            if (e == TcpEvent.WRITABLE) {
                client.write(big, 0, big.length, net.now);
            }
        };
        net.runFor(3_000 * MS); // B never reads: its 64 kB window closes
        assertEquals(0, server.receiveWindow());
        // half of tcp_rmem[1], and what arrived before the offered window could shrink (it never does)
        assertTrue(server.recvQueueBytes() >= 65536 && server.recvQueueBytes() < 65536 + 1448);
        long probes = net.mibA.get(TcpMibField.TCPWinProbe);
        assertTrue(probes >= 2, "probes " + probes);
        assertTrue(net.mibB.get(TcpMibField.TCPToZeroWindowAdv) >= 1);
        assertEquals(TcpState.ESTABLISHED, client.state());
        long got = 0;
        for (int i = 0; i < 200 && got < written; i++) {
            got += server.read(1 << 20, net.now).length;
            net.runFor(10 * MS);
        }
        assertTrue(got >= written, "read " + got + " of " + written);
        assertTrue(net.mibB.get(TcpMibField.TCPFromZeroWindowAdv) >= 1);
    }

    @Test
    void nagleHoldsTheSecondSmallWriteUntilTheAck() {
        establish();
        net.a.logSegments = true;
        client.write(new byte[100], 0, 100, net.now);
        client.write(new byte[100], 0, 100, net.now);
        assertEquals(1, net.a.sentLog.size()); // the second waits for the first's ACK
        net.runFor(100 * MS);
        assertEquals(2, net.a.sentLog.size());
        // B delays its ACK of a lone small segment? no: quickack at the start of the connection
        assertEquals(100, net.a.sentLog.get(1).dataLen());
    }

    @Test
    void nodelaySendsAtOnce() {
        establish();
        net.a.logSegments = true;
        client.setNoDelay(true, net.now);
        client.write(new byte[100], 0, 100, net.now);
        client.write(new byte[100], 0, 100, net.now);
        assertEquals(2, net.a.sentLog.size());
    }

    @Test
    void delayedAckAfterQuickacksEveryOtherFullSegmentElseFortyMs() {
        serverReads = true;
        establish();
        net.b.logSegments = true;
        // use up the quick ACKs of the connection's start
        byte[] mss = new byte[1448];
        for (int i = 0; i < 20; i++) {
            client.write(mss, 0, mss.length, net.now);
            net.runFor(30 * MS);
        }
        net.b.sentLog.clear();
        client.write(mss, 0, 1448, net.now);
        long sentAt = net.now;
        net.runUntil(() -> !net.b.sentLog.isEmpty(), net.now + 1000 * MS);
        assertEquals(5 * MS + 40 * MS, net.now - sentAt); // arrives after 5 ms, ACKed 40 ms later
        assertEquals(net.mibB.get(TcpMibField.DelayedACKs) >= 1, true);
        net.b.sentLog.clear();
        client.write(new byte[2 * 1448], 0, 2 * 1448, net.now);
        sentAt = net.now;
        net.runUntil(() -> !net.b.sentLog.isEmpty(), net.now + 1000 * MS);
        assertEquals(5 * MS, net.now - sentAt); // two full segments: ACKed at once
    }
}
