package io.netemu.packet.wire;

import io.netemu.packet.SkBuff;

/** A view over an ARP packet (RFC 826), with address fields at the Ethernet/IPv4 offsets. */
public final class ArpPacket {
    /*
     * RFC 826 "Packet format", for hardware Ethernet (hlen 6) and protocol IPv4 (plen 4):
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |      Hardware type (1)        |     Protocol type (0x0800)    |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |  HW len (6)   | Proto len (4) |          Operation            |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |            Sender hardware address (6 bytes)                  |
     * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                               |  Sender protocol address      |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |  (4 bytes)                    |  Target hardware address      |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
     * |                        (6 bytes)                              |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                Target protocol address (4 bytes)              |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     */
    /** Field offsets from the start of the ARP packet. */
    public static final class Field {
        public static final int HTYPE = 0;
        public static final int PTYPE = 2;
        public static final int HLEN = 4;
        public static final int PLEN = 5;
        public static final int OPER = 6;
        public static final int SHA = 8;
        public static final int SPA = 14;
        public static final int THA = 18;
        public static final int TPA = 24;

        private Field() {}
    }

    /** Length of an Ethernet/IPv4 ARP packet. */
    public static final int LEN = 28;
    /** Length of the fixed part before the addresses. */
    public static final int FIXED_LEN = 8;

    private final byte[] buf;
    private final int off;
    private final int len;

    private ArpPacket(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    public static ArpPacket of(byte[] buf, int off, int len) {
        return new ArpPacket(buf, off, len);
    }

    public static ArpPacket of(SkBuff skb) {
        return new ArpPacket(skb.array(), skb.dataOffset(), skb.len());
    }

    /** The fixed part, then the addresses as long as {@code hlen} and {@code plen} say, must fit. */
    public void checkLen() throws WireException {
        if (len < FIXED_LEN) {
            throw Bytes.truncated("ARP header", FIXED_LEN, len);
        }
        if (len < headerLen()) {
            throw Bytes.truncated("ARP packet", headerLen(), len);
        }
    }

    public byte[] buffer() { return buf; }
    public int offset() { return off; }
    public int len() { return len; }
    /** The length the packet's {@code hlen} and {@code plen} give: 28 for Ethernet/IPv4. */
    public int headerLen() { return FIXED_LEN + 2 * hlen() + 2 * plen(); }
    /** Bytes after the packet (Ethernet padding) start here. */
    public int payloadOffset() { return off + headerLen(); }
    public int payloadLen() { return Math.max(0, len - headerLen()); }

    public int htype() { return Bytes.u16(buf, off + Field.HTYPE); }
    public int ptype() { return Bytes.u16(buf, off + Field.PTYPE); }
    public int hlen() { return Bytes.u8(buf, off + Field.HLEN); }
    public int plen() { return Bytes.u8(buf, off + Field.PLEN); }
    public int oper() { return Bytes.u16(buf, off + Field.OPER); }
    public MacAddress sha() { return MacAddress.read(buf, off + Field.SHA); }
    public int spa() { return Bytes.i32(buf, off + Field.SPA); }
    public MacAddress tha() { return MacAddress.read(buf, off + Field.THA); }
    public int tpa() { return Bytes.i32(buf, off + Field.TPA); }

    public void setHtype(int v) { Bytes.put16(buf, off + Field.HTYPE, v); }
    public void setPtype(int v) { Bytes.put16(buf, off + Field.PTYPE, v); }
    public void setHlen(int v) { Bytes.put8(buf, off + Field.HLEN, v); }
    public void setPlen(int v) { Bytes.put8(buf, off + Field.PLEN, v); }
    public void setOper(int v) { Bytes.put16(buf, off + Field.OPER, v); }
    public void setSha(MacAddress mac) { mac.write(buf, off + Field.SHA); }
    public void setSpa(int addr) { Bytes.put32(buf, off + Field.SPA, addr); }
    public void setTha(MacAddress mac) { mac.write(buf, off + Field.THA); }
    public void setTpa(int addr) { Bytes.put32(buf, off + Field.TPA, addr); }
}
