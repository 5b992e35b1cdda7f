package io.netemu.stack.tcp;

/**
 * The connection's timers (tcp_timer.c): retransmission (RFC 6298 §5, with tcp_retries2 / tcp_syn_retries
 * as the give-up), the persist timer's window probes (RFC 9293 §3.8.6.1), the delayed ACK, and the
 * TIME-WAIT / orphaned FIN-WAIT-2 lifetime. Deadlines live in the connection; {@link #run} fires the due ones.
 */
final class TcpTimers {
    private final TcpConnection tp;

    TcpTimers(TcpConnection tp) {
        this.tp = tp;
    }

    void run(long now) {
        if (tp.twDeadline <= now) {
            tp.twDeadline = TcpConnection.NONE;
            if (tp.state == TcpState.TIME_WAIT || tp.state == TcpState.FIN_WAIT2) {
                if (tp.state == TcpState.TIME_WAIT) {
                    tp.mib.inc(TcpMibField.TW);
                }
                tp.done(null);
                return;
            }
        }
        if (tp.delackDeadline <= now) {
            tp.delackDeadline = TcpConnection.NONE;
            if (tp.ackPending) {
                tp.mib.inc(TcpMibField.DelayedACKs);
                tp.xmit.sendAck(now);
            }
        }
        if (tp.probeDeadline <= now) {
            tp.probeDeadline = TcpConnection.NONE;
            probe(now);
        }
        if (tp.rtoDeadline <= now) {
            tp.rtoDeadline = TcpConnection.NONE;
            retransmit(now);
        }
    }

    /** tcp_retransmit_timer. */
    private void retransmit(long now) {
        if (tp.packetsOut == 0 || tp.state == TcpState.CLOSE) {
            return;
        }
        int limit = switch (tp.state) {
            case SYN_SENT -> tp.cfg.synRetries();
            case SYN_RECV -> tp.cfg.synackRetries();
            default -> tp.cfg.retries2();
        };
        if (tp.retransmits >= limit) {
            if (tp.state == TcpState.SYN_SENT) {
                tp.mib.inc(TcpMibField.AttemptFails);
            } else {
                tp.mib.inc(TcpMibField.TCPAbortOnTimeout);
            }
            tp.done(tp.softError != null ? tp.softError : TcpEvent.TIMED_OUT);
            return;
        }
        tp.mib.inc(TcpMibField.TCPTimeouts);
        tp.ack.enterLoss();
        RtxQueue.Seg head = tp.rtxQueue.head();
        if (head.syn) {
            tp.xmit.retransmit(head, now);
        } else {
            tp.xmit.retransmitQueue(now);
        }
        tp.retransmits++;
        tp.backoff++;
        tp.rtt.backoff();
        tp.rtoDeadline = now + tp.rtt.rtoUs * 1000L;
    }

    /** tcp_probe_timer: nothing in flight and the peer's window shut; give up after tcp_retries2 unanswered probes. */
    private void probe(long now) {
        if (tp.packetsOut > 0 || tp.unsent() == 0 || !tp.state.synchronizedState()) {
            tp.probesOut = 0;
            return;
        }
        if (tp.probesOut >= tp.cfg.retries2()) {
            tp.mib.inc(TcpMibField.TCPAbortOnTimeout);
            tp.done(tp.softError != null ? tp.softError : TcpEvent.TIMED_OUT);
            return;
        }
        tp.xmit.sendWindowFill(now);
        if (tp.packetsOut == 0) {
            tp.probesOut++;
            tp.backoff++;
            tp.probeDeadline = now + tp.xmit.probeInterval();
        } else {
            tp.probesOut = 0;
            tp.backoff = 0;
        }
    }
}
