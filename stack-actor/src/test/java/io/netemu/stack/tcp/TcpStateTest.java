package io.netemu.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.wire.TcpOptions;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.stack.tcp.SimNet.Link;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RFC 9293 state machine over a 5 ms path: handshakes, closes, RSTs in every state, TIME-WAIT, timeouts. */
class TcpStateTest {
    static final long MS = SimNet.MS;

    SimNet net = new SimNet(9, TcpConfig.linux(), TcpConfig.linux(), Link.delay(5 * MS), Link.delay(5 * MS));
    TcpConnection client;
    TcpConnection server;

    void establish() {
        net.b.listen(80, 16);
        net.b.app = (c, e) -> {
            if (e == TcpEvent.CONNECTED) {
                server = net.b.listener.accept();
            }
        };
        client = net.a.connect(1234, 80);
        assertTrue(net.runUntil(() -> server != null && client.state() == TcpState.ESTABLISHED, 1000 * MS));
        net.runFor(50 * MS);
    }

    /** A segment from B's side of the connection with B's next sequence number (offset by {@code dseq}). */
    TcpSegment fromServer(int flags, long dseq) {
        TcpOptions o = TcpOptions.timestamps(server.tsNow(net.now), server.tsRecent);
        return new TcpSegment(80, 1234, (int) (server.sndNxt + dseq), (int) server.rcvNxt, flags, 1000, o,
                TcpSegment.NO_DATA);
    }

    @Test
    void handshakeNegotiatesOptions() {
        establish();
        assertEquals(TcpState.ESTABLISHED, server.state());
        assertTrue(client.tsOk && client.sackOk && client.wscaleOk);
        assertEquals(1448, client.mssCache);
        assertEquals(7, client.sndWscale);
        assertEquals(List.of(TcpEvent.CONNECTED), net.a.eventLog);
        assertEquals(1, net.mibA.get(TcpMibField.ActiveOpens));
        assertEquals(1, net.mibB.get(TcpMibField.PassiveOpens));
        assertEquals(1, net.mibA.get(TcpMibField.CurrEstab));
        TcpInfo i = client.info(net.now);
        assertEquals(10, i.rttUs() / 1000);
        assertTrue(i.ssLine().contains("rtt:10/5"), i.ssLine());
    }

    @Test
    void connectToClosedPortIsRefused() {
        client = net.a.connect(1234, 81);
        net.runFor(100 * MS);
        assertEquals(List.of(TcpEvent.REFUSED, TcpEvent.CLOSED), net.a.eventLog);
        assertEquals(TcpState.CLOSE, client.state());
        assertEquals(1, net.mibA.get(TcpMibField.AttemptFails));
    }

    @Test
    void synTimesOutAfterSynRetries() {
        net.a.out.dropIf = s -> true;
        client = net.a.connect(1234, 80);
        net.runFor(200_000 * MS);
        assertEquals(List.of(TcpEvent.TIMED_OUT, TcpEvent.CLOSED), net.a.eventLog);
        assertEquals(7, net.a.out.sent); // the SYN and tcp_syn_retries = 6 retransmissions, 1+2+...+64 s apart
        assertEquals(6, net.mibA.get(TcpMibField.TCPSynRetrans));
    }

    @Test
    void simultaneousOpen() {
        TcpConnection x = net.a.connect(1000, 2000);
        TcpConnection y = net.b.connect(2000, 1000);
        net.runFor(200 * MS);
        assertEquals(TcpState.ESTABLISHED, x.state());
        assertEquals(TcpState.ESTABLISHED, y.state());
        assertEquals(List.of(TcpEvent.CONNECTED), net.a.eventLog);
        byte[] hello = "hello".getBytes();
        x.write(hello, 0, 5, net.now);
        net.runFor(100 * MS);
        assertEquals("hello", new String(y.read(100, net.now)));
    }

    @Test
    void orderlyCloseEndsInTimeWaitForSixtySeconds() {
        establish();
        client.close(net.now);
        net.runUntil(() -> server.state() == TcpState.CLOSE_WAIT, 1000 * MS);
        assertTrue(server.eof());
        server.close(net.now);
        net.runFor(100 * MS);
        assertEquals(TcpState.TIME_WAIT, client.state());
        assertEquals(TcpState.CLOSE, server.state());
        net.runFor(59_000 * MS);
        assertEquals(TcpState.TIME_WAIT, client.state());
        net.runFor(1_000 * MS);
        assertEquals(TcpState.CLOSE, client.state());
        assertEquals(1, net.mibA.get(TcpMibField.TW));
        assertEquals(0, net.mibA.get(TcpMibField.CurrEstab));
    }

    @Test
    void simultaneousCloseGoesThroughClosing() {
        establish();
        client.close(net.now);
        server.close(net.now);
        net.runFor(3 * MS);
        assertEquals(TcpState.FIN_WAIT1, client.state());
        net.runFor(4 * MS);
        assertEquals(TcpState.CLOSING, client.state());
        assertEquals(TcpState.CLOSING, server.state());
        net.runFor(10 * MS);
        assertEquals(TcpState.TIME_WAIT, client.state());
        assertEquals(TcpState.TIME_WAIT, server.state());
    }

    @Test
    void halfCloseKeepsTheOtherDirection() {
        establish();
        client.shutdownWrite(net.now);
        net.runFor(100 * MS);
        assertEquals(TcpState.FIN_WAIT2, client.state());
        assertEquals(TcpState.CLOSE_WAIT, server.state());
        server.write("late reply".getBytes(), 0, 10, net.now);
        net.runFor(100 * MS);
        assertEquals("late reply", new String(client.read(100, net.now)));
        net.runFor(120_000 * MS); // not orphaned: FIN-WAIT-2 has no timeout
        assertEquals(TcpState.FIN_WAIT2, client.state());
    }

