package io.netemu.stack.netfilter.conntrack;

import io.netemu.packet.wire.TcpPacket;

/**
 * TCP tracking of one connection (struct ip_ct_tcp): the state machine and window checks of
 * net/netfilter/nf_conntrack_proto_tcp.c — tcp_error, tcp_new, the tcp_conntracks table and
 * nf_conntrack_tcp_packet; {@link TcpWindow} holds tcp_in_window. No NAT sequence adjustment
 * (no helpers) and no SYN proxy.
 */
final class TcpConn {
    static final int NO = 0, SS = 1, SR = 2, ES = 3, FW = 4, CW = 5, LA = 6, TW = 7, CL = 8, S2 = 9, IV = 10, IG = 11;
    static final int SYN_SET = 0, SYNACK_SET = 1, FIN_SET = 2, ACK_SET = 3, RST_SET = 4, NONE_SET = 5;
    /** IP_CT_TCP_FLAG_* and the last_flags extras. */
    static final int WINDOW_SCALE = 0x01, SACK_PERM = 0x02, CLOSE_INIT = 0x04, BE_LIBERAL = 0x08,
            DATA_UNACKNOWLEDGED = 0x10, MAXACK_SET = 0x20, EXP_CHALLENGE_ACK = 0x40, SIMULTANEOUS_OPEN = 0x80;

    /** tcp_conntracks[dir][index][old state]. */
    private static final int[][][] TABLE = {
        { // ORIGINAL
            {SS, SS, IG, IG, IG, IG, IG, SS, SS, S2}, // syn
            {IV, IV, SR, IV, IV, IV, IV, IV, IV, SR}, // synack
            {IV, IV, FW, FW, LA, LA, LA, TW, CL, IV}, // fin
            {ES, IV, ES, ES, CW, CW, TW, TW, CL, IV}, // ack
            {IV, CL, CL, CL, CL, CL, CL, CL, CL, CL}, // rst
            {IV, IV, IV, IV, IV, IV, IV, IV, IV, IV}, // none
        },
        { // REPLY
            {IV, S2, IV, IV, IV, IV, IV, SS, IV, S2}, // syn
            {IV, SR, IG, IG, IG, IG, IG, IG, IG, SR}, // synack
            {IV, IV, FW, FW, LA, LA, LA, TW, CL, IV}, // fin
            {IV, IG, SR, ES, CW, CW, TW, TW, CL, IG}, // ack
            {IV, CL, CL, CL, CL, CL, CL, CL, CL, CL}, // rst
            {IV, IV, IV, IV, IV, IV, IV, IV, IV, IV}, // none
        },
    };

    /** One direction's window data (struct ip_ct_tcp_state). */
    static final class Side {
        int end;
        int maxend;
        int maxwin;
        int maxack;
        int scale;
        int flags;

        void reset() {
            end = maxend = maxwin = maxack = scale = 0;
            flags &= BE_LIBERAL;
        }
    }

    final Side orig = new Side();
    final Side reply = new Side();
    int state;
    int lastDir;
    int lastIndex = NONE_SET;
    int lastSeq;
    int lastAck;
    int lastEnd;
    int lastWin;
    int lastWscale;
    int lastFlags;
    int retrans;

    Side side(int dir) { return dir == Conn.ORIGINAL ? orig : reply; }

    static int index(TcpPacket th) {
        if (th.rst()) {
            return RST_SET;
        } else if (th.syn()) {
            return th.ackFlag() ? SYNACK_SET : SYN_SET;
        } else if (th.fin()) {
            return FIN_SET;
        }
        return th.ackFlag() ? ACK_SET : NONE_SET;
    }

    /** segment_seq_plus_len: the sequence number after this segment. */
    static int segEnd(TcpPacket th) {
        return th.seq() + th.payloadLen() + (th.syn() ? 1 : 0) + (th.fin() ? 1 : 0);
    }

    /** tcp_valid_flags, indexed by FIN|SYN|RST|ACK|URG (PSH, ECE and CWR are always valid). */
    static boolean validFlags(int flags) {
        return switch (flags & 0x37) {
            case 0x02, 0x22, 0x12, 0x04, 0x14, 0x11, 0x31, 0x10, 0x30 -> true;
            default -> false;
        };
    }

