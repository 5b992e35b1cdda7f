package io.netemu.stack.tcp;

import io.netemu.packet.wire.TcpOptions;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.packet.wire.TcpSackBlock;
import java.util.ArrayList;
import java.util.List;

/** What a connection sends (tcp_output.c): SYNs, new data under cwnd, window and Nagle, retransmissions, ACKs, RSTs, probes. */
final class TcpXmit {
    private final TcpConnection tp;
    /** This pass's new data, leaving as TSO super-segments. */
    private final TcpXmitBurst burst = new TcpXmitBurst();

    TcpXmit(TcpConnection tp) {
        this.tp = tp;
    }

    /** The window a SYN or SYN-ACK offers (tcp_select_initial_window): half of sk_rcvbuf in whole segments, unscaled. */
    long initialWindow(int mss) {
        long space = winFromSpace(tp.rcvbuf);
        if (space > mss) {
            space = space / mss * mss;
        }
        return Math.min(space, 0xffff);
    }

    /** tcp_win_from_space with Linux's default scaling ratio (half the buffer is payload). */
    static long winFromSpace(long space) {
        return space / 2;
    }

    // ---- handshake ----

    void sendSyn(long now, boolean retrans) {
        boolean ws = tp.cfg.windowScaling();
        TcpOptions o = new TcpOptions(tp.advmss, ws ? tp.rcvWscale : -1, tp.cfg.sack(), tp.cfg.timestamps(),
                tp.tsNow(now), 0, List.of(), false);
        if (!retrans) {
            tp.rtxQueue.add(new RtxQueue.Seg(tp.iss, tp.iss + 1, true, false));
            tp.packetsOut++;
            tp.sndNxt = tp.iss + 1;
        } else {
            tp.mib.inc(TcpMibField.TCPSynRetrans);
        }
        tp.rtxQueue.head().txNs = now;
        emit(new TcpSegment(tp.localPort, tp.remotePort, (int) tp.iss, 0, TcpPacket.SYN,
                (int) tp.rcvWnd, o, TcpSegment.NO_DATA), now, retrans);
        armRto(now);
    }

    void sendSynAck(long now, boolean retrans) {
        TcpOptions o = new TcpOptions(tp.advmss, tp.wscaleOk ? tp.rcvWscale : -1, tp.sackOk, tp.tsOk,
                tp.tsNow(now), tp.tsRecent, List.of(), false);
        if (!retrans) {
            tp.rtxQueue.add(new RtxQueue.Seg(tp.iss, tp.iss + 1, true, false));
            tp.packetsOut++;
            tp.sndNxt = tp.iss + 1;
        }
        tp.rtxQueue.head().txNs = now;
        emit(new TcpSegment(tp.localPort, tp.remotePort, (int) tp.iss, (int) tp.rcvNxt,
                TcpPacket.SYN | TcpPacket.ACK, (int) tp.rcvWnd, o, TcpSegment.NO_DATA), now, retrans);
        ackSent();
        armRto(now);
    }

    // ---- data (tcp_write_xmit) ----

    /** Sends new data while cwnd, the peer's window and Nagle allow; a FIN rides on the last segment. */
    void writeXmit(long now) {
        if (!canSendData()) {
            return;
        }
        if (tp.lostOut > tp.retransOut) {
            retransmitQueue(now);
        }
        boolean sent = false;
        boolean cwndFull = false;
        while (true) {
            long unsent = tp.unsent();
            boolean finNow = tp.finQueued && !tp.finSent;
            if (unsent == 0 && !finNow) {
                break;
            }
            int len = (int) Math.min(unsent, tp.mssCache);
            boolean fin = finNow && tp.sndNxt + len == tp.writeSeq;
            if (tp.inFlight() >= tp.cw.sndCwnd && !(fin && len == 0)) {
                cwndFull = true; // the final FIN alone is not held by cwnd
                break;
            }
            if (len > 0 && tp.sndNxt + len > tp.sndUna + tp.sndWnd) {
                break; // the whole segment must fit the window (tcp_snd_wnd_test)
            }
            if (len > 0 && len < tp.mssCache && !fin && nagleHolds()) {
                break;
            }
            RtxQueue.Seg s = new RtxQueue.Seg(tp.sndNxt, tp.sndNxt + len + (fin ? 1 : 0), false, fin);
            tp.rtxQueue.add(s);
            tp.packetsOut++;
            tp.sndNxt = s.end;
            if (fin) {
                tp.finSent = true;
            }
            if (len < tp.mssCache) {
                tp.sndSml = tp.sndNxt;
            }
            if (tp.caState == TcpConnection.CaState.RECOVERY) {
                tp.prrOut++;
            }
            tp.mib.inc(TcpMibField.TCPOrigDataSent);
            queueNew(s, now);
            sent = true;
        }
        flushBurst(now);
        cwndValidate(cwndFull);
        if (sent) {
            armRto(now);
        }
        // nothing in flight and data the window will not take: the persist timer probes (tcp_check_probe_timer)
        if (tp.packetsOut == 0 && tp.unsent() > 0 && tp.probeDeadline == TcpConnection.NONE) {
            tp.probeDeadline = now + probeInterval();
        }
    }

