package io.netemu.stack.tcp;

import io.netemu.packet.wire.TcpSackBlock;
import io.netemu.stack.tcp.TcpConnection.CaState;

/**
 * The ACK (tcp_ack): window update, the retransmission queue cleaned, RTT sampled, SACK blocks marked
 * on the scoreboard, and the loss state machine (tcp_fastretrans_alert): NewReno (RFC 6582) on
 * duplicate ACKs, SACK-based loss detection (RFC 6675 IsLost) and Proportional Rate Reduction
 * (RFC 6937) in recovery, and the Loss state after a timeout.
 */
final class TcpAck {
    private final TcpConnection tp;

    TcpAck(TcpConnection tp) {
        this.tp = tp;
    }

    /** Our SYN (or SYN-ACK) is acknowledged by {@code a} = iss + 1. */
    void ackSyn(long a, long now) {
        RtxQueue.Seg s = tp.rtxQueue.removeHead();
        tp.packetsOut--;
        if (s.is(RtxQueue.RETRANS)) {
            tp.retransOut--;
        }
        if (s.is(RtxQueue.LOST)) {
            tp.lostOut--;
        }
        if (!s.everRetrans) {
            tp.rtt.sample((now - s.txNs) / 1000, a, a);
        }
        tp.sndUna = a;
        tp.sndNxt = Math.max(tp.sndNxt, a);
        tp.retransmits = 0;
        tp.backoff = 0;
        tp.rtt.restore();
        tp.rtoDeadline = TcpConnection.NONE;
        tp.caState = CaState.OPEN;
    }

    /** Returns false when the segment is to be dropped (an ACK of unsent data or far too old). */
    boolean onAck(TcpSegment seg, long seq, long now) {
        long a = tp.unwrapSnd(seg.ack());
        long priorUna = tp.sndUna;
        if (a > tp.sndNxt) {
            tp.mib.drop(TcpDrop.TCP_ACK_UNSENT_DATA);
            tp.xmit.sendRateLimitedAck(now, TcpMibField.TCPACKSkippedSeq);
            return false;
        }
        if (a < priorUna - tp.maxWindow) { // RFC 5961 §5.2
            tp.xmit.sendChallengeAck(now);
            tp.mib.drop(TcpDrop.TCP_TOO_OLD_ACK);
            return false;
        }
        tp.probesOut = 0;
        tp.lastAckNs = now;
        if (a < priorUna) { // old, but its SACK blocks still tell something
            if (tp.sackOk && !seg.options().sack().isEmpty()) {
                int sacked = sacktag(seg, now);
                fastretransAlert(priorUna, 0, sacked, false, now);
            }
            return true;
        }
        boolean winUpdate = updateWindow(seg, seq, a);
        int acked = cleanRtxQueue(a, priorUna, seg, now);
        int sacked = tp.sackOk && !seg.options().sack().isEmpty() ? sacktag(seg, now) : 0;
        boolean dup = a == priorUna && seg.dataLen() == 0 && !seg.fin() && !winUpdate && tp.packetsOut > 0;
        if (dup && tp.sackOk && sacked == 0 && tp.caState == CaState.OPEN) {
            dup = false;
        }
        if (a > priorUna || sacked > 0 || dup || tp.caState != CaState.OPEN) {
            fastretransAlert(priorUna, acked, sacked, dup, now);
        }
        if (acked + sacked > 0 && tp.caState != CaState.RECOVERY && tp.caState != CaState.CWR) {
            tp.cw.cwndLimited = cwndLimited();
            tp.cc.congAvoid(tp.cw, acked + sacked, now);
        }
        if (a > priorUna) {
            tp.xmit.rearmRto(now);
            if (tp.caState == CaState.OPEN) {
                expandSndbuf();
            }
            if (tp.writeBlocked && tp.writable() >= (tp.writeSeq - tp.sndUna) / 2) {
                tp.writeBlocked = false;
                tp.event(TcpEvent.WRITABLE);
            }
        }
        ackProbe(now);
        return true;
    }

