package io.netemu.stack.tcp;

import io.netemu.packet.wire.TcpOptions;
import io.netemu.packet.wire.TcpPacket;

/**
 * Segment arrival (tcp_rcv_state_process, tcp_rcv_synsent_state_process, tcp_validate_incoming,
 * tcp_data_queue): the checks of RFC 9293 §3.10.7.4 in order, with RFC 7323 PAWS and RFC 5961's
 * challenge ACKs; then the ACK ({@link TcpAck}), the data and FIN, and the decision to ACK now or later.
 */
final class TcpInput {
    private final TcpConnection tp;

    TcpInput(TcpConnection tp) {
        this.tp = tp;
    }

    void onSegment(TcpSegment seg, long now) {
        tp.segsIn++;
        tp.lastRecvNs = now; // InSegs was counted on arrival (TcpRcv), as tcp_v4_rcv counts every segment
        switch (tp.state) {
            case CLOSE, LISTEN -> tp.mib.drop(TcpDrop.NO_SOCKET);
            case SYN_SENT -> synSent(seg, now);
            case TIME_WAIT -> timeWait(seg, now);
            default -> synchronizedState(seg, now);
        }
    }

    /** RFC 9293 §3.10.7.3 (tcp_rcv_synsent_state_process). */
    private void synSent(TcpSegment seg, long now) {
        long a = tp.unwrapSnd(seg.ack());
        if (seg.hasAck() && (a <= tp.iss || a > tp.sndNxt)) {
            if (!seg.rst()) {
                tp.out.emit(tp, TcpListener.resetFor(seg));
                tp.mib.inc(TcpMibField.OutRsts);
            }
            tp.mib.drop(TcpDrop.TCP_FLAGS);
            return;
        }
        if (seg.rst()) {
            if (seg.hasAck()) {
                tp.mib.inc(TcpMibField.AttemptFails);
                tp.done(TcpEvent.REFUSED);
            } else {
                tp.mib.drop(TcpDrop.TCP_RESET);
            }
            return;
        }
        if (!seg.syn()) {
            tp.mib.drop(TcpDrop.TCP_FLAGS);
            return;
        }
        tp.irs = Integer.toUnsignedLong(seg.seq());
        tp.rcvNxt = tp.irs + 1;
        tp.rcvWup = tp.rcvNxt;
        tp.copiedSeq = tp.rcvNxt;
        negotiate(tp, seg.options());
        if (seg.hasAck()) {
            tp.sndWnd = seg.window(); // never scaled in a SYN (RFC 7323 §2.2)
            tp.maxWindow = tp.sndWnd;
            tp.sndWl1 = tp.irs;
            tp.ack.ackSyn(a, now);
            tp.setState(TcpState.ESTABLISHED);
            initTransfer(now);
            tp.event(TcpEvent.CONNECTED);
            if (tp.finQueued) {
                tp.setState(TcpState.FIN_WAIT1);
            }
            tp.xmit.sendAck(now);
            tp.xmit.writeXmit(now);
        } else { // simultaneous open (RFC 9293 §3.5, figure 8)
            tp.setState(TcpState.SYN_RECV);
            tp.rcvWnd = tp.xmit.initialWindow(tp.advmss - (tp.tsOk ? TcpOptions.TS_ALIGNED_LEN : 0));
            tp.xmit.sendSynAck(now, false);
        }
    }

    /** Options of the peer's SYN decide what both sides use (tcp_parse_options on a SYN, tcp_sync_mss). */
    static void negotiate(TcpConnection tp, TcpOptions o) {
        tp.peerMss = o.mss() > 0 ? o.mss() : 536;
        tp.tsOk = tp.cfg.timestamps() && o.timestamp();
        tp.sackOk = tp.cfg.sack() && o.sackPermitted();
        tp.wscaleOk = tp.cfg.windowScaling() && o.windowScale() >= 0;
        if (tp.wscaleOk) {
            tp.sndWscale = Math.min(o.windowScale(), 14);
        } else {
            tp.sndWscale = 0;
            tp.rcvWscale = 0;
        }
        if (tp.tsOk) {
            tp.tsRecent = o.tsVal();
        }
        tp.mssCache = Math.min(tp.peerMss, tp.pmtu - 40) - (tp.tsOk ? TcpOptions.TS_ALIGNED_LEN : 0);
    }

