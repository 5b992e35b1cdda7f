package io.netemu.stack.tcp;

import io.netemu.packet.wire.TcpOptions;
import io.netemu.packet.wire.TcpPacket;
import java.util.ArrayDeque;

/**
 * A listening socket (RFC 9293 §3.10.7.2; tcp_v4_conn_request): a SYN makes a child connection in
 * SYN-RECV that answers with a SYN-ACK; when the handshake's ACK arrives the child moves to the
 * accept queue. The socket layer looks up children by 4-tuple before the listener, as the kernel's
 * established hash comes before the listening hash. SYN cookies are not implemented: when the SYN
 * queue or the accept queue is full the SYN is dropped (ListenOverflows, ListenDrops).
 */
public final class TcpListener {
    private final TcpConfig cfg;
    private final TcpMib mib;
    private final TcpOutput out;
    private final TcpIsn isn;
    private final int localPort;
    private final int backlog;
    private final ArrayDeque<TcpConnection> acceptQueue = new ArrayDeque<>();
    private int synRecv;

    public TcpListener(TcpConfig cfg, TcpMib mib, TcpOutput out, TcpIsn isn, int localPort, int backlog) {
        this.cfg = cfg;
        this.mib = mib;
        this.out = out;
        this.isn = isn;
        this.localPort = localPort;
        this.backlog = backlog;
    }

    /**
     * A segment for the listening port with no connection of its own. Returns the new child (already
     * sent its SYN-ACK) or null; a bare ACK is answered with a RST, anything else dropped.
     */
    public TcpConnection onSegment(TcpSegment seg, int localAddr, int remoteAddr, int routeMtu, long now) {
        if (seg.rst()) {
            mib.drop(TcpDrop.TCP_RESET);
            return null;
        }
        if (seg.hasAck()) {
            out.emitReply(localAddr, remoteAddr, resetFor(seg));
            mib.inc(TcpMibField.OutSegs);
            mib.inc(TcpMibField.OutRsts);
            mib.drop(TcpDrop.TCP_FLAGS);
            return null;
        }
        if (!seg.syn() || seg.fin()) {
            mib.drop(TcpDrop.TCP_FLAGS);
            return null;
        }
        if (acceptQueue.size() >= backlog || synRecv >= backlog) {
            mib.inc(TcpMibField.ListenOverflows);
            mib.inc(TcpMibField.ListenDrops);
            mib.drop(TcpDrop.TCP_LISTEN_OVERFLOW);
            return null;
        }
        TcpConnection c = new TcpConnection(cfg, mib, out, localAddr, localPort, remoteAddr, seg.srcPort(),
                routeMtu, this);
        c.iss = isn.isn(localAddr, localPort, remoteAddr, seg.srcPort(), now) & 0xffffffffL;
        c.tsOffset = cfg.timestamps() ? isn.tsOffset(localAddr, remoteAddr) : 0;
        c.sndUna = c.iss;
        c.sndNxt = c.iss;
        c.writeSeq = c.iss + 1;
        c.irs = Integer.toUnsignedLong(seg.seq());
        c.rcvNxt = c.irs + 1;
        c.rcvWup = c.rcvNxt;
        c.copiedSeq = c.rcvNxt;
        c.segsIn = 1;
        c.lastRecvNs = now;
        TcpInput.negotiate(c, seg.options());
        c.sndWnd = seg.window();
        c.sndWl1 = c.irs;
        c.maxWindow = c.sndWnd;
        c.rcvWnd = c.xmit.initialWindow(c.advmss - (c.tsOk ? TcpOptions.TS_ALIGNED_LEN : 0));
        c.state = TcpState.SYN_RECV;
        synRecv++;
        c.xmit.sendSynAck(now, false);
        return c;
    }

    /** The child completed the handshake: it waits in the accept queue. */
    void childEstablished(TcpConnection c) {
        synRecv--;
        acceptQueue.add(c);
    }

    /** A child died in SYN-RECV (RST, or its SYN-ACK retries ran out). */
    void childGone(TcpConnection c) {
        synRecv--;
    }

    /** The next established connection, or null (accept would block). */
    public TcpConnection accept() {
        return acceptQueue.poll();
    }

    public int acceptQueueLen() {
        return acceptQueue.size();
    }

    public int synQueueLen() {
        return synRecv;
    }

    public int localPort() {
        return localPort;
    }

    public int backlog() {
        return backlog;
    }

    /**
     * The RST answering a segment no connection wants (tcp_v4_send_reset, RFC 9293 §3.10.7.1): at its
     * ACK number if it had one, else at zero acknowledging everything it occupied.
     */
    public static TcpSegment resetFor(TcpSegment seg) {
        if (seg.hasAck()) {
            return new TcpSegment(seg.dstPort(), seg.srcPort(), seg.ack(), 0, TcpPacket.RST, 0, TcpOptions.NONE,
                    TcpSegment.NO_DATA);
        }
        return new TcpSegment(seg.dstPort(), seg.srcPort(), 0, seg.seq() + seg.seqLen(),
                TcpPacket.RST | TcpPacket.ACK, 0, TcpOptions.NONE, TcpSegment.NO_DATA);
    }
}
