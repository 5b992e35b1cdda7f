package io.netemu.stack.tcp;

/**
 * The retransmission queue and SACK scoreboard (tcp_rtx_queue with TCPCB_SACKED_ACKED, TCPCB_LOST and
 * TCPCB_SACKED_RETRANS): one entry per segment sent and not yet cumulatively acknowledged, in
 * sequence order, so a SACK block finds its segments by binary search. The data stays in the send queue.
 */
final class RtxQueue {
    static final int SACKED = 1;
    static final int LOST = 2;
    static final int RETRANS = 4;

    /** One sent segment: [seq, end) in 64-bit sequence space, SYN/FIN included. */
    static final class Seg {
        long seq;
        long end;
        final boolean syn;
        final boolean fin;
        int sacked;           // SACKED | LOST | RETRANS
        long txNs;            // last (re)transmission
        boolean everRetrans;  // Karn: no RTT sample from it

        Seg(long seq, long end, boolean syn, boolean fin) {
            this.seq = seq;
            this.end = end;
            this.syn = syn;
            this.fin = fin;
        }

        int dataLen() {
            return (int) (end - seq) - (syn ? 1 : 0) - (fin ? 1 : 0);
        }

        boolean is(int flag) {
            return (sacked & flag) != 0;
        }
    }

    private Seg[] ring = new Seg[64];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Seg get(int i) {
        return ring[(head + i) & (ring.length - 1)];
    }

    Seg head() {
        return size == 0 ? null : ring[head];
    }

    Seg tail() {
        return size == 0 ? null : get(size - 1);
    }

    void add(Seg s) {
        if (size == ring.length) {
            Seg[] n = new Seg[ring.length * 2];
            for (int i = 0; i < size; i++) {
                n[i] = get(i);
            }
            ring = n;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = s;
        size++;
    }

    Seg removeHead() {
        Seg s = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        return s;
    }

    /** The index of the first segment whose end is after {@code seq}, or size. */
    int firstEndingAfter(long seq) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid).end <= seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
