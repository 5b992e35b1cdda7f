package io.netemu.packet.wire;

import io.netemu.packet.SkBuff;

/** A view over an IPv4 header (RFC 791 §3.1); never validates until {@link #checkLen}. */
public final class Ipv4Packet {
    /*
     * RFC 791 §3.1, Internet Datagram Header:
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |Version|  IHL  |Type of Service|          Total Length         |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |         Identification        |Flags|      Fragment Offset    |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |  Time to Live |    Protocol   |         Header Checksum       |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                       Source Address                          |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                    Destination Address                        |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                    Options                    |    Padding    |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * Flags: bit 0 reserved, bit 1 DF, bit 2 MF. Fragment offset counts 8-byte units.
     */
    /** Field offsets from the start of the header. */
    public static final class Field {
        public static final int VER_IHL = 0;
        public static final int TOS = 1;
        public static final int TOTAL_LEN = 2;
        public static final int IDENT = 4;
        public static final int FLAGS_FRAG = 6;
        public static final int TTL = 8;
        public static final int PROTOCOL = 9;
        public static final int CHECKSUM = 10;
        public static final int SRC = 12;
        public static final int DST = 16;
        public static final int OPTIONS = 20;

        private Field() {}
    }

    public static final int MIN_HEADER_LEN = 20;
    public static final int MAX_HEADER_LEN = 60;
    static final int FLAG_RESERVED = 0x8000;
    static final int FLAG_DF = 0x4000;
    static final int FLAG_MF = 0x2000;
    static final int FRAG_MASK = 0x1fff;

    private final byte[] buf;
    private final int off;
    private final int len;