    /** tcp_init_transfer: the initial window (RFC 6928), the send buffer for it, the receive-buffer meter. */
    void initTransfer(long now) {
        tp.cw.sndCwnd = tp.cfg.initCwnd();
        tp.cw.sndSsthresh = TcpCwnd.INFINITE_SSTHRESH;
        tp.ack.expandSndbuf();
        tp.rcvqSpace = Math.min(tp.rcvWnd, 10L * tp.advmss);
        tp.rcvqSpaceSeq = tp.copiedSeq;
        tp.rcvqSpaceNs = now;
        tp.cwndUsageSeq = tp.sndNxt;
    }

    private void synchronizedState(TcpSegment seg, long now) {
        long seq = tp.unwrapRcv(seg.seq());
        long end = seq + seg.seqLen();
        TcpOptions o = seg.options();
        // RFC 7323 §5.3 PAWS: an old timestamp marks an old duplicate
        if (tp.tsOk && o.timestamp() && !seg.rst() && o.tsVal() - tp.tsRecent < 0) {
            tp.mib.inc(TcpMibField.PAWSEstab);
            tp.mib.drop(TcpDrop.TCP_RFC7323_PAWS);
            dupAck(seg, now);
            return;
        }
        // RFC 9293 §3.10.7.4 first: the sequence number must fall in the window (tcp_sequence)
        if (end < tp.rcvWup || seq > tp.rcvNxt + tp.receiveWindow()) {
            if (!seg.rst()) {
                if (seg.syn()) {
                    synChallenge(now);
                } else {
                    dupAck(seg, now);
                }
            }
            tp.mib.drop(TcpDrop.TCP_INVALID_SEQUENCE);
            return;
        }
        // second: RST only at exactly rcv_nxt, else a challenge ACK (RFC 5961 §3.2)
        if (seg.rst()) {
            if (seq == tp.rcvNxt) {
                reset();
            } else {
                tp.xmit.sendChallengeAck(now);
                tp.mib.drop(TcpDrop.TCP_RESET);
            }
            return;
        }
        if (tp.tsOk && o.timestamp() && seq <= tp.rcvWup) {
            tp.tsRecent = o.tsVal(); // tcp_replace_ts_recent
        }
        // fourth: a SYN here is answered with a challenge ACK (RFC 5961 §4), a retransmitted SYN with the SYN-ACK again
        if (seg.syn()) {
            if (tp.state == TcpState.SYN_RECV && seq == tp.irs && !seg.hasAck()) {
                tp.xmit.sendSynAck(now, true);
                return;
            }
            synChallenge(now);
            tp.mib.drop(TcpDrop.TCP_INVALID_SYN);
            return;
        }
        // fifth: the ACK
        if (!seg.hasAck()) {
            tp.mib.drop(TcpDrop.TCP_FLAGS);
            return;
        }
        if (tp.state == TcpState.SYN_RECV && !synRecvAck(seg, seq, now)) {
            return;
        }
        if (!tp.ack.onAck(seg, seq, now)) {
            return;
        }
        if (tp.finSent && tp.sndUna == tp.writeSeq + 1) { // our FIN is acknowledged
            switch (tp.state) {
                case FIN_WAIT1 -> {
                    tp.setState(TcpState.FIN_WAIT2);
                    if (tp.orphan) {
                        tp.twDeadline = now + tp.cfg.finTimeoutNs();
                    }
                }
                case CLOSING -> enterTimeWait(now);
                case LAST_ACK -> {
                    tp.done(null);
                    return;
                }
                default -> { }
            }
        }
        // seventh: data and FIN
        if (seg.dataLen() > 0 || seg.fin()) {
            switch (tp.state) {
                case ESTABLISHED, FIN_WAIT1, FIN_WAIT2 -> {
                    if (tp.orphan && seg.dataLen() > 0 && end - (seg.fin() ? 1 : 0) > tp.rcvNxt) {
                        tp.mib.inc(TcpMibField.TCPAbortOnData); // nobody will read it (tcp_rcv_state_process)
                        tp.mib.drop(TcpDrop.TCP_CLOSE);
                        tp.xmit.sendRst(now);
                        tp.done(null);
                        return;
                    }
                    dataQueue(seg, seq, now);
                }
                default -> { } // after the peer's FIN: ignored
            }
        }
        if (tp.state == TcpState.CLOSE) {
            return;
        }
        tp.xmit.writeXmit(now);
        ackSndCheck(now);
    }

