package io.netemu.stack.tcp;

import io.netemu.packet.wire.TcpPacket;

/**
 * The new data one {@code tcp_write_xmit} pass sends, gathered into TSO skbs: Linux builds skbs of
 * several MSS (tcp_tso_autosize, tso_segs) and hands each to IP whole, while cwnd, the window and
 * the retransmission queue still count segments. Here each MSS segment is still queued and
 * counted on its own ({@link RtxQueue}, packets_out, TcpOutSegs); only its bytes join a run, which
 * leaves as one super-segment (one copy from the send queue, one header) through
 * {@link TcpOutput#emitGso}.
 *
 * <p>A run takes consecutive segments while every earlier one is a full MSS with only ACK; the
 * segment that carries PSH or FIN, or is short, ends it, as does sk_gso_max_size less
 * MAX_TCP_HEADER (65,536 - 1 - 320 bytes of payload: 45 segments of 1,448 bytes).
 */
final class TcpXmitBurst {
    static final int MAX_PAYLOAD = 65536 - 1 - 320;

    private long start;
    private long end;
    private int mss;
    private int segs;
    private int flags;
    private boolean closed;

    boolean isEmpty() {
        return segs == 0;
    }

    /** Whether a data segment of {@code len} bytes at {@code seq} may join the run. */
    boolean takes(long seq, int len) {
        return segs > 0 && !closed && seq == end && len <= mss && end - start + len <= MAX_PAYLOAD;
    }

    /** Adds a segment (the run must be empty or {@link #takes} it); {@code flags} its TCP flags. */
    void add(long seq, int len, int flags, int mssNow) {
        if (segs == 0) {
            start = seq;
            end = seq;
            mss = mssNow;
        }
        end += len;
        segs++;
        this.flags = flags;
        closed = len < mss || (flags & (TcpPacket.PSH | TcpPacket.FIN)) != 0;
    }

    long start() { return start; }
    int bytes() { return (int) (end - start); }
    int mss() { return mss; }
    int segs() { return segs; }
    /** The last segment's flags: PSH and FIN belong to the end of the run. */
    int flags() { return flags; }

    void clear() {
        segs = 0;
        closed = false;
    }
}