    /** tcp_cwnd_validate: whether this window's flight used the whole cwnd, and its largest flight. */
    private void cwndValidate(boolean cwndFull) {
        boolean limited = cwndFull || tp.inFlight() >= tp.cw.sndCwnd;
        if (tp.sndUna >= tp.cwndUsageSeq || limited || tp.packetsOut > tp.maxPacketsOut) {
            tp.isCwndLimited = limited;
            tp.maxPacketsOut = tp.packetsOut;
            tp.cwndUsageSeq = tp.sndNxt;
        }
    }

    private boolean canSendData() {
        return switch (tp.state) {
            case ESTABLISHED, CLOSE_WAIT, FIN_WAIT1, LAST_ACK, CLOSING -> true;
            default -> false;
        };
    }

    /** Nagle with Minshall's change (tcp_nagle_check): hold a small segment while an earlier small one is unacked. */
    private boolean nagleHolds() {
        return !tp.nodelay && tp.packetsOut > 0 && tp.sndSml > tp.sndUna && tp.sndSml <= tp.sndNxt;
    }

    long probeInterval() {
        return Math.min((tp.rtt.rtoUs * 1000L) << Math.min(tp.backoff, 20), tp.cfg.rtoMaxNs());
    }

    // ---- retransmission (tcp_xmit_retransmit_queue) ----

    /** Retransmits segments marked lost, from the head, while the flight is under cwnd. */
    void retransmitQueue(long now) {
        RtxQueue q = tp.rtxQueue;
        for (int i = 0; i < q.size() && tp.lostOut > tp.retransOut; i++) {
            RtxQueue.Seg s = q.get(i);
            if (!s.is(RtxQueue.LOST) || s.is(RtxQueue.SACKED) || s.is(RtxQueue.RETRANS)) {
                continue;
            }
            if (tp.inFlight() >= tp.cw.sndCwnd) {
                cwndValidate(true);
                return;
            }
            retransmit(s, now);
            if (tp.caState == TcpConnection.CaState.RECOVERY) {
                tp.prrOut++;
                tp.mib.inc(TcpMibField.TCPFastRetrans);
            } else if (tp.caState == TcpConnection.CaState.LOSS) {
                tp.mib.inc(TcpMibField.TCPSlowStartRetrans);
            }
        }
    }

    void retransmit(RtxQueue.Seg s, long now) {
        s.sacked |= RtxQueue.RETRANS;
        s.everRetrans = true;
        tp.retransOut++;
        tp.totalRetrans++;
        tp.bytesRetrans += s.dataLen();
        if (s.syn) {
            if (tp.state == TcpState.SYN_SENT) {
                sendSyn(now, true);
            } else {
                sendSynAck(now, true);
            }
            return;
        }
        transmit(s, now, true);
    }

    /** Puts one queued segment on the wire with the current ACK, window and options. */
    private void transmit(RtxQueue.Seg s, long now, boolean retrans) {
        int len = s.dataLen();
        byte[] data = len == 0 ? TcpSegment.NO_DATA : tp.sendQueue.get((int) (s.seq - tp.sndUna), len);
        int flags = TcpPacket.ACK;
        if (s.fin) {
            flags |= TcpPacket.FIN;
        }
        if (len > 0 && s.seq + len == tp.writeSeq) {
            flags |= TcpPacket.PSH; // the last of what the app wrote (tcp_mark_push)
        }
        s.txNs = now;
        emit(segment((int) s.seq, flags, data, now), now, retrans);
        ackSent();
        if (len > 0) {
            tp.dataSegsOut++;
            tp.bytesSent += len;
        }
    }

