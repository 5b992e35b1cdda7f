package io.netemu.stack.netfilter.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.wire.TcpPacket;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.netfilter.NfPacket.CtState;
import org.junit.jupiter.api.Test;

/** The TCP state machine and window tracking (nf_conntrack_proto_tcp.c) on a router between 10.0.1.2 and 10.0.2.2:80. */
class ConntrackTcpTest {
    private static final int SYN = TcpPacket.SYN;
    private static final int ACK = TcpPacket.ACK;
    private static final int FIN = TcpPacket.FIN;
    private static final int RST = TcpPacket.RST;
    private static final int PSH = TcpPacket.PSH;
    private final CtHarness h = new CtHarness();
    private final NetDev eth0 = CtHarness.dev(2, "eth0");
    private final NetDev eth1 = CtHarness.dev(3, "eth1");
    /** Next sequence numbers of client and server. */
    private int c = 1000;
    private int s = 5000;

    private CtState client(int flags, int payload) {
        h.forward(Pkts.tcp("10.0.1.2", "10.0.2.2", 40000, 80, flags, c, s, 64240, payload, (flags & SYN) != 0), eth0, eth1);
        c += payload + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
        return h.last.ctState;
    }

    private CtState server(int flags, int payload) {
        h.forward(Pkts.tcp("10.0.2.2", "10.0.1.2", 80, 40000, flags, s, c, 65160, payload, (flags & SYN) != 0), eth1, eth0);
        s += payload + ((flags & (SYN | FIN)) != 0 ? 1 : 0);
        return h.last.ctState;
    }

    private Conn.TcpState state() { return h.only().tcpState(); }

    private long timeout() { return h.only().timeoutSeconds(h.now); }

    private void handshake() {
        client(SYN, 0);
        server(SYN | ACK, 0);
        client(ACK, 0);
    }

    @Test
    void handshakeGoesSynSentSynRecvEstablished() {
        assertEquals(CtState.NEW, client(SYN, 0));
        assertEquals(Conn.TcpState.SYN_SENT, state());
        assertEquals(120, timeout());
        assertEquals(CtState.ESTABLISHED, server(SYN | ACK, 0));
        assertEquals(Conn.TcpState.SYN_RECV, state());
        assertEquals(60, timeout());
        assertFalse(h.only().has(Conn.ASSURED));
        assertEquals(CtState.ESTABLISHED, client(ACK, 0));
        assertEquals(Conn.TcpState.ESTABLISHED, state());
        assertTrue(h.only().has(Conn.ASSURED));
        assertEquals(432000, timeout());
    }

    @Test
    void retransmittedSynStaysNewAndKeepsItsTimeout() {
        client(SYN, 0);
        h.advance(10);
        c = 1000;
        assertEquals(CtState.NEW, client(SYN, 0));
        assertEquals(110, timeout(), "a SYN retransmit does not renew the timeout");
    }

    @Test
    void unacknowledgedDataShortensTheTimeoutUntilAcked() {
        handshake();
        client(ACK | PSH, 100);
        assertEquals(300, timeout());
        server(ACK, 0);
        assertEquals(432000, timeout());
    }

    @Test
    void finAckSequenceEndsInTimeWait() {
        handshake();
        client(FIN | ACK, 0);
        assertEquals(Conn.TcpState.FIN_WAIT, state());
        assertEquals(120, timeout());
        server(ACK, 0);
        assertEquals(Conn.TcpState.CLOSE_WAIT, state());
        assertEquals(60, timeout());
        server(FIN | ACK, 0);
        assertEquals(Conn.TcpState.LAST_ACK, state());
        assertEquals(30, timeout());
        client(ACK, 0);
        assertEquals(Conn.TcpState.TIME_WAIT, state());
        assertEquals(120, timeout());
    }

    @Test
    void timeoutsFollowTheSysctls() {
        h.sysctl.set("net.netfilter.nf_conntrack_tcp_timeout_established", "3600");
        h.sysctl.set("net.netfilter.nf_conntrack_tcp_timeout_syn_sent", "5");
        client(SYN, 0);
        assertEquals(5, timeout());
        server(SYN | ACK, 0);
        client(ACK, 0);
        assertEquals(3600, timeout());
    }

    @Test
    void rstInWindowCloses() {
        handshake();
        assertEquals(CtState.ESTABLISHED, server(RST | ACK, 0));
        assertEquals(Conn.TcpState.CLOSE, state());
        assertEquals(10, timeout());
    }

