package io.netemu.packet.wire;

import io.netemu.packet.SkBuff;

/** A view over a UDP header (RFC 768), checksummed with the IPv4 pseudo header; never validates until {@link #checkLen}. */
public final class UdpPacket {
    /*
     * RFC 768, User Datagram Header Format:
     *  0      7 8     15 16    23 24    31
     * +--------+--------+--------+--------+
     * |     Source      |   Destination   |
     * |      Port       |      Port       |
     * +--------+--------+--------+--------+
     * |     Length      |    Checksum     |
     * +--------+--------+--------+--------+
     * |          data octets ...
     * +---------------- ...
     */
    /** Field offsets from the start of the header. */
    public static final class Field {
        public static final int SRC_PORT = 0;
        public static final int DST_PORT = 2;
        public static final int LENGTH = 4;
        public static final int CHECKSUM = 6;
        public static final int PAYLOAD = 8;

        private Field() {}
    }

    public static final int HEADER_LEN = 8;

    private final byte[] buf;
    private final int off;
    private final int len;

    private UdpPacket(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    public static UdpPacket of(byte[] buf, int off, int len) {
        return new UdpPacket(buf, off, len);
    }

    public static UdpPacket of(SkBuff skb) {
        return new UdpPacket(skb.array(), skb.dataOffset(), skb.len());
    }

    /** The header fits, the length field is at least 8 and fits in the buffer (as __udp4_lib_rcv). */
    public void checkLen() throws WireException {
        if (len < HEADER_LEN) {
            throw Bytes.truncated("UDP header", HEADER_LEN, len);
        }
        if (length() < HEADER_LEN) {
            throw new WireException(WireError.MALFORMED, "UDP length " + length() + " below 8");
        }
        if (length() > len) {
            throw Bytes.truncated("UDP datagram", length(), len);
        }
    }

    public byte[] buffer() { return buf; }
    public int offset() { return off; }
    public int len() { return len; }
    public int headerLen() { return HEADER_LEN; }
    public int payloadOffset() { return off + HEADER_LEN; }
    /** The length field less the header: bytes past the length field are ignored. */
    public int payloadLen() { return length() - HEADER_LEN; }

    public int srcPort() { return Bytes.u16(buf, off + Field.SRC_PORT); }
    public int dstPort() { return Bytes.u16(buf, off + Field.DST_PORT); }
    public int length() { return Bytes.u16(buf, off + Field.LENGTH); }
    public int checksum() { return Bytes.u16(buf, off + Field.CHECKSUM); }

    public void setSrcPort(int v) { Bytes.put16(buf, off + Field.SRC_PORT, v); }
    public void setDstPort(int v) { Bytes.put16(buf, off + Field.DST_PORT, v); }
    public void setLength(int v) { Bytes.put16(buf, off + Field.LENGTH, v); }
    public void setChecksum(int v) { Bytes.put16(buf, off + Field.CHECKSUM, v); }

    /** True if the checksum is zero (none sent) or verifies over {@link #length()} bytes and the pseudo header. */
    public boolean verifyChecksum(int srcAddr, int dstAddr) {
        if (checksum() == 0) {
            return true;
        }
        int pseudo = Checksum.pseudoHeader(srcAddr, dstAddr, IpProtocol.UDP.value(), length());
        return Checksum.fold(Checksum.sum(buf, off, length(), pseudo)) == 0;
    }

    /** Computes and stores the checksum over {@link #length()} bytes; a computed 0 is sent as 0xFFFF (RFC 768). */
    public void fillChecksum(int srcAddr, int dstAddr) {
        setChecksum(0);
        int pseudo = Checksum.pseudoHeader(srcAddr, dstAddr, IpProtocol.UDP.value(), length());
        int c = Checksum.fold(Checksum.sum(buf, off, length(), pseudo));
        setChecksum(c == 0 ? 0xffff : c);
    }

    @Override
    public String toString() {
        return "UdpPacket[" + srcPort() + " > " + dstPort() + ", length " + length() + "]";
    }
}