    /** The ACK completing a handshake in SYN-RECV (tcp_check_req / tcp_rcv_state_process TCP_SYN_RECV). */
    private boolean synRecvAck(TcpSegment seg, long seq, long now) {
        long a = tp.unwrapSnd(seg.ack());
        if (a <= tp.sndUna || a > tp.sndNxt) {
            tp.out.emit(tp, TcpListener.resetFor(seg));
            tp.mib.inc(TcpMibField.OutRsts);
            tp.mib.drop(TcpDrop.TCP_FLAGS);
            return false;
        }
        tp.ack.ackSyn(a, now);
        tp.sndWnd = (long) seg.window() << tp.sndWscale;
        tp.maxWindow = tp.sndWnd;
        tp.sndWl1 = seq;
        tp.setState(TcpState.ESTABLISHED);
        initTransfer(now);
        if (tp.listener != null) {
            tp.mib.inc(TcpMibField.PassiveOpens);
            tp.listener.childEstablished(tp);
        }
        tp.event(TcpEvent.CONNECTED);
        if (tp.finQueued) {
            tp.setState(TcpState.FIN_WAIT1);
        }
        return true;
    }

    /** tcp_reset: the errno the application sees depends on the state. */
    private void reset() {
        TcpEvent e = switch (tp.state) {
            case SYN_RECV -> tp.listener != null ? null : TcpEvent.REFUSED;
            case CLOSE_WAIT -> TcpEvent.RESET; // EPIPE on the next write
            default -> TcpEvent.RESET;
        };
        tp.done(e);
    }

    private void synChallenge(long now) {
        tp.mib.inc(TcpMibField.TCPSYNChallenge);
        tp.xmit.sendChallengeAck(now);
    }

    /** tcp_send_dupack: data gets an ACK at once; a pure ACK or SYN only within tcp_invalid_ratelimit (ACK loops). */
    private void dupAck(TcpSegment seg, long now) {
        if (seg.rst()) {
            return;
        }
        if (seg.dataLen() > 0 && !seg.syn()) {
            enterQuickack();
            tp.xmit.sendAck(now);
        } else {
            tp.xmit.sendRateLimitedAck(now, TcpMibField.TCPACKSkippedSeq);
        }
    }

    /** TIME-WAIT (tcp_timewait_state_process): a RST ends it (tcp_rfc1337 = 0); a FIN again is ACKed and restarts the timer. */
    private void timeWait(TcpSegment seg, long now) {
        if (seg.rst()) {
            tp.mib.inc(TcpMibField.TCPTimeWaitRst);
            tp.done(null);
            return;
        }
        long seq = tp.unwrapRcv(seg.seq());
        if (seg.fin() && seq + seg.dataLen() + 1 == tp.rcvNxt) {
            tp.twDeadline = now + tp.cfg.timeWaitNs();
        }
        tp.xmit.sendRateLimitedAck(now, TcpMibField.TCPACKSkippedSeq);
    }