    /** tcp_ack_update_window: a newer segment (by seq, then ack) may move the peer's window. */
    private boolean updateWindow(TcpSegment seg, long seq, long a) {
        long nwin = (long) seg.window() << tp.sndWscale;
        if (a > tp.sndUna || seq > tp.sndWl1 || (seq == tp.sndWl1 && (nwin > tp.sndWnd || nwin == 0))) {
            boolean changed = nwin != tp.sndWnd;
            tp.sndWl1 = seq;
            tp.sndWnd = nwin;
            tp.maxWindow = Math.max(tp.maxWindow, nwin);
            return changed;
        }
        return false;
    }

    /** tcp_clean_rtx_queue: frees what {@code a} covers; returns the segments newly delivered by it. */
    private int cleanRtxQueue(long a, long priorUna, TcpSegment seg, long now) {
        RtxQueue q = tp.rtxQueue;
        int acked = 0;
        long firstTx = -1;
        boolean retransAcked = false;
        while (!q.isEmpty() && q.head().end <= a) {
            RtxQueue.Seg s = q.removeHead();
            tp.packetsOut--;
            if (s.is(RtxQueue.SACKED)) {
                tp.sackedOut--;
            } else {
                acked++;
                tp.delivered++;
                tp.rackXmitNs = Math.max(tp.rackXmitNs, s.txNs);
            }
            if (s.is(RtxQueue.LOST)) {
                tp.lostOut--;
            }
            if (s.is(RtxQueue.RETRANS)) {
                tp.retransOut--;
            }
            if (s.everRetrans) {
                retransAcked = true;
            } else if (firstTx < 0) {
                firstTx = s.txNs;
            }
        }
        if (!q.isEmpty() && q.head().seq < a) {
            q.head().seq = a; // partly acknowledged (tcp_trim_head)
        }
        long dataStart = Math.max(priorUna, tp.iss + 1);
        long dataEnd = Math.min(a, tp.writeSeq);
        if (dataEnd > dataStart) {
            tp.sendQueue.drop((int) (dataEnd - dataStart));
        }
        tp.bytesAcked += a - priorUna;
        tp.sndUna = a;
        if (a > priorUna) {
            tp.retransmits = 0;
            tp.backoff = 0;
            tp.rtt.restore();
        }
        // Karn: time only segments sent once; else the echoed timestamp (RFC 7323 §4) if any
        if (firstTx >= 0 && !retransAcked) {
            tp.rtt.sample((now - firstTx) / 1000, tp.sndUna, tp.sndNxt);
        } else if (acked > 0 && tp.tsOk && seg.options().timestamp() && seg.options().tsEcr() != 0) {
            long ms = tp.tsNow(now) - seg.options().tsEcr();
            if (ms >= 0) {
                tp.rtt.sample(Math.max(ms, 1) * 1000, tp.sndUna, tp.sndNxt);
            }
        }
        tp.cw.minRttUs = tp.rtt.minRttUs == Long.MAX_VALUE ? 0 : tp.rtt.minRttUs;
        if (!tp.sackOk && acked > 0 && tp.sackedOut > 0) {
            // NewReno: one ACK filled the hole, the rest stood for duplicate ACKs (tcp_remove_reno_sacks)
            tp.sackedOut = Math.max(0, tp.sackedOut - (acked - 1));
        }
        return acked;
    }

    /** tcp_sacktag_write_queue: marks segments SACKed blocks cover; returns how many were newly marked. */
    private int sacktag(TcpSegment seg, long now) {
        RtxQueue q = tp.rtxQueue;
        int newly = 0;
        for (TcpSackBlock b : seg.options().sack()) {
            long start = tp.unwrapSnd(b.start());
            long end = tp.unwrapSnd(b.end());
            if (end <= start || end > tp.sndNxt || start < tp.sndUna) {
                continue; // invalid, or a D-SACK (below snd_una), which is not used
            }
            for (int i = q.firstEndingAfter(start); i < q.size(); i++) {
                RtxQueue.Seg s = q.get(i);
                if (s.seq >= end) {
                    break;
                }
                if (s.seq < start || s.end > end || s.is(RtxQueue.SACKED)) {
                    continue;
                }
                s.sacked |= RtxQueue.SACKED;
                tp.sackedOut++;
                newly++;
                tp.delivered++;
                if (s.is(RtxQueue.LOST)) {
                    s.sacked &= ~RtxQueue.LOST;
                    tp.lostOut--;
                }
                if (s.is(RtxQueue.RETRANS)) {
                    s.sacked &= ~RtxQueue.RETRANS;
                    tp.retransOut--;
                }
                tp.rackXmitNs = Math.max(tp.rackXmitNs, s.txNs);
            }
        }
        return newly;
    }

