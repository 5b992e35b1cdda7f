package io.netemu.stack.tcp;

/**
 * One connection's TCB (Linux's {@code struct tcp_sock}): the state, the send and receive sequence
 * spaces, the queues and the timers, driven by the socket layer through {@link #onSegment},
 * {@link #write}, {@link #read}, {@link #shutdownWrite}, {@link #close}, {@link #abort} and
 * {@link #onTimer}. The work is done by {@link TcpInput} (segment arrival), {@link TcpAck} (the ACK
 * and loss recovery), {@link TcpXmit} (what goes out) and {@link TcpTimers}.
 *
 * <p>Sequence numbers are kept unwrapped in 64 bits (the wire's 32-bit values are their low half),
 * so comparisons are plain {@code <}. Times are nanoseconds of the caller's clock.
 */
public final class TcpConnection {
    static final long NONE = Long.MAX_VALUE;

    final TcpConfig cfg;
    final TcpMib mib;
    TcpOutput out;
    final CongestionControl cc;
    final TcpCwnd cw = new TcpCwnd();
    final RttEstimator rtt;
    final TcpInput input = new TcpInput(this);
    final TcpAck ack = new TcpAck(this);
    final TcpXmit xmit = new TcpXmit(this);
    final TcpTimers timers = new TcpTimers(this);

    final int localAddr;
    final int localPort;
    final int remoteAddr;
    final int remotePort;
    final TcpListener listener;
    TcpState state = TcpState.CLOSE;
    CaState caState = CaState.OPEN;

    // send sequence space (RFC 9293 §3.3.1)
    long iss;
    long sndUna;
    long sndNxt;
    long writeSeq;       // end of what the app wrote
    long sndWnd;         // scaled
    long sndWl1;
    long sndWl2;
    long maxWindow;
    int sndWscale;
    long sndSml;         // end of the last sub-MSS segment (Minshall's Nagle)
    boolean finQueued;   // the app closed the send side
    boolean finSent;
    final ByteRing sendQueue = new ByteRing();
    final RtxQueue rtxQueue = new RtxQueue();
    int sndbuf;
    boolean writeBlocked;

    // receive sequence space
    long irs;
    long rcvNxt;
    long rcvWup;         // rcv_nxt when the last window was sent
    long rcvWnd;         // the last window offered, bytes
    long copiedSeq;      // what the app has read
    int rcvWscale;
    int rcvbuf;
    final ByteRing recvQueue = new ByteRing();
    final OfoQueue ofo = new OfoQueue();
    boolean rcvShutdown; // the peer's FIN was consumed

    // MSS and options
    int advmss;          // what we announce: route MTU - 40
    int pmtu;
    int peerMss = 536;
    int mssCache;        // payload per full segment we send, options deducted
    int rcvMss;          // estimate of the peer's segment size (icsk_ack.rcv_mss)
    boolean tsOk;
    boolean sackOk;
    boolean wscaleOk;
    int tsRecent;
    int tsOffset;
    boolean nodelay;

    // delayed ACK (icsk_ack)
    boolean ackPending;
    boolean ackNow;
    int quick;
    boolean pingpong;
    boolean atoInit;

    // loss recovery
    long highSeq;
    int packetsOut;
    int sackedOut;
    int lostOut;
    int retransOut;
    int priorCwnd;
    int prrDelivered;
    int prrOut;
    int maxPacketsOut;
    boolean isCwndLimited;
    long cwndUsageSeq;
    long rackXmitNs;     // newest transmission known delivered (RACK)
    int retransmits;     // icsk_retransmits: consecutive RTOs
    int backoff;
    int probesOut;
    long lastOowAckNs = Long.MIN_VALUE / 2;

    // receive buffer autotuning (tcp_rcv_space_adjust)
    long rcvqSpaceSeq;
    long rcvqSpaceNs;
    long rcvqSpace;
    long rcvRttUs;

    // timers: deadlines or NONE
    long rtoDeadline = NONE;
    long probeDeadline = NONE;
    long delackDeadline = NONE;
    long twDeadline = NONE;