    /** A new segment joins this pass's run (a lone FIN goes out at once, after the run). */
    private void queueNew(RtxQueue.Seg s, long now) {
        int len = s.dataLen();
        if (len == 0) {
            flushBurst(now);
            transmit(s, now, false);
            return;
        }
        if (!burst.isEmpty() && !burst.takes(s.seq, len)) {
            flushBurst(now);
        }
        int flags = TcpPacket.ACK | (s.fin ? TcpPacket.FIN : 0) | (s.seq + len == tp.writeSeq ? TcpPacket.PSH : 0);
        s.txNs = now;
        burst.add(s.seq, len, flags, tp.mssCache);
        tp.dataSegsOut++;
        tp.bytesSent += len;
    }

    /** The run as one segment (one MSS) or one super-segment, with the ACK, window and options of now. */
    private void flushBurst(long now) {
        if (burst.isEmpty()) {
            return;
        }
        byte[] data = tp.sendQueue.get((int) (burst.start() - tp.sndUna), burst.bytes());
        TcpSegment seg = segment((int) burst.start(), burst.flags(), data, now);
        int segs = burst.segs();
        if (segs == 1) {
            tp.out.emit(tp, seg);
        } else {
            tp.out.emitGso(tp, seg, burst.mss());
        }
        tp.segsOut += segs;
        tp.lastSendNs = now;
        tp.mib.add(TcpMibField.OutSegs, segs);
        ackSent();
        burst.clear();
    }

    // ---- ACKs, RSTs, probes ----

    void sendAck(long now) {
        if (!tp.state.synchronizedState() && tp.state != TcpState.SYN_SENT) {
            return;
        }
        emit(segment((int) tp.sndNxt, TcpPacket.ACK, TcpSegment.NO_DATA, now), now, false);
        ackSent();
    }

    /** An ACK answering an invalid segment: challenge ACKs and ACKs to out-of-window pure ACKs, at most one per tcp_invalid_ratelimit. */
    void sendRateLimitedAck(long now, TcpMibField skipped) {
        if (now - tp.lastOowAckNs < tp.cfg.invalidRateLimitNs()) {
            tp.mib.inc(skipped);
            return;
        }
        tp.lastOowAckNs = now;
        sendAck(now);
    }

    void sendChallengeAck(long now) {
        if (now - tp.lastOowAckNs < tp.cfg.invalidRateLimitNs()) {
            tp.mib.inc(TcpMibField.TCPACKSkippedChallenge);
            return;
        }
        tp.lastOowAckNs = now;
        tp.mib.inc(TcpMibField.TCPChallengeACK);
        sendAck(now);
    }

    /** tcp_send_active_reset: RST|ACK at snd_nxt. */
    void sendRst(long now) {
        TcpOptions o = tp.tsOk ? TcpOptions.timestamps(tp.tsNow(now), tp.tsRecent) : TcpOptions.NONE;
        tp.out.emit(tp, new TcpSegment(tp.localPort, tp.remotePort, (int) tp.sndNxt, (int) tp.rcvNxt,
                TcpPacket.RST | TcpPacket.ACK, 0, o, TcpSegment.NO_DATA));
        tp.segsOut++;
        tp.mib.inc(TcpMibField.OutSegs);
        tp.mib.inc(TcpMibField.OutRsts);
    }

    /** A zero-window probe (tcp_xmit_probe_skb): an old sequence number the peer must answer with its window. */
    void sendZeroWindowProbe(long now) {
        emit(segment((int) (tp.sndUna - 1), TcpPacket.ACK, TcpSegment.NO_DATA, now), now, false);
        ackSent();
        tp.mib.inc(TcpMibField.TCPWinProbe);
    }

