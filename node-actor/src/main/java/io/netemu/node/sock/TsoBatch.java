package io.netemu.node.sock;

import io.netemu.node.ns.NamespaceActor;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.stack.sock.TcpRcv;
import io.netemu.stack.tcp.TcpSegment;
import java.util.ArrayList;
import java.util.List;

/**
 * TSO/GSO on the sending side (tcp_write_xmit building skbs of several MSS): the engine emits one
 * segment per MSS and accounts cwnd, pacing and the retransmission queue per real segment; here the
 * consecutive full segments one message emits are put back into one super-segment, as Linux's TCP
 * hands the IP layer one GSO skb. Linux's TCP always builds GSO skbs ("TCP always uses GSO" since
 * 4.19: sk_setup_caps adds NETIF_F_GSO), so this does not depend on the device's features; the
 * device segments where it has no TSO (validate_xmit_skb).
 *
 * <p>A run continues while each segment follows the last exactly (same addresses, ports, ACK,
 * window and options, the next sequence number), every earlier one is a full {@code gsoSize}
 * segment with only ACK set, and the new one has at most PSH and FIN besides ACK; so segmenting
 * the result (FIN/PSH on the last only) gives back the engine's bytes. A run stops below
 * sk_gso_max_size less MAX_TCP_HEADER (65,536 - 1 - 320 bytes of payload: 45 segments of 1,448).
 */
final class TsoBatch {
    static final int MAX_PAYLOAD = 65536 - 1 - 320;
    private static final int TAIL_FLAGS = TcpPacket.ACK | TcpPacket.PSH | TcpPacket.FIN;

    private final List<TcpSegment> run = new ArrayList<>(48);
    private int src;
    private int dst;
    private int payload;

    /** Adds {@code seg}; a segment that cannot continue the run first closes it into {@code out}. */
    void add(int src, int dst, TcpSegment seg, List<NamespaceActor.SockWire> out) {
        if (!run.isEmpty() && !continues(src, dst, seg)) {
            close(out);
        }
        if (run.isEmpty()) {
            this.src = src;
            this.dst = dst;
            payload = 0;
        }
        run.add(seg);
        payload += seg.dataLen();
    }

    private boolean continues(int s, int d, TcpSegment seg) {
        TcpSegment first = run.get(0);
        TcpSegment last = run.get(run.size() - 1);
        int mss = first.dataLen();
        return s == src && d == dst && seg.srcPort() == first.srcPort() && seg.dstPort() == first.dstPort()
                && last.flags() == TcpPacket.ACK && last.dataLen() == mss && mss > 0
                && (seg.flags() & ~TAIL_FLAGS) == 0 && seg.hasAck()
                && seg.dataLen() > 0 && seg.dataLen() <= mss && payload + seg.dataLen() <= MAX_PAYLOAD
                && seg.seq() == last.seq() + mss && seg.ack() == first.ack() && seg.window() == first.window()
                && seg.options().equals(first.options());
    }

    /** Writes the run as one wire: the segment itself, or a super-segment with the last one's PSH/FIN. */
    void close(List<NamespaceActor.SockWire> out) {
        if (run.isEmpty()) {
            return;
        }
        TcpSegment first = run.get(0);
        if (run.size() == 1) {
            out.add(wire(src, dst, first, 0, 0));
        } else {
            byte[] data = new byte[payload];
            int pos = 0;
            for (TcpSegment s : run) {
                System.arraycopy(s.payload(), 0, data, pos, s.dataLen());
                pos += s.dataLen();
            }
            int flags = first.flags() | run.get(run.size() - 1).flags();
            TcpSegment big = new TcpSegment(first.srcPort(), first.dstPort(), first.seq(), first.ack(), flags,
                    first.window(), first.options(), data);
            out.add(wire(src, dst, big, first.dataLen(), run.size()));
        }
        run.clear();
    }

    static NamespaceActor.SockWire wire(int src, int dst, TcpSegment seg, int gsoSize, int gsoSegs) {
        byte[] buf = new byte[TcpRcv.HEADROOM + seg.bufferLen()];
        seg.emit(buf, TcpRcv.HEADROOM, src, dst);
        return new NamespaceActor.SockWire(src, dst, buf, gsoSize, gsoSegs);
    }
}