    TcpEvent softError;  // sk_err_soft: an ICMP error remembered until a timeout reports it
    boolean orphan;      // close() was called: no app any more
    boolean closedEventSent;

    // tcp_info counters
    long bytesSent;
    long bytesRetrans;
    long bytesAcked;
    long bytesReceived;
    long segsOut;
    long segsIn;
    long dataSegsOut;
    long dataSegsIn;
    long totalRetrans;
    long delivered;
    long lastSendNs;
    long lastRecvNs;
    long lastAckNs;

    TcpConnection(TcpConfig cfg, TcpMib mib, TcpOutput out, int localAddr, int localPort, int remoteAddr,
                  int remotePort, int mtu, TcpListener listener) {
        this.cfg = cfg;
        this.mib = mib;
        this.out = out;
        this.cc = CongestionControl.of(cfg.congestion());
        this.rtt = new RttEstimator(cfg.rtoMinNs(), cfg.rtoInitNs(), cfg.rtoMaxNs());
        this.localAddr = localAddr;
        this.localPort = localPort;
        this.remoteAddr = remoteAddr;
        this.remotePort = remotePort;
        this.listener = listener;
        this.pmtu = mtu;
        this.advmss = mtu - 40;
        this.rcvMss = Math.min(advmss, 536);
        this.rcvbuf = cfg.rmem()[1];
        this.sndbuf = cfg.wmem()[1];
        this.rcvWscale = cfg.rcvWscale();
    }

    /** An active open (tcp_v4_connect): sends the SYN; CONNECTED follows, or REFUSED / TIMED_OUT. */
    public static TcpConnection connect(TcpConfig cfg, TcpMib mib, TcpOutput out, TcpIsn isn, int localAddr,
                                        int localPort, int remoteAddr, int remotePort, int routeMtu, long now) {
        TcpConnection c = new TcpConnection(cfg, mib, out, localAddr, localPort, remoteAddr, remotePort, routeMtu,
                null);
        c.iss = isn.isn(localAddr, localPort, remoteAddr, remotePort, now) & 0xffffffffL;
        c.tsOffset = cfg.timestamps() ? isn.tsOffset(localAddr, remoteAddr) : 0;
        c.sndUna = c.iss;
        c.sndNxt = c.iss;
        c.writeSeq = c.iss + 1;
        c.rcvWnd = c.xmit.initialWindow(c.advmss);
        c.state = TcpState.SYN_SENT;
        mib.inc(TcpMibField.ActiveOpens);
        c.xmit.sendSyn(now, false);
        return c;
    }

    // ---- the socket layer's calls ----

    /** A segment for this connection's 4-tuple arrived (checksum already verified). */
    public void onSegment(TcpSegment seg, long now) {
        input.onSegment(seg, now);
    }

    /** Queues up to {@code len} bytes to send; returns how many were taken (0 when the send buffer is full). */
    public int write(byte[] b, int off, int len, long now) {
        if (finQueued || !(state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT
                || state == TcpState.SYN_SENT || state == TcpState.SYN_RECV)) {
            return 0;
        }
        long room = sndbuf - (writeSeq - sndUna);
        int n = (int) Math.max(0, Math.min(len, room));
        if (n < len) {
            writeBlocked = true;
        }
        if (n > 0) {
            sendQueue.append(b, off, n);
            writeSeq += n;
            if (state.synchronizedState() && state != TcpState.SYN_RECV) {
                xmit.writeXmit(now);
            }
        }
        return n;
    }

    /** Takes up to {@code max} bytes of in-order data; empty when there is none (see {@link #eof}). */
    public byte[] read(int max, long now) {
        int n = Math.min(max, recvQueue.size());
        byte[] b = recvQueue.get(0, n);
        recvQueue.drop(n);
        copiedSeq += n;
        if (n > 0) {
            input.cleanupRbuf(n, now);
        }
        return b;
    }