    @Test
    void rstAnsweringASynDeletesTheEntry() {
        client(SYN, 0);
        h.forward(Pkts.tcp("10.0.2.2", "10.0.1.2", 80, 40000, RST | ACK, 0, c, 0, 0, false), eth1, eth0);
        assertEquals(CtState.ESTABLISHED, h.last.ctState);
        assertEquals(0, h.ct.count(), "only a RST came back: no connection");
    }

    @Test
    void outOfWindowIsInvalidUnlessLiberal() {
        handshake();
        h.forward(Pkts.tcp("10.0.1.2", "10.0.2.2", 40000, 80, ACK, c + 10_000_000, s, 64240, 10, false), eth0, eth1);
        assertEquals(CtState.INVALID, h.last.ctState);
        assertNull(h.last.ct);
        assertEquals(Conn.TcpState.ESTABLISHED, state(), "the entry is unchanged");
        h.sysctl.set("net.netfilter.nf_conntrack_tcp_be_liberal", "1");
        h.forward(Pkts.tcp("10.0.1.2", "10.0.2.2", 40000, 80, ACK, c + 10_000_000, s, 64240, 10, false), eth0, eth1);
        assertEquals(CtState.ESTABLISHED, h.last.ctState);
    }

    @Test
    void ackOfDataNeverSentIsInvalid() {
        handshake();
        h.forward(Pkts.tcp("10.0.2.2", "10.0.1.2", 80, 40000, ACK, s, c + 500_000, 65160, 0, false), eth1, eth0);
        assertEquals(CtState.INVALID, h.last.ctState);
    }

    @Test
    void midStreamPickupDependsOnTcpLoose() {
        h.forward(Pkts.tcp("10.0.1.2", "10.0.2.2", 40000, 80, ACK, c, s, 64240, 0, false), eth0, eth1);
        assertEquals(CtState.NEW, h.last.ctState);
        assertEquals(Conn.TcpState.ESTABLISHED, state());
        assertEquals(300, timeout(), "not answered yet: the unacknowledged timeout");
        h.ct.flush();
        h.sysctl.set("net.netfilter.nf_conntrack_tcp_loose", "0");
        h.forward(Pkts.tcp("10.0.1.2", "10.0.2.2", 40000, 80, ACK, c, s, 64240, 0, false), eth0, eth1);
        assertEquals(CtState.INVALID, h.last.ctState);
        assertEquals(0, h.ct.count());
    }

    @Test
    void invalidFlagCombinationsAndStrayPacketsAreInvalid() {
        h.forward(Pkts.tcp("10.0.1.2", "10.0.2.2", 40000, 80, SYN | FIN, c, 0, 64240, 0, false), eth0, eth1);
        assertEquals(CtState.INVALID, h.last.ctState);
        h.forward(Pkts.tcp("10.0.1.2", "10.0.2.2", 40000, 80, FIN, c, 0, 64240, 0, false), eth0, eth1);
        assertEquals(CtState.INVALID, h.last.ctState, "FIN without ACK");
        h.forward(Pkts.tcp("10.0.1.2", "10.0.2.2", 40000, 80, SYN | ACK, c, 1, 64240, 0, false), eth0, eth1);
        assertEquals(CtState.INVALID, h.last.ctState, "a SYN/ACK cannot open a connection");
        assertEquals(0, h.ct.count());
    }

    @Test
    void aNewSynAfterTimeWaitReopens() {
        handshake();
        client(FIN | ACK, 0);
        server(FIN | ACK, 0);
        client(ACK, 0);
        Conn old = h.only();
        assertEquals(Conn.TcpState.TIME_WAIT, old.tcpState());
        c += 100_000;
        assertEquals(CtState.NEW, client(SYN, 0));
        Conn fresh = h.only();
        assertNotSame(old, fresh);
        assertEquals(Conn.TcpState.SYN_SENT, fresh.tcpState());
    }

    @Test
    void simultaneousOpen() {
        client(SYN, 0);
        assertEquals(CtState.ESTABLISHED, server(SYN, 0));
        assertEquals(Conn.TcpState.SYN_SENT2, state());
        s--; // the SYN/ACK repeats the SYN's sequence number
        server(SYN | ACK, 0);
        assertEquals(Conn.TcpState.SYN_RECV, state());
    }
}