    void enterTimeWait(long now) {
        tp.setState(TcpState.TIME_WAIT);
        tp.rtoDeadline = tp.probeDeadline = tp.delackDeadline = TcpConnection.NONE;
        tp.twDeadline = now + tp.cfg.timeWaitNs();
    }

    // ---- data (tcp_data_queue) ----

    private void dataQueue(TcpSegment seg, long seq, long now) {
        byte[] d = seg.payload();
        boolean fin = seg.fin();
        if (d.length > 0) {
            tp.dataSegsIn++;
            if (d.length > tp.rcvMss) {
                tp.rcvMss = Math.min(d.length, tp.advmss); // tcp_measure_rcv_mss
            }
            if (!tp.atoInit) { // the first data: start in quickack mode (tcp_incr_quickack)
                tp.atoInit = true;
                tp.quick = (int) Math.min(16, Math.max(2, tp.rcvWnd / (2L * tp.rcvMss)));
            }
        }
        tp.ackPending = true;
        long end = seq + d.length;
        if (end <= tp.rcvNxt && !(fin && end == tp.rcvNxt)) { // all old: a retransmission we already have
            enterQuickack();
            tp.ackNow = true;
            return;
        }
        if (seq < tp.rcvNxt) { // overlaps what we have: keep the new part
            d = java.util.Arrays.copyOfRange(d, (int) (tp.rcvNxt - seq), d.length);
            seq = tp.rcvNxt;
        }
        if (seq > tp.rcvNxt) {
            tp.mib.inc(TcpMibField.TCPOFOQueue);
            tp.ofo.insert(seq, d, fin);
            tp.ackNow = true; // a hole: ACK (with SACK) at once so the sender learns quickly
            return;
        }
        if (tp.receiveWindow() == 0 && d.length > 0) {
            tp.mib.inc(TcpMibField.TCPZeroWindowDrop);
            tp.mib.drop(TcpDrop.TCP_ZEROWINDOW);
            tp.ackNow = true;
            return;
        }
        if (d.length > 0) {
            tp.recvQueue.append(d, 0, d.length);
            tp.rcvNxt += d.length;
            tp.bytesReceived += d.length;
            rcvRttMeasure(seg, now);
        }
        if (fin) {
            fin(now);
        } else if (!tp.ofo.isEmpty()) {
            spliceOfo(now);
        }
        if (d.length > 0) {
            tp.event(TcpEvent.READABLE);
        }
    }

    /** tcp_ofo_queue: segments the new data made contiguous join the receive queue; a filled hole is ACKed at once. */
    private void spliceOfo(long now) {
        byte[] d;
        while ((d = tp.ofo.pollContiguous(tp.rcvNxt)) != null) {
            tp.recvQueue.append(d, 0, d.length);
            tp.rcvNxt += d.length;
            tp.bytesReceived += d.length;
        }
        if (tp.ofo.finAt(tp.rcvNxt)) {
            tp.ofo.clearFin();
            fin(now);
        }
        if (tp.ofo.isEmpty()) {
            tp.ackNow = true;
        }
    }

    /** tcp_fin: the peer's FIN is in order. */
    private void fin(long now) {
        tp.rcvNxt++;
        tp.rcvShutdown = true;
        tp.ackPending = true;
        tp.ofo.clear();
        switch (tp.state) {
            case SYN_RECV, ESTABLISHED -> {
                tp.setState(TcpState.CLOSE_WAIT);
                tp.pingpong = true; // the ACK may ride on the reply (inet_csk_enter_pingpong_mode)
            }
            case FIN_WAIT1 -> {
                tp.setState(TcpState.CLOSING);
                tp.ackNow = true;
            }
            case FIN_WAIT2 -> {
                enterTimeWait(now);
                tp.ackNow = true;
            }
            default -> { }
        }
        tp.event(TcpEvent.READABLE);
        tp.event(TcpEvent.PEER_CLOSED);
    }

