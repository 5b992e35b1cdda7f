package io.netemu.stack.netfilter.conntrack;

import io.netemu.packet.wire.TcpPacket;

/**
 * TCP window tracking after Guido van Rooij's "Real Stateful TCP Packet Filtering in IP Filter"
 * as nf_conntrack_proto_tcp.c implements it: tcp_in_window, tcp_init_sender, tcp_options and
 * tcp_sack. Sequence numbers compare modulo 2^32 ({@link #before}, {@link #after}).
 */
final class TcpWindow {
    static final int ACCEPT = 0;
    static final int IGNORE = 1;
    static final int INVALID = 2;
    private static final int MAXACKWINCONST = 66000;

    private TcpWindow() {}

    static boolean before(int a, int b) { return a - b < 0; }
    static boolean after(int a, int b) { return b - a < 0; }

    private static int maxAckWindow(TcpConn.Side sender) {
        return Integer.compareUnsigned(sender.maxwin, MAXACKWINCONST) > 0 ? sender.maxwin : MAXACKWINCONST;
    }

    /** tcp_in_window: whether the segment fits the windows seen so far; updates them if so. */
    static int inWindow(TcpConn t, int dir, int index, TcpPacket th, CtSysctls s) {
        TcpConn.Side sender = t.side(dir);
        TcpConn.Side receiver = t.side(1 - dir);
        int seq = th.seq();
        int ack = th.ack();
        int sack = ack;
        int winRaw = th.window();
        int win = winRaw;
        int end = TcpConn.segEnd(th);
        if ((receiver.flags & TcpConn.SACK_PERM) != 0) {
            sack = sack(th, sack);
        }
        if (sender.maxwin == 0) {
            if (th.syn()) {
                initSender(sender, receiver, th, end, win, dir);
                if (!th.ackFlag()) {
                    return ACCEPT; // simultaneous open
                }
            } else {
                // mid-connection: the history is lost, take what the packet tells
                sender.end = end;
                int swin = win << sender.scale;
                sender.maxwin = swin == 0 ? 1 : swin;
                sender.maxend = end + sender.maxwin;
                if (receiver.maxwin == 0) {
                    receiver.end = receiver.maxend = sack;
                } else if (sack == receiver.end + 1) {
                    receiver.end++; // likely a reply to a keepalive
                }
            }
        } else if (th.syn() && after(end, sender.end) && (t.state == TcpConn.SS || t.state == TcpConn.SR)) {
            initSender(sender, receiver, th, end, win, dir); // a new SYN (RFC 793 reinitialisation)
            if (dir == Conn.REPLY && !th.ackFlag()) {
                return ACCEPT;
            }
        }
        if (!th.ackFlag()) {
            ack = sack = receiver.end;
        } else if (th.rst() && ack == 0) {
            ack = sack = receiver.end; // broken stacks set ACK in RST with a zero ack
        }
        if (th.rst() && seq == 0 && t.state == TcpConn.SS) {
            seq = end = sender.end; // RST answering a SYN
        }
        if (!before(seq, sender.maxend + 1)) {
            int overshot = end - sender.maxend + 1;
            boolean ackOk = after(sack, receiver.end - maxAckWindow(sender) - 1);
            boolean inRecvWin = receiver.maxwin != 0 && after(end, sender.end - receiver.maxwin - 1);
            if (inRecvWin && ackOk && Integer.compareUnsigned(overshot, receiver.maxwin) <= 0
                    && before(sack, receiver.end + 1)) {
                // more than the receive window allows: let the peer's ACK bring us back in step
                sender.end = end;
                sender.flags |= TcpConn.DATA_UNACKNOWLEDGED;
                return invalid(sender, s, IGNORE);
            }
            return invalid(sender, s, INVALID); // SEQ is over upper bound
        }
        if (!before(sack, receiver.end + 1)) {
            return invalid(sender, s, INVALID); // ACK is over upper bound (ACKed data not seen yet)
        }
        if (receiver.maxwin != 0 && !after(end, sender.end - receiver.maxwin - 1)) {
            return invalid(sender, s, IGNORE); // SEQ under lower bound: already ACKed data retransmitted
        }
        if (!after(sack, receiver.end - maxAckWindow(sender) - 1)) {
            return invalid(sender, s, IGNORE); // ACK under lower bound (overly delayed)
        }
        if (!th.syn()) {
            win <<= sender.scale;
        }
        int swin = win + (sack - ack);
        if (Integer.compareUnsigned(sender.maxwin, swin) < 0) {
            sender.maxwin = swin;
        }
        if (after(end, sender.end)) {
            sender.end = end;
            sender.flags |= TcpConn.DATA_UNACKNOWLEDGED;
        }
        if (th.ackFlag()) {
            if ((sender.flags & TcpConn.MAXACK_SET) == 0) {
                sender.maxack = ack;
                sender.flags |= TcpConn.MAXACK_SET;
            } else if (after(ack, sender.maxack)) {
                sender.maxack = ack;
            }
        }
        if (receiver.maxwin != 0 && after(end, sender.maxend)) {
            receiver.maxwin += end - sender.maxend;
        }
        if (after(sack + win, receiver.maxend - 1)) {
            receiver.maxend = sack + win;
            if (win == 0) {
                receiver.maxend++;
            }
        }
        if (ack == receiver.end) {
            receiver.flags &= ~TcpConn.DATA_UNACKNOWLEDGED;
        }
        if (index == TcpConn.ACK_SET) {
            if (t.lastDir == dir && t.lastSeq == seq && t.lastAck == ack && t.lastEnd == end && t.lastWin == winRaw) {
                t.retrans++;
            } else {
                t.lastDir = dir;
                t.lastSeq = seq;
                t.lastAck = ack;
                t.lastEnd = end;
                t.lastWin = winRaw;
                t.retrans = 0;
            }
        }
        return ACCEPT;
    }