    /** The peer's FIN was received and everything before it has been read. */
    public boolean eof() {
        return rcvShutdown && recvQueue.size() == 0;
    }

    /** shutdown(SHUT_WR): a FIN follows the queued data; reading goes on. */
    public void shutdownWrite(long now) {
        if (finQueued) {
            return;
        }
        switch (state) {
            case ESTABLISHED -> { finQueued = true; setState(TcpState.FIN_WAIT1); xmit.writeXmit(now); }
            case CLOSE_WAIT -> { finQueued = true; setState(TcpState.LAST_ACK); xmit.writeXmit(now); }
            case SYN_SENT, SYN_RECV -> finQueued = true; // sent once established
            default -> { }
        }
    }

    /** close(): as shutdown(SHUT_RDWR) with no app left; unread data makes it a RST (RFC 2525 §2.17, tcp_close). */
    public void close(long now) {
        orphan = true;
        if (state == TcpState.CLOSE || state == TcpState.LISTEN) {
            return;
        }
        if (state == TcpState.SYN_SENT) {
            done(null);
            return;
        }
        if (recvQueue.size() > 0 && state.synchronizedState() && state != TcpState.TIME_WAIT) {
            mib.inc(TcpMibField.TCPAbortOnClose);
            xmit.sendRst(now);
            done(null);
            return;
        }
        shutdownWrite(now);
        if (state == TcpState.FIN_WAIT2) {
            twDeadline = now + cfg.finTimeoutNs();
        }
    }

    /** Abortive close (SO_LINGER 0): a RST if synchronized, then CLOSE. */
    public void abort(long now) {
        orphan = true;
        if (state.synchronizedState() && state != TcpState.TIME_WAIT) {
            mib.inc(TcpMibField.TCPAbortOnLinger);
            xmit.sendRst(now);
        }
        if (state != TcpState.CLOSE) {
            done(null);
        }
    }

    /** Runs every timer whose deadline is at or before {@code now}. */
    public void onTimer(long now) {
        timers.run(now);
    }

    /** The earliest deadline to call {@link #onTimer} at, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        return Math.min(Math.min(rtoDeadline, probeDeadline), Math.min(delackDeadline, twDeadline));
    }

    /**
     * The socket layer moved this connection (an accepted child) to a socket of its own: its segments and
     * events go to {@code output} from now on. The listener keeps no reference once it was accepted.
     */
    public void rebind(TcpOutput output) {
        this.out = output;
    }

    /**
     * An ICMP error quoting one of our segments (tcp_v4_err): {@code type}/{@code code} as received,
     * {@code quotedSeq} the quoted segment's sequence number. Destination unreachable and time exceeded
     * end a connect in SYN-SENT with their errno (port unreachable: ECONNREFUSED); on a synchronized
     * connection they are soft errors (RFC 1122 4.2.3.9) that a later timeout reports instead of ETIMEDOUT,
     * except the hard ones (port and protocol unreachable), which Linux also keeps soft without IP_RECVERR.
     * Fragmentation needed is not handled (no PMTU changes after the handshake).
     */
    public void onIcmpError(int type, int code, int quotedSeq, long now) {
        TcpEvent err;
        if (type == 3) { // destination unreachable: icmp_err_convert
            err = switch (code) {
                case 0, 6, 9, 11 -> TcpEvent.NET_UNREACHABLE;
                case 2 -> TcpEvent.PROTO_UNAVAILABLE;
                case 3 -> TcpEvent.REFUSED;
                case 4 -> null; // FRAG_NEEDED: PMTU, not an error
                default -> code <= 15 ? TcpEvent.HOST_UNREACHABLE : null;
            };
        } else if (type == 11) {
            err = TcpEvent.HOST_UNREACHABLE;
        } else {
            err = null;
        }
        if (err == null || state == TcpState.CLOSE || state == TcpState.TIME_WAIT) {
            return;
        }
        long seq = unwrapSnd(quotedSeq);
        if (seq < sndUna || seq > sndNxt) {
            mib.inc(TcpMibField.OutOfWindowIcmps);
            return;
        }
        if (state == TcpState.SYN_SENT) {
            mib.inc(TcpMibField.AttemptFails);
            done(err);
            return;
        }
        softError = err;
    }