    void enterQuickack() {
        tp.quick = (int) Math.min(16, Math.max(2, tp.rcvWnd / (2L * tp.rcvMss)));
        tp.pingpong = false;
    }

    /**
     * __tcp_ack_snd_check: ACK at once after more than one full segment (when the window does not shrink),
     * in quickack mode, with out-of-order data, or when something asked for it; else arm the delayed ACK.
     */
    void ackSndCheck(long now) {
        if (!tp.ackPending || tp.state == TcpState.CLOSE) {
            return;
        }
        boolean twoSegs = tp.rcvNxt - tp.rcvWup > tp.rcvMss && tp.xmit.freeWindow() >= tp.rcvWnd;
        if (tp.ackNow || twoSegs || (tp.quick > 0 && !tp.pingpong) || !tp.ofo.isEmpty()) {
            tp.xmit.sendAck(now);
        } else if (tp.delackDeadline == TcpConnection.NONE) {
            tp.delackDeadline = now + tp.cfg.delackMinNs();
        }
    }

    /** After the app read {@code copied} bytes (tcp_cleanup_rbuf): ACK if the window at least doubled. */
    void cleanupRbuf(int copied, long now) {
        rcvSpaceAdjust(now);
        if (!tp.state.synchronizedState() || tp.state == TcpState.TIME_WAIT) {
            return;
        }
        boolean timeToAck = tp.ackPending && tp.rcvNxt - tp.rcvWup > tp.rcvMss;
        if (!timeToAck && !tp.rcvShutdown) {
            long now2 = tp.receiveWindow();
            long clamp = TcpXmit.winFromSpace(tp.rcvbuf);
            if (2 * now2 <= clamp) {
                long nw = tp.xmit.freeWindow();
                timeToAck = nw != 0 && nw >= 2 * now2;
            }
        }
        if (timeToAck) {
            tp.xmit.sendAck(now);
        }
    }

    /** Receive-buffer autotuning (tcp_rcv_space_adjust): once per RTT, room for twice what the app read. */
    private void rcvSpaceAdjust(long now) {
        long rttUs = tp.rcvRttUs > 0 ? tp.rcvRttUs : tp.rtt.srttUs();
        if (rttUs == 0 || now - tp.rcvqSpaceNs < rttUs * 1000) {
            return;
        }
        long copied = tp.copiedSeq - tp.rcvqSpaceSeq;
        if (copied > tp.rcvqSpace) {
            if (tp.cfg.moderateRcvbuf()) {
                long rcvwin = (copied << 1) + 16L * tp.advmss;
                long grow = rcvwin * (copied - tp.rcvqSpace) / Math.max(1, tp.rcvqSpace);
                rcvwin += grow << 1;
                long rcvbuf = Math.min(rcvwin * 2, tp.cfg.rmem()[2]); // tcp_space_from_win
                if (rcvbuf > tp.rcvbuf) {
                    tp.rcvbuf = (int) rcvbuf;
                }
            }
            tp.rcvqSpace = copied;
        }
        tp.rcvqSpaceSeq = tp.copiedSeq;
        tp.rcvqSpaceNs = now;
    }

    /** The receiver's RTT from the echoed timestamp (tcp_rcv_rtt_measure_ts), a 1/8 moving average. */
    private void rcvRttMeasure(TcpSegment seg, long now) {
        TcpOptions o = seg.options();
        if (!tp.tsOk || !o.timestamp() || o.tsEcr() == 0) {
            return;
        }
        long m = (long) (tp.tsNow(now) - o.tsEcr()) * 1000;
        if (m < 0) {
            return;
        }
        m = Math.max(m, 1000);
        tp.rcvRttUs = tp.rcvRttUs == 0 ? m : tp.rcvRttUs + (m - tp.rcvRttUs) / 8;
    }
}