    @Test
    void orphanedFinWait2TimesOut() {
        establish();
        client.close(net.now);
        net.runFor(100 * MS);
        assertEquals(TcpState.FIN_WAIT2, client.state());
        net.runFor(60_000 * MS);
        assertEquals(TcpState.CLOSE, client.state());
    }

    @Test
    void rstExactlyAtRcvNxtResets() {
        establish();
        client.onSegment(fromServer(TcpPacket.RST, 0), net.now);
        assertEquals(TcpState.CLOSE, client.state());
        assertEquals(List.of(TcpEvent.CONNECTED, TcpEvent.RESET, TcpEvent.CLOSED), net.a.eventLog);
        assertEquals(1, net.mibA.get(TcpMibField.EstabResets));
    }

    @Test
    void rstInWindowButNotExactGetsAChallengeAck() {
        establish();
        long sent = net.a.out.sent;
        client.onSegment(fromServer(TcpPacket.RST, 100), net.now);
        assertEquals(TcpState.ESTABLISHED, client.state());
        assertEquals(sent + 1, net.a.out.sent);
        assertEquals(1, net.mibA.get(TcpMibField.TCPChallengeACK));
        client.onSegment(fromServer(TcpPacket.RST, 200), net.now); // rate limited
        assertEquals(sent + 1, net.a.out.sent);
        assertEquals(1, net.mibA.get(TcpMibField.TCPACKSkippedChallenge));
    }

    @Test
    void rstOutsideTheWindowIsIgnored() {
        establish();
        long sent = net.a.out.sent;
        client.onSegment(fromServer(TcpPacket.RST, 1L << 30), net.now);
        assertEquals(TcpState.ESTABLISHED, client.state());
        assertEquals(sent, net.a.out.sent);
        assertEquals(1, net.mibA.drops(TcpDrop.TCP_INVALID_SEQUENCE));
    }

    @Test
    void synInEstablishedGetsAChallengeAck() {
        establish();
        client.onSegment(fromServer(TcpPacket.SYN, 0), net.now);
        assertEquals(TcpState.ESTABLISHED, client.state());
        assertEquals(1, net.mibA.get(TcpMibField.TCPSYNChallenge));
        assertEquals(1, net.mibA.get(TcpMibField.TCPChallengeACK));
    }

    @Test
    void rstInEveryClosingState() {
        for (TcpState want : List.of(TcpState.FIN_WAIT1, TcpState.FIN_WAIT2, TcpState.CLOSE_WAIT,
                TcpState.LAST_ACK, TcpState.CLOSING, TcpState.TIME_WAIT)) {
            net = new SimNet(9, TcpConfig.linux(), TcpConfig.linux(), Link.delay(5 * MS), Link.delay(5 * MS));
            server = null;
            establish();
            switch (want) {
                case FIN_WAIT1 -> { net.b.out.dropIf = s -> true; client.shutdownWrite(net.now); }
                case FIN_WAIT2 -> client.shutdownWrite(net.now);
                case CLOSE_WAIT -> server.shutdownWrite(net.now);
                case LAST_ACK -> { server.shutdownWrite(net.now); net.runFor(20 * MS); net.b.out.dropIf = s -> true;
                    client.shutdownWrite(net.now); }
                case CLOSING -> { net.a.out.dropIf = s -> !s.fin(); net.b.out.dropIf = s -> !s.fin();
                    client.shutdownWrite(net.now); server.shutdownWrite(net.now); }
                case TIME_WAIT -> { client.shutdownWrite(net.now); server.shutdownWrite(net.now); }
                default -> { }
            }
            net.runFor(100 * MS); // the FIN's ACK is delayed (pingpong mode after a FIN)
            assertEquals(want, client.state());
            client.onSegment(fromServer(TcpPacket.RST | (want == TcpState.TIME_WAIT ? TcpPacket.ACK : 0), 0), net.now);
            assertEquals(TcpState.CLOSE, client.state(), "RST in " + want);
            assertEquals(TcpEvent.CLOSED, net.a.eventLog.get(net.a.eventLog.size() - 1));
        }
    }

    @Test
    void retries2GivesUpWithEtimedout() {
        establish();
        net.a.out.dropIf = s -> true;
        client.write(new byte[100], 0, 100, net.now);
        net.runFor(2_000_000 * MS);
        assertEquals(TcpState.CLOSE, client.state());
        assertTrue(net.a.eventLog.contains(TcpEvent.TIMED_OUT));
        assertEquals(15, net.mibA.get(TcpMibField.TCPTimeouts));
        assertEquals(1, net.mibA.get(TcpMibField.TCPAbortOnTimeout));
    }

    @Test
    void closeWithUnreadDataSendsRst() {
        establish();
        server.write("unread".getBytes(), 0, 6, net.now);
        net.runFor(50 * MS);
        client.close(net.now);
        net.runFor(50 * MS);
        assertEquals(TcpState.CLOSE, client.state());
        assertEquals(TcpState.CLOSE, server.state());
        assertEquals(1, net.mibA.get(TcpMibField.TCPAbortOnClose));
        assertTrue(net.b.eventLog.contains(TcpEvent.RESET));
    }

    @Test
    void listenerBacklogOverflowDropsSyns() {
        net.b.listen(80, 1);
        net.a.connect(1, 80);
        net.a.connect(2, 80);
        net.runFor(100 * MS);
        assertEquals(1, net.b.listener.acceptQueueLen());
        assertEquals(1, net.mibB.get(TcpMibField.ListenOverflows));
        assertNull(null);
        assertFalse(net.b.listener.accept() == null);
    }
}