    /** TCP_NODELAY: send sub-MSS segments at once instead of after the ACK of the last one. */
    public void setNoDelay(boolean on, long now) {
        nodelay = on;
        if (on && state.synchronizedState()) {
            xmit.writeXmit(now);
        }
    }

    public TcpState state() { return state; }
    public int localAddr() { return localAddr; }
    public int localPort() { return localPort; }
    public int remoteAddr() { return remoteAddr; }
    public int remotePort() { return remotePort; }
    /** The listener that created this connection, or null for an active open. */
    public TcpListener listener() { return listener; }
    /** Bytes written and not yet acknowledged (ss Send-Q). */
    public long sendQueueBytes() { return writeSeq - sndUna; }
    /** Bytes received in order and not yet read (ss Recv-Q). */
    public int recvQueueBytes() { return recvQueue.size(); }
    /** Bytes {@link #write} would take now. */
    public long writable() { return Math.max(0, sndbuf - (writeSeq - sndUna)); }
    public String congestionControl() { return cc.name(); }
    public TcpInfo info(long now) { return TcpInfo.of(this, now); }

    // ---- shared helpers ----

    /** tcp_set_state: CurrEstab counts ESTABLISHED and CLOSE-WAIT; leaving them for CLOSE counts EstabResets. */
    void setState(TcpState s) {
        boolean wasEstab = state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT;
        boolean isEstab = s == TcpState.ESTABLISHED || s == TcpState.CLOSE_WAIT;
        if (isEstab && !wasEstab) {
            mib.inc(TcpMibField.CurrEstab);
        } else if (wasEstab && !isEstab) {
            mib.add(TcpMibField.CurrEstab, -1);
            if (s == TcpState.CLOSE) {
                mib.inc(TcpMibField.EstabResets);
            }
        }
        state = s;
    }

    /** Ends the connection (tcp_done): an error event if any, then CLOSED; every timer stops. */
    void done(TcpEvent error) {
        TcpState was = state;
        setState(TcpState.CLOSE);
        rtoDeadline = probeDeadline = delackDeadline = twDeadline = NONE;
        if (listener != null && was == TcpState.SYN_RECV) {
            listener.childGone(this);
        }
        if (error != null && !orphan) {
            out.event(this, error);
        }
        if (!closedEventSent) {
            closedEventSent = true;
            out.event(this, TcpEvent.CLOSED);
        }
    }

    void event(TcpEvent e) {
        if (!orphan) {
            out.event(this, e);
        }
    }

    long unwrapRcv(int wire) {
        return rcvNxt + (wire - (int) rcvNxt);
    }

    long unwrapSnd(int wire) {
        return sndUna + (wire - (int) sndUna);
    }

    /** The receive window still open to the peer (tcp_receive_window). */
    long receiveWindow() {
        return Math.max(0, rcvWup + rcvWnd - rcvNxt);
    }

    /** Segments in the network (tcp_packets_in_flight): out, minus SACKed and lost, plus retransmitted. */
    int inFlight() {
        return packetsOut - (sackedOut + lostOut) + retransOut;
    }

    /** Written and not yet sent (the FIN, once sent, puts snd_nxt one past write_seq). */
    long unsent() {
        return Math.max(0, writeSeq - sndNxt);
    }

    int tsNow(long now) {
        return (int) (now / 1_000_000L) + tsOffset;
    }

    @Override
    public String toString() {
        return "TcpConnection[" + localPort + " > " + remotePort + " " + state + " una " + (sndUna - iss)
                + " nxt " + (sndNxt - iss) + " rcv_nxt " + (rcvNxt - irs) + " cwnd " + cw.sndCwnd + "]";
    }

    /** The congestion-avoidance state machine's states (tcp_ca_state). */
    enum CaState { OPEN, DISORDER, CWR, RECOVERY, LOSS }
}