    /** tcp_new: the first packet may open a connection (SYN), or be picked up mid-stream with tcp_loose. */
    static TcpConn open(TcpPacket th, CtSysctls s) {
        int nw = TABLE[0][index(th)][NO];
        if (nw >= IV || (nw != SS && !s.tcpLoose)) {
            return null;
        }
        TcpConn t = new TcpConn();
        t.orig.end = segEnd(th);
        t.orig.maxwin = th.window() == 0 ? 1 : th.window();
        if (nw == SS) {
            t.orig.maxend = t.orig.end;
            TcpWindow.options(th, t.orig);
        } else {
            t.orig.maxend = t.orig.end + t.orig.maxwin;
            t.orig.flags = t.reply.flags = SACK_PERM | BE_LIBERAL;
        }
        return t;
    }

    /**
     * nf_conntrack_tcp_packet for a packet in {@code dir} whose header checks passed: moves the
     * state, checks the window and refreshes the timeout. Returns a {@code Conntrack.V_*} verdict.
     */
    int packet(Conn ct, int dir, TcpPacket th, int ipLen, CtSysctls s, long now) {
        int old = state;
        int index = index(th);
        int nw = TABLE[dir][index][old];
        boolean ignore = nw == IG;
        if (nw == SS && old >= TW) {
            if (((orig.flags | reply.flags) & CLOSE_INIT) != 0 || (lastDir == dir && lastIndex == RST_SET)) {
                return Conntrack.V_REPEAT; // reopening a closed or aborted connection: start afresh
            }
            ignore = true;
        }
        boolean skipWindow = false;
        if (ignore) {
            if (index == SYNACK_SET && lastIndex == SYN_SET && lastDir != dir && th.ack() == lastEnd) {
                // the SYN/ACK answers a SYN we ignored: both ends are in sync, resync from it
                old = SS;
                nw = SR;
                Side ls = side(lastDir);
                ls.end = lastEnd;
                ls.maxend = lastEnd;
                ls.maxwin = lastWin == 0 ? 1 : lastWin;
                ls.scale = lastWscale;
                lastFlags &= ~EXP_CHALLENGE_ACK;
                ls.flags = lastFlags;
                side(dir).reset();
            } else {
                noteIgnored(th, dir, index, old);
                return Conntrack.V_ACCEPT;
            }
        } else if (nw == IV) {
            return Conntrack.V_INVALID;
        } else if (nw == TW) {
            if (old == LA && index == ACK_SET && lastDir != dir && lastIndex == SYN_SET
                    && (lastFlags & EXP_CHALLENGE_ACK) != 0) {
                lastFlags &= ~EXP_CHALLENGE_ACK; // an RFC 5961 challenge ACK, not the last ACK
                return Conntrack.V_ACCEPT;
            }
        } else if (nw == S2) {
            lastFlags |= SIMULTANEOUS_OPEN;
        } else if (nw == SR) {
            if (dir == Conn.REPLY && index == ACK_SET && (lastFlags & SIMULTANEOUS_OPEN) != 0) {
                nw = ES;
            }
        } else if (nw == CL && index == RST_SET) {
            int r = rstWhileClosing(ct, dir, th, old, s);
            if (r < 0) {
                return Conntrack.V_INVALID;
            }
            skipWindow = r == 1;
            if (r == 2) {
                nw = old;
            }
        }
        if (!skipWindow) {
            int res = TcpWindow.inWindow(this, dir, index, th, s);
            if (res == TcpWindow.IGNORE) {
                return Conntrack.V_ACCEPT;
            }
            if (res == TcpWindow.INVALID) {
                handleInvalid(ct, dir, index, s, now);
                return Conntrack.V_INVALID;
            }
        }
        lastIndex = index;
        lastDir = dir;
        state = nw;
        if (old != nw && nw == FW) {
            side(dir).flags |= CLOSE_INIT;
        }
        long[] to = s.tcp;
        long timeout;
        if (retrans >= s.tcpMaxRetrans && to[nw] > to[CtSysctls.RETRANS]) {
            timeout = to[CtSysctls.RETRANS];
        } else if (index == RST_SET) {
            timeout = to[CL];
        } else if (((orig.flags | reply.flags) & DATA_UNACKNOWLEDGED) != 0 && to[nw] > to[CtSysctls.UNACK]) {
            timeout = to[CtSysctls.UNACK];
        } else if (lastWin == 0 && to[nw] > to[CtSysctls.RETRANS]) {
            timeout = to[CtSysctls.RETRANS];
        } else {
            timeout = to[nw];
        }
        if (!ct.has(Conn.SEEN_REPLY)) {
            if (th.rst()) {
                // the only answer was a RST: no connection, delete the entry at once
                ct.owner.killAcct(ct, dir, ipLen);
                return Conntrack.V_ACCEPT;
            }
            if (index == SYN_SET && old == SS) {
                return Conntrack.V_ACCEPT; // a retransmitted SYN does not renew the timeout
            }
            if (nw == ES && timeout > to[CtSysctls.UNACK]) {
                timeout = to[CtSysctls.UNACK]; // picked up mid-stream, not yet answered
            }
        } else if (!ct.has(Conn.ASSURED) && (old == SR || old == ES) && nw == ES) {
            ct.status |= Conn.ASSURED;
        }
        ct.owner.refresh(ct, dir, ipLen, timeout, now);
        return Conntrack.V_ACCEPT;
    }