    /** tcp_fastretrans_alert, simplified to the states and transitions Linux uses without undo. */
    private void fastretransAlert(long priorUna, int acked, int sacked, boolean dup, long now) {
        if (!tp.sackOk && dup) { // NewReno counts duplicate ACKs as SACKed segments (tcp_add_reno_sack)
            tp.sackedOut = Math.min(tp.sackedOut + 1, Math.max(0, tp.packetsOut - Math.max(tp.lostOut, 1)));
        }
        if ((tp.caState == CaState.RECOVERY || tp.caState == CaState.LOSS) && tp.sndUna >= tp.highSeq) {
            if (tp.caState == CaState.RECOVERY && tp.cw.sndSsthresh < TcpCwnd.INFINITE_SSTHRESH) {
                tp.cw.sndCwnd = tp.cw.sndSsthresh; // tcp_end_cwnd_reduction
            }
            tp.caState = CaState.OPEN;
            if (!tp.sackOk) {
                tp.sackedOut = 0;
            }
        }
        switch (tp.caState) {
            case OPEN, DISORDER -> {
                if (tp.sackOk) {
                    markLost();
                }
                boolean lossSeen = tp.sackOk ? tp.lostOut > 0 : tp.sackedOut >= tp.cfg.reordering();
                if (lossSeen) {
                    enterRecovery();
                } else {
                    tp.caState = tp.sackedOut > 0 ? CaState.DISORDER : CaState.OPEN;
                }
            }
            case RECOVERY -> {
                if (!tp.sackOk && tp.sndUna > priorUna) {
                    markHeadLost(); // NewReno partial ACK: the next hole is lost too (RFC 6582 §3.2 step 3)
                }
                if (tp.sackOk) {
                    markLost();
                }
            }
            case LOSS -> {
                if (tp.sackOk) {
                    markLost();
                }
            }
            default -> { }
        }
        if (tp.sackOk && sacked > 0 && tp.retransOut > 0) {
            detectLostRetrans(now);
        }
        if (tp.caState == CaState.RECOVERY) {
            prr(acked + sacked + (!tp.sackOk && dup ? 1 : 0), tp.sndUna > priorUna);
        }
        if (tp.lostOut > tp.retransOut) {
            tp.xmit.retransmitQueue(now);
        }
    }

    private void enterRecovery() {
        tp.mib.inc(tp.sackOk ? TcpMibField.TCPSackRecovery : TcpMibField.TCPRenoRecovery);
        tp.highSeq = tp.sndNxt;
        tp.priorCwnd = tp.cw.sndCwnd;
        tp.cw.sndSsthresh = tp.cc.ssthresh(tp.cw);
        tp.prrDelivered = 0;
        tp.prrOut = 0;
        tp.caState = CaState.RECOVERY;
        if (!tp.sackOk) {
            markHeadLost();
        }
    }

    private void markHeadLost() {
        RtxQueue.Seg h = tp.rtxQueue.head();
        if (h != null && !h.is(RtxQueue.SACKED) && !h.is(RtxQueue.LOST)) {
            h.sacked |= RtxQueue.LOST;
            tp.lostOut++;
        }
    }

    /** RFC 6675 IsLost: a segment with DupThresh SACKed segments above it is lost (tcp_mark_head_lost). */
    private void markLost() {
        if (tp.sackedOut == 0) {
            return;
        }
        RtxQueue q = tp.rtxQueue;
        int above = 0;
        int thresh = tp.cfg.reordering();
        for (int i = q.size() - 1; i >= 0; i--) {
            RtxQueue.Seg s = q.get(i);
            if (s.is(RtxQueue.SACKED)) {
                above++;
            } else if (above >= thresh) {
                if (s.is(RtxQueue.LOST)) {
                    break; // everything below was judged already
                }
                s.sacked |= RtxQueue.LOST;
                tp.lostOut++;
            }
        }
    }

