package io.netemu.packet.wire;

import io.netemu.packet.SkBuff;

/** A view over a TCP header (RFC 9293 §3.1; ECE/CWR per RFC 3168 §6.1), checksummed with the IPv4 pseudo header. */
public final class TcpPacket {
    /*
     * RFC 9293 §3.1, TCP Header Format:
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |          Source Port          |       Destination Port        |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                        Sequence Number                        |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                    Acknowledgment Number                      |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |  Data |       |C|E|U|A|P|R|S|F|                               |
     * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
     * |       |       |R|E|G|K|H|T|N|N|                               |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |           Checksum            |         Urgent Pointer        |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                           [Options]                           |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     */
    /** Field offsets from the start of the header. */
    public static final class Field {
        public static final int SRC_PORT = 0;
        public static final int DST_PORT = 2;
        public static final int SEQ = 4;
        public static final int ACK = 8;
        public static final int DATA_OFF = 12;
        public static final int FLAGS = 13;
        public static final int WINDOW = 14;
        public static final int CHECKSUM = 16;
        public static final int URGENT = 18;
        public static final int OPTIONS = 20;

        private Field() {}
    }

    public static final int MIN_HEADER_LEN = 20;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private final byte[] buf;
    private final int off;
    private final int len;

    private TcpPacket(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    /** A view over {@code len} bytes: the whole segment, as the checksum covers all of it. */
    public static TcpPacket of(byte[] buf, int off, int len) {
        return new TcpPacket(buf, off, len);
    }

    public static TcpPacket of(SkBuff skb) {
        return new TcpPacket(skb.array(), skb.dataOffset(), skb.len());
    }

    /** The fixed header fits, data offset is at least 5 words, and the options fit (as tcp_v4_rcv). */
    public void checkLen() throws WireException {
        if (len < MIN_HEADER_LEN) {
            throw Bytes.truncated("TCP header", MIN_HEADER_LEN, len);
        }
        if (headerLen() < MIN_HEADER_LEN) {
            throw new WireException(WireError.MALFORMED, "TCP data offset " + (headerLen() / 4) + " below 5");
        }
        if (headerLen() > len) {
            throw Bytes.truncated("TCP header with options", headerLen(), len);
        }
    }

    public byte[] buffer() { return buf; }
    public int offset() { return off; }
    public int len() { return len; }
    /** The data offset in bytes. */
    public int headerLen() { return (Bytes.u8(buf, off + Field.DATA_OFF) >>> 4) * 4; }
    public int optionsOffset() { return off + Field.OPTIONS; }
    public int optionsLen() { return headerLen() - MIN_HEADER_LEN; }
    public int payloadOffset() { return off + headerLen(); }
    public int payloadLen() { return len - headerLen(); }

    public int srcPort() { return Bytes.u16(buf, off + Field.SRC_PORT); }
    public int dstPort() { return Bytes.u16(buf, off + Field.DST_PORT); }
    /** Sequence number; compare with modular arithmetic ({@code a - b < 0}). */
    public int seq() { return Bytes.i32(buf, off + Field.SEQ); }
    public int ack() { return Bytes.i32(buf, off + Field.ACK); }
    /** The eight flag bits CWR..FIN; test with {@link #SYN} and friends. */
    public int flags() { return Bytes.u8(buf, off + Field.FLAGS); }
    public boolean fin() { return (flags() & FIN) != 0; }
    public boolean syn() { return (flags() & SYN) != 0; }
    public boolean rst() { return (flags() & RST) != 0; }
    public boolean psh() { return (flags() & PSH) != 0; }
    public boolean ackFlag() { return (flags() & ACK) != 0; }
    public boolean urg() { return (flags() & URG) != 0; }
    public int window() { return Bytes.u16(buf, off + Field.WINDOW); }
    public int checksum() { return Bytes.u16(buf, off + Field.CHECKSUM); }
    public int urgentPointer() { return Bytes.u16(buf, off + Field.URGENT); }

    public void setSrcPort(int v) { Bytes.put16(buf, off + Field.SRC_PORT, v); }
    public void setDstPort(int v) { Bytes.put16(buf, off + Field.DST_PORT, v); }
    public void setSeq(int v) { Bytes.put32(buf, off + Field.SEQ, v); }
    public void setAck(int v) { Bytes.put32(buf, off + Field.ACK, v); }
    /** Sets the data offset from a byte length (a multiple of 4), keeping the reserved bits. */
    public void setHeaderLen(int bytes) {
        int i = off + Field.DATA_OFF;
        buf[i] = (byte) (((bytes >>> 2) << 4) | (buf[i] & 0x0f));
    }
    public void setFlags(int v) { Bytes.put8(buf, off + Field.FLAGS, v); }
    public void setWindow(int v) { Bytes.put16(buf, off + Field.WINDOW, v); }
    public void setChecksum(int v) { Bytes.put16(buf, off + Field.CHECKSUM, v); }
    public void setUrgentPointer(int v) { Bytes.put16(buf, off + Field.URGENT, v); }

    /** The checksum over all {@link #len()} bytes and the pseudo header verifies. */
    public boolean verifyChecksum(int srcAddr, int dstAddr) {
        int pseudo = Checksum.pseudoHeader(srcAddr, dstAddr, IpProtocol.TCP.value(), len);
        return Checksum.fold(Checksum.sum(buf, off, len, pseudo)) == 0;
    }

    /** Computes and stores the checksum over all {@link #len()} bytes: write the payload first. */
    public void fillChecksum(int srcAddr, int dstAddr) {
        setChecksum(0);
        int pseudo = Checksum.pseudoHeader(srcAddr, dstAddr, IpProtocol.TCP.value(), len);
        setChecksum(Checksum.fold(Checksum.sum(buf, off, len, pseudo)));
    }

    @Override
    public String toString() {
        return "TcpPacket[" + srcPort() + " > " + dstPort() + ", flags 0x" + Integer.toHexString(flags())
                + ", seq " + Integer.toUnsignedString(seq()) + ", ack " + Integer.toUnsignedString(ack())
                + ", len " + payloadLen() + "]";
    }
}
