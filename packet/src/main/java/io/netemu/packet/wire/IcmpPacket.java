package io.netemu.packet.wire;

import io.netemu.packet.SkBuff;

/** A view over an ICMP message (RFC 792; next-hop MTU per RFC 1191 §4); checksum over the whole message. */
public final class IcmpPacket {
    /*
     * RFC 792, common header; the second word depends on the type:
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |     Type      |     Code      |          Checksum             |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |  echo:   Identifier           |        Sequence Number        |
     * |  frag needed (RFC 1191): unused (0) |    Next-Hop MTU         |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |  echo data, or the quoted IP header + at least 64 bits of it  |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     */
    /** Field offsets from the start of the message. */
    public static final class Field {
        public static final int TYPE = 0;
        public static final int CODE = 1;
        public static final int CHECKSUM = 2;
        /** The 4-byte "rest of header" word. */
        public static final int REST = 4;
        public static final int ECHO_IDENT = 4;
        public static final int ECHO_SEQ = 6;
        public static final int NEXT_HOP_MTU = 6;
        public static final int DATA = 8;

        private Field() {}
    }

    public static final int HEADER_LEN = 8;

    private final byte[] buf;
    private final int off;
    private final int len;

    private IcmpPacket(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    /** A view over {@code len} bytes: the whole ICMP message, as the checksum covers all of it. */
    public static IcmpPacket of(byte[] buf, int off, int len) {
        return new IcmpPacket(buf, off, len);
    }

    public static IcmpPacket of(SkBuff skb) {
        return new IcmpPacket(skb.array(), skb.dataOffset(), skb.len());
    }

    public void checkLen() throws WireException {
        if (len < HEADER_LEN) {
            throw Bytes.truncated("ICMP header", HEADER_LEN, len);
        }
    }

    public byte[] buffer() { return buf; }
    public int offset() { return off; }
    public int len() { return len; }
    public int headerLen() { return HEADER_LEN; }
    /** Absolute index of the echo payload or the quoted datagram. */
    public int dataOffset() { return off + Field.DATA; }
    public int payloadOffset() { return dataOffset(); }
    public int payloadLen() { return len - HEADER_LEN; }

    public int type() { return Bytes.u8(buf, off + Field.TYPE); }
    public int code() { return Bytes.u8(buf, off + Field.CODE); }
    public int checksum() { return Bytes.u16(buf, off + Field.CHECKSUM); }
    public int rest() { return Bytes.i32(buf, off + Field.REST); }
    public int echoIdent() { return Bytes.u16(buf, off + Field.ECHO_IDENT); }
    public int echoSeq() { return Bytes.u16(buf, off + Field.ECHO_SEQ); }
    public int nextHopMtu() { return Bytes.u16(buf, off + Field.NEXT_HOP_MTU); }

    public void setType(int v) { Bytes.put8(buf, off + Field.TYPE, v); }
    public void setCode(int v) { Bytes.put8(buf, off + Field.CODE, v); }
    public void setChecksum(int v) { Bytes.put16(buf, off + Field.CHECKSUM, v); }
    public void setRest(int v) { Bytes.put32(buf, off + Field.REST, v); }
    public void setEchoIdent(int v) { Bytes.put16(buf, off + Field.ECHO_IDENT, v); }
    public void setEchoSeq(int v) { Bytes.put16(buf, off + Field.ECHO_SEQ, v); }
    public void setNextHopMtu(int v) { Bytes.put16(buf, off + Field.NEXT_HOP_MTU, v); }

    /** The checksum over all {@link #len()} bytes verifies. */
    public boolean verifyChecksum() {
        return Checksum.fold(Checksum.sum(buf, off, len, 0)) == 0;
    }

    /** Computes and stores the checksum over all {@link #len()} bytes: write the data first. */
    public void fillChecksum() {
        setChecksum(0);
        setChecksum(Checksum.fold(Checksum.sum(buf, off, len, 0)));
    }

    @Override
    public String toString() {
        return "IcmpPacket[type " + type() + " code " + code() + ", len " + len + "]";
    }
}