    private Ipv4Packet(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    public static Ipv4Packet of(byte[] buf, int off, int len) {
        return new Ipv4Packet(buf, off, len);
    }

    public static Ipv4Packet of(SkBuff skb) {
        return new Ipv4Packet(skb.array(), skb.dataOffset(), skb.len());
    }

    /**
     * The fixed header, the header with options, and the total length fit in the buffer; IHL and
     * total length are not below the minimum. Bytes past the total length (padding) are allowed.
     */
    public void checkLen() throws WireException {
        if (len < MIN_HEADER_LEN) {
            throw Bytes.truncated("IPv4 header", MIN_HEADER_LEN, len);
        }
        int hl = headerLen();
        if (hl < MIN_HEADER_LEN) {
            throw new WireException(WireError.MALFORMED, "IPv4 IHL " + ihl() + " below 5");
        }
        if (len < hl) {
            throw Bytes.truncated("IPv4 header with options", hl, len);
        }
        if (totalLen() < hl) {
            throw new WireException(WireError.MALFORMED, "IPv4 total length " + totalLen() + " below header length " + hl);
        }
        if (len < totalLen()) {
            throw Bytes.truncated("IPv4 datagram", totalLen(), len);
        }
    }

    public byte[] buffer() { return buf; }
    public int offset() { return off; }
    public int len() { return len; }

    public int version() { return Bytes.u8(buf, off + Field.VER_IHL) >>> 4; }
    /** Header length in 32-bit words. */
    public int ihl() { return Bytes.u8(buf, off + Field.VER_IHL) & 0xf; }
    /** Header length in bytes. */
    public int headerLen() { return ihl() * 4; }
    /** The whole second byte: DSCP (upper 6 bits, RFC 2474) and ECN (lower 2, RFC 3168). */
    public int tos() { return Bytes.u8(buf, off + Field.TOS); }
    public int dscp() { return tos() >>> 2; }
    public int ecn() { return tos() & 3; }
    public int totalLen() { return Bytes.u16(buf, off + Field.TOTAL_LEN); }
    public int ident() { return Bytes.u16(buf, off + Field.IDENT); }
    public boolean reservedFlag() { return (flagsFrag() & FLAG_RESERVED) != 0; }
    public boolean dontFrag() { return (flagsFrag() & FLAG_DF) != 0; }
    public boolean moreFrags() { return (flagsFrag() & FLAG_MF) != 0; }
    /** Fragment offset in bytes (the field times 8). */
    public int fragOffset() { return (flagsFrag() & FRAG_MASK) * 8; }
    /** True for any fragment but a whole datagram (ip_is_fragment). */
    public boolean isFragment() { return (flagsFrag() & (FLAG_MF | FRAG_MASK)) != 0; }
    public int ttl() { return Bytes.u8(buf, off + Field.TTL); }
    public int protocol() { return Bytes.u8(buf, off + Field.PROTOCOL); }
    public int headerChecksum() { return Bytes.u16(buf, off + Field.CHECKSUM); }
    public int src() { return Bytes.i32(buf, off + Field.SRC); }
    public int dst() { return Bytes.i32(buf, off + Field.DST); }
    public int optionsOffset() { return off + Field.OPTIONS; }
    public int optionsLen() { return headerLen() - MIN_HEADER_LEN; }
    public int payloadOffset() { return off + headerLen(); }
    /** Total length less header length: excludes any link-layer padding. */
    public int payloadLen() { return totalLen() - headerLen(); }

    private int flagsFrag() { return Bytes.u16(buf, off + Field.FLAGS_FRAG); }

    public void setVersion(int v) { buf[off] = (byte) ((buf[off] & 0x0f) | (v << 4)); }
    /** Sets IHL from a byte length (a multiple of 4). */
    public void setHeaderLen(int bytes) { buf[off] = (byte) ((buf[off] & 0xf0) | ((bytes >>> 2) & 0xf)); }
    public void setTos(int v) { Bytes.put8(buf, off + Field.TOS, v); }
    public void setTotalLen(int v) { Bytes.put16(buf, off + Field.TOTAL_LEN, v); }
    public void setIdent(int v) { Bytes.put16(buf, off + Field.IDENT, v); }
    public void setDontFrag(boolean on) { setFlag(FLAG_DF, on); }
    public void setMoreFrags(boolean on) { setFlag(FLAG_MF, on); }
    /** Sets the fragment offset from bytes (a multiple of 8). */
    public void setFragOffset(int bytes) {
        Bytes.put16(buf, off + Field.FLAGS_FRAG, (flagsFrag() & ~FRAG_MASK) | ((bytes >>> 3) & FRAG_MASK));
    }
    public void setTtl(int v) { Bytes.put8(buf, off + Field.TTL, v); }
    public void setProtocol(int v) { Bytes.put8(buf, off + Field.PROTOCOL, v); }
    public void setHeaderChecksum(int v) { Bytes.put16(buf, off + Field.CHECKSUM, v); }
    public void setSrc(int addr) { Bytes.put32(buf, off + Field.SRC, addr); }
    public void setDst(int addr) { Bytes.put32(buf, off + Field.DST, addr); }

    private void setFlag(int flag, boolean on) {
        int v = flagsFrag();
        Bytes.put16(buf, off + Field.FLAGS_FRAG, on ? v | flag : v & ~flag);
    }

    /** The header checksum over {@link #headerLen()} bytes verifies (ip_fast_csum == 0). */
    public boolean verifyChecksum() {
        return Checksum.fold(Checksum.sum(buf, off, headerLen(), 0)) == 0;
    }

    /** Computes and stores the header checksum (ip_send_check). */
    public void fillChecksum() {
        setHeaderChecksum(0);
        setHeaderChecksum(Checksum.fold(Checksum.sum(buf, off, headerLen(), 0)));
    }

    /** Decrements the TTL and patches the checksum incrementally, as ip_decrease_ttl; returns the new TTL. */
    public int decrementTtl() {
        int check = headerChecksum() + 0x0100;
        setHeaderChecksum(check + (check >= 0xffff ? 1 : 0));
        int ttl = ttl() - 1;
        setTtl(ttl);
        return ttl & 0xff;
    }

    @Override
    public String toString() {
        return "Ipv4Packet[" + Ipv4Address.format(src()) + " > " + Ipv4Address.format(dst()) + ", proto "
                + new IpProtocol(protocol()) + ", ttl " + ttl() + ", id " + ident() + ", len " + totalLen() + "]";
    }
}
