package io.netemu.stack.tcp;

import io.netemu.packet.wire.Checksum;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.TcpOptions;
import io.netemu.packet.wire.TcpPacket;
import io.netemu.packet.wire.WireException;
import java.util.Arrays;

/**
 * One TCP segment as a value (RFC 9293 §3.1): what the engine consumes and produces. The window is the
 * raw 16-bit field (scaled by the receiver of it), sequence numbers are the 32-bit wire values, and the
 * payload is owned by the segment (never written after construction).
 */
public record TcpSegment(int srcPort, int dstPort, int seq, int ack, int flags, int window, TcpOptions options,
                         byte[] payload) {
    public static final byte[] NO_DATA = new byte[0];

    /** The outcome of {@link #parse}: a segment, or the reason it was dropped. */
    public record Parsed(TcpSegment segment, TcpDrop drop) {
        public boolean ok() {
            return segment != null;
        }
    }

    public boolean syn() { return (flags & TcpPacket.SYN) != 0; }
    public boolean fin() { return (flags & TcpPacket.FIN) != 0; }
    public boolean rst() { return (flags & TcpPacket.RST) != 0; }
    public boolean hasAck() { return (flags & TcpPacket.ACK) != 0; }
    public int dataLen() { return payload.length; }

    /** Sequence space used: the payload, plus one each for SYN and FIN. */
    public int seqLen() {
        return payload.length + (syn() ? 1 : 0) + (fin() ? 1 : 0);
    }

    public int headerLen() {
        return TcpPacket.MIN_HEADER_LEN + options.bufferLen();
    }

    public int bufferLen() {
        return headerLen() + payload.length;
    }

    /** Parses a whole segment (header, options, payload) and verifies its checksum; never throws. */
    public static Parsed parse(byte[] b, int off, int len, int srcAddr, int dstAddr) {
        TcpPacket p = TcpPacket.of(b, off, len);
        try {
            p.checkLen();
        } catch (WireException e) {
            return new Parsed(null, len < TcpPacket.MIN_HEADER_LEN || p.headerLen() > len
                    ? TcpDrop.PKT_TOO_SMALL : TcpDrop.TCP_HDR_MALFORMED);
        }
        if (!p.verifyChecksum(srcAddr, dstAddr)) {
            return new Parsed(null, TcpDrop.TCP_CSUM);
        }
        byte[] data = Arrays.copyOfRange(b, p.payloadOffset(), off + len);
        return new Parsed(new TcpSegment(p.srcPort(), p.dstPort(), p.seq(), p.ack(), p.flags(), p.window(),
                TcpOptions.parse(p), data), null);
    }

    /** Writes header, options and payload at {@code off} and fills the checksum; returns the length. */
    public int emit(byte[] b, int off, int srcAddr, int dstAddr) {
        int hl = headerLen();
        TcpPacket p = TcpPacket.of(b, off, hl + payload.length);
        p.setSrcPort(srcPort);
        p.setDstPort(dstPort);
        p.setSeq(seq);
        p.setAck(ack);
        b[off + TcpPacket.Field.DATA_OFF] = 0; // reserved bits zero
        p.setHeaderLen(hl);
        p.setFlags(flags);
        p.setWindow(window);
        p.setUrgentPointer(0);
        options.emit(b, p.optionsOffset());
        System.arraycopy(payload, 0, b, off + hl, payload.length);
        p.fillChecksum(srcAddr, dstAddr);
        return hl + payload.length;
    }

    /** The segment's bytes with its checksum for these addresses. */
    public byte[] toBytes(int srcAddr, int dstAddr) {
        byte[] b = new byte[bufferLen()];
        emit(b, 0, srcAddr, dstAddr);
        return b;
    }

    /** Whether the pseudo-header sum is what {@link Checksum} expects (for tests of foreign bytes). */
    static boolean verify(byte[] b, int srcAddr, int dstAddr) {
        int pseudo = Checksum.pseudoHeader(srcAddr, dstAddr, IpProtocol.TCP.value(), b.length);
        return Checksum.fold(Checksum.sum(b, 0, b.length, pseudo)) == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpSegment s && srcPort == s.srcPort && dstPort == s.dstPort && seq == s.seq
                && ack == s.ack && flags == s.flags && window == s.window && options.equals(s.options)
                && Arrays.equals(payload, s.payload);
    }

    @Override
    public int hashCode() {
        return ((srcPort * 31 + dstPort) * 31 + seq) * 31 + Arrays.hashCode(payload);
    }

    /** Roughly as tcpdump prints it: {@code 5001 > 55924 [S.] seq 190462310 ack 2596648253 win 43608 len 0}. */
    @Override
    public String toString() {
        StringBuilder f = new StringBuilder();
        if (syn()) f.append('S');
        if (fin()) f.append('F');
        if (rst()) f.append('R');
        if ((flags & TcpPacket.PSH) != 0) f.append('P');
        if (hasAck()) f.append('.');
        return srcPort + " > " + dstPort + " [" + f + "] seq " + Integer.toUnsignedString(seq)
                + (hasAck() ? " ack " + Integer.toUnsignedString(ack) : "") + " win " + window
                + " len " + payload.length + (options.sack().isEmpty() ? "" : " sack " + options.sack());
    }
}