    /** RACK's rule for retransmissions (RFC 8985 §6.2): one sent before a delivered segment, a min RTT ago, is lost again. */
    private void detectLostRetrans(long now) {
        long reoNs = tp.cw.minRttUs * 1000 + tp.cw.minRttUs * 250;
        RtxQueue q = tp.rtxQueue;
        for (int i = 0; i < q.size() && tp.retransOut > 0; i++) {
            RtxQueue.Seg s = q.get(i);
            if (s.is(RtxQueue.RETRANS) && s.txNs < tp.rackXmitNs && now - s.txNs >= reoNs) {
                s.sacked &= ~RtxQueue.RETRANS;
                tp.retransOut--;
                tp.mib.inc(TcpMibField.TCPLostRetransmit);
            }
        }
    }

    /** Proportional Rate Reduction (RFC 6937, tcp_cwnd_reduction): cwnd follows what was delivered toward ssthresh. */
    private void prr(int newlyDelivered, boolean unaAdvanced) {
        if (newlyDelivered <= 0) {
            return;
        }
        tp.prrDelivered += newlyDelivered;
        int inFlight = tp.inFlight();
        int ssthresh = tp.cw.sndSsthresh;
        long delta = (long) ssthresh - inFlight;
        long sndcnt;
        if (delta < 0) {
            long dividend = (long) ssthresh * tp.prrDelivered + Math.max(tp.priorCwnd, 1) - 1;
            sndcnt = dividend / Math.max(tp.priorCwnd, 1) - tp.prrOut;
        } else if (unaAdvanced) {
            sndcnt = Math.min(delta, Math.max(tp.prrDelivered - tp.prrOut, newlyDelivered) + 1L);
        } else {
            sndcnt = Math.min(delta, newlyDelivered);
        }
        sndcnt = Math.max(sndcnt, tp.prrOut == 0 ? 1 : 0);
        tp.cw.sndCwnd = (int) Math.max(1, inFlight + sndcnt);
    }

    /** tcp_enter_loss: the timer fired; everything not SACKed is lost and cwnd restarts at one segment. */
    void enterLoss() {
        if (tp.caState.ordinal() <= CaState.DISORDER.ordinal() || tp.sndUna >= tp.highSeq
                || (tp.caState == CaState.LOSS && tp.retransmits == 0)) {
            tp.priorCwnd = tp.cw.sndCwnd;
            tp.cw.sndSsthresh = tp.cc.ssthresh(tp.cw);
            tp.cc.onLoss(tp.cw);
        }
        RtxQueue q = tp.rtxQueue;
        for (int i = 0; i < q.size(); i++) {
            RtxQueue.Seg s = q.get(i);
            if (s.is(RtxQueue.SACKED)) {
                continue;
            }
            if (!s.is(RtxQueue.LOST)) {
                s.sacked |= RtxQueue.LOST;
                tp.lostOut++;
            }
            s.sacked &= ~RtxQueue.RETRANS;
        }
        tp.retransOut = 0;
        if (!tp.sackOk) {
            tp.sackedOut = 0;
        }
        tp.cw.sndCwnd = 1;
        tp.cw.sndCwndCnt = 0;
        tp.highSeq = tp.sndNxt;
        tp.caState = CaState.LOSS;
    }

    /** tcp_is_cwnd_limited: in slow start, while cwnd is under twice the largest flight; else as the last window was. */
    private boolean cwndLimited() {
        if (tp.cw.inSlowStart()) {
            return tp.cw.sndCwnd < 2 * tp.maxPacketsOut;
        }
        return tp.isCwndLimited;
    }

    /** tcp_sndbuf_expand: room for twice the congestion window, up to tcp_wmem[2]. */
    void expandSndbuf() {
        long want = 2L * Math.max(tp.cw.sndCwnd, tp.cfg.reordering() + 1) * Math.max(tp.mssCache, 1);
        tp.sndbuf = (int) Math.min(tp.cfg.wmem()[2], Math.max(tp.sndbuf, want));
    }

    /** tcp_ack_probe: stop probing when the window takes the next segment, else probe again later. */
    private void ackProbe(long now) {
        if (tp.probeDeadline == TcpConnection.NONE) {
            return;
        }
        long unsent = tp.unsent();
        if (unsent == 0 || tp.packetsOut > 0
                || tp.sndNxt + Math.min(unsent, tp.mssCache) <= tp.sndUna + tp.sndWnd) {
            tp.probeDeadline = TcpConnection.NONE;
            tp.backoff = 0;
        } else {
            tp.probeDeadline = now + tp.xmit.probeInterval();
        }
    }
}