    /** nf_tcp_log_invalid without the log: liberal tracking accepts what the window check refused. */
    private static int invalid(TcpConn.Side sender, CtSysctls s, int ret) {
        return (sender.flags & TcpConn.BE_LIBERAL) != 0 || s.tcpLiberal ? ACCEPT : ret;
    }

    /** tcp_init_sender: a SYN or SYN/ACK starts this direction's window. */
    private static void initSender(TcpConn.Side sender, TcpConn.Side receiver, TcpPacket th, int end, int win, int dir) {
        sender.end = end;
        sender.maxend = end;
        sender.maxwin = win == 0 ? 1 : win;
        options(th, sender);
        // RFC 1323: both sides must send the window scale option to scale either way
        if (dir == Conn.REPLY && !((sender.flags & TcpConn.WINDOW_SCALE) != 0
                && (receiver.flags & TcpConn.WINDOW_SCALE) != 0)) {
            sender.scale = 0;
            receiver.scale = 0;
        }
    }

    /** tcp_options: window scale and SACK-permitted of a SYN. */
    static void options(TcpPacket th, TcpConn.Side state) {
        int length = th.headerLen() - TcpPacket.MIN_HEADER_LEN;
        if (length <= 0) {
            return;
        }
        byte[] b = th.buffer();
        int p = th.optionsOffset();
        state.scale = 0;
        state.flags &= TcpConn.BE_LIBERAL;
        while (length > 0) {
            int opcode = b[p++] & 0xff;
            if (opcode == 0) {
                return;
            }
            if (opcode == 1) {
                length--;
                continue;
            }
            if (length < 2) {
                return;
            }
            int opsize = b[p++] & 0xff;
            if (opsize < 2 || opsize > length) {
                return;
            }
            if (opcode == 4 && opsize == 2) {
                state.flags |= TcpConn.SACK_PERM;
            } else if (opcode == 3 && opsize == 3) {
                state.scale = Math.min(b[p] & 0xff, 14);
                state.flags |= TcpConn.WINDOW_SCALE;
            }
            p += opsize - 2;
            length -= opsize;
        }
    }

    /** tcp_sack: the highest right edge of the SACK blocks, if beyond {@code sack}. */
    private static int sack(TcpPacket th, int sack) {
        int length = th.headerLen() - TcpPacket.MIN_HEADER_LEN;
        byte[] b = th.buffer();
        int p = th.optionsOffset();
        while (length > 0) {
            int opcode = b[p++] & 0xff;
            if (opcode == 0) {
                return sack;
            }
            if (opcode == 1) {
                length--;
                continue;
            }
            if (length < 2) {
                return sack;
            }
            int opsize = b[p++] & 0xff;
            if (opsize < 2 || opsize > length) {
                return sack;
            }
            if (opcode == 5 && opsize >= 10 && (opsize - 2) % 8 == 0) {
                for (int i = 0; i < opsize - 2; i += 8) {
                    int right = ((b[p + i + 4] & 0xff) << 24) | ((b[p + i + 5] & 0xff) << 16)
                            | ((b[p + i + 6] & 0xff) << 8) | (b[p + i + 7] & 0xff);
                    if (after(right, sack)) {
                        sack = right;
                    }
                }
                return sack;
            }
            p += opsize - 2;
            length -= opsize;
        }
        return sack;
    }
}