    /** Sends what fits a small but open window (tcp_write_wakeup splits the head segment to it). */
    void sendWindowFill(long now) {
        long room = tp.sndUna + tp.sndWnd - tp.sndNxt;
        int len = (int) Math.min(Math.min(room, tp.mssCache), tp.unsent());
        if (len <= 0) {
            sendZeroWindowProbe(now);
            return;
        }
        RtxQueue.Seg s = new RtxQueue.Seg(tp.sndNxt, tp.sndNxt + len, false, false);
        tp.rtxQueue.add(s);
        tp.packetsOut++;
        tp.sndNxt = s.end;
        tp.mib.inc(TcpMibField.TCPOrigDataSent);
        transmit(s, now, false);
        armRto(now);
    }

    // ---- building segments ----

    private TcpSegment segment(int seq, int flags, byte[] data, long now) {
        int window = selectWindow();
        TcpOptions o = TcpOptions.NONE;
        if (tp.tsOk) {
            o = TcpOptions.timestamps(tp.tsNow(now), tp.tsRecent);
        }
        if (tp.sackOk && !tp.ofo.isEmpty()) {
            List<long[]> blocks = tp.ofo.sackBlocks(tp.tsOk ? 3 : 4);
            if (!blocks.isEmpty()) {
                List<TcpSackBlock> sb = new ArrayList<>(blocks.size());
                for (long[] b : blocks) {
                    sb.add(new TcpSackBlock((int) b[0], (int) b[1]));
                }
                o = (tp.tsOk ? o : new TcpOptions(-1, -1, false, false, 0, 0, List.of(), false)).withSack(sb);
            }
        }
        return new TcpSegment(tp.localPort, tp.remotePort, seq, (int) tp.rcvNxt, flags, window, o, data);
    }

    private void emit(TcpSegment seg, long now, boolean retrans) {
        tp.out.emit(tp, seg);
        tp.segsOut++;
        tp.lastSendNs = now;
        tp.mib.inc(TcpMibField.OutSegs);
        if (retrans) {
            tp.mib.inc(TcpMibField.RetransSegs);
        }
    }

    /** An ACK went out (tcp_event_ack_sent): no delayed ACK is pending any more. */
    private void ackSent() {
        if (tp.ackPending && tp.quick > 0) {
            tp.quick--;
        }
        tp.ackPending = false;
        tp.ackNow = false;
        tp.delackDeadline = TcpConnection.NONE;
    }

    /**
     * The window to offer (tcp_select_window): the free half of sk_rcvbuf, rounded to the scale, never
     * less than what was offered before (the window does not shrink, RFC 9293 §3.8.6.2.2); returns the
     * 16-bit field.
     */
    int selectWindow() {
        long cur = tp.receiveWindow();
        long win = freeWindow();
        if (win < cur) {
            int unit = 1 << tp.rcvWscale;
            win = (cur + unit - 1) / unit * unit;
        }
        win = Math.min(win, (long) 0xffff << tp.rcvWscale);
        if (win == 0 && tp.rcvWnd != 0) {
            tp.mib.inc(TcpMibField.TCPToZeroWindowAdv);
        } else if (win != 0 && tp.rcvWnd == 0) {
            tp.mib.inc(TcpMibField.TCPFromZeroWindowAdv);
        }
        tp.rcvWnd = win;
        tp.rcvWup = tp.rcvNxt;
        return (int) (win >> tp.rcvWscale);
    }

    /** __tcp_select_window: the free half of sk_rcvbuf, zero below a segment (receiver SWS avoidance, RFC 9293 §3.8.6.2.2). */
    long freeWindow() {
        long space = winFromSpace(tp.rcvbuf);
        long free = space - (tp.recvQueue.size() + tp.ofo.bytes());
        if (free < space >> 1) {
            tp.quick = 0; // memory is getting short: no more quick ACKs
            if (free < space >> 4 || free < tp.rcvMss) {
                return 0;
            }
        }
        return tp.rcvWscale > 0 ? free >> tp.rcvWscale << tp.rcvWscale : free / tp.rcvMss * tp.rcvMss;
    }

    void armRto(long now) {
        if (tp.packetsOut > 0 && tp.rtoDeadline == TcpConnection.NONE) {
            tp.rtoDeadline = now + tp.rtt.rtoUs * 1000L;
        }
    }

    /** Restarts the retransmission timer from now (tcp_rearm_rto), or stops it when nothing is out. */
    void rearmRto(long now) {
        tp.rtoDeadline = tp.packetsOut > 0 ? now + tp.rtt.rtoUs * 1000L : TcpConnection.NONE;
    }
}