    /** The TCP_CONNTRACK_IGNORE case: remember the packet, it may resynchronise us later. */
    private void noteIgnored(TcpPacket th, int dir, int index, int old) {
        lastIndex = index;
        lastDir = dir;
        lastSeq = th.seq();
        lastEnd = segEnd(th);
        lastWin = th.window();
        if (index == SYN_SET && dir == Conn.ORIGINAL) {
            Side seen = new Side();
            lastFlags = 0;
            lastWscale = 0;
            TcpWindow.options(th, seen);
            if ((seen.flags & WINDOW_SCALE) != 0) {
                lastFlags |= WINDOW_SCALE;
                lastWscale = seen.scale;
            }
            if ((seen.flags & SACK_PERM) != 0) {
                lastFlags |= SACK_PERM;
            }
            if (old == LA) {
                lastFlags |= EXP_CHALLENGE_ACK; // a challenge ACK may follow: not the last ACK
            }
        }
        if (old == SS && index == ACK_SET && dir == Conn.REPLY) {
            lastAck = th.ack(); // possible challenge ACK answering the SYN
        }
    }

    /**
     * The TCP_CONNTRACK_CLOSE case for a RST: -1 invalid, 0 check the window, 1 accept without
     * window checks (it answers something we let through), 2 check the window but keep the state.
     */
    private int rstWhileClosing(Conn ct, int dir, TcpPacket th, int old, CtSysctls s) {
        if (old == FW || old == LA || old == TW || old == CL || old == CW) {
            return 1; // tcp_can_early_drop: closing anyway, the tuple may already be reused
        }
        Side other = side(1 - dir);
        boolean established = old == ES && ct.has(Conn.ASSURED);
        if ((other.flags & MAXACK_SET) != 0 && lastIndex != SYN_SET) {
            int seq = th.seq();
            if (seq == 0 && !established) {
                return 0;
            }
            if (TcpWindow.before(seq, other.maxack) && !s.tcpIgnoreInvalidRst) {
                return -1;
            }
            if (!established || seq == other.maxack) {
                return 0;
            }
            if (lastIndex == ACK_SET && lastDir == dir && seq == lastEnd) {
                return 0;
            }
            return 2; // sequence not exact: stay established for a possible challenge ACK
        }
        if (((ct.has(Conn.SEEN_REPLY) && lastIndex == SYN_SET) || (!ct.has(Conn.ASSURED) && lastIndex == ACK_SET))
                && th.ack() == lastEnd) {
            return 1;
        }
        if (old == SS && lastIndex == ACK_SET && lastDir == Conn.REPLY && th.seq() == lastAck) {
            return 1;
        }
        return 0;
    }

    /** nf_tcp_handle_invalid: an out-of-window FIN or RST answering one shortens an assured entry's life. */
    private void handleInvalid(Conn ct, int dir, int index, CtSysctls s, long now) {
        if (!ct.has(Conn.ASSURED) || ct.has(Conn.FIXED_TIMEOUT) || (index != RST_SET && index != FIN_SET)) {
            return;
        }
        if (lastDir != dir && (lastIndex == FIN_SET || lastIndex == RST_SET)) {
            long expires = ct.deadline - now;
            long unack = s.tcp[CtSysctls.UNACK];
            if (expires >= 120_000_000_000L && expires > unack) {
                ct.deadline = now + unack;
            }
        } else {
            lastIndex = index;
            lastDir = dir;
        }
    }
}
