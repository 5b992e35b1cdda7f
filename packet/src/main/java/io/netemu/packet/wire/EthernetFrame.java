package io.netemu.packet.wire;

import io.netemu.packet.SkBuff;

/** A view over an Ethernet II frame header (IEEE 802.3 §3.1.1, RFC 894); never validates until {@link #checkLen}. */
public final class EthernetFrame {
    /*
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                 Destination MAC address                      |
     * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                               |                               |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
     * |                     Source MAC address                        |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |           EtherType           |  Payload ...
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     */
    /** Field offsets from the start of the frame. */
    public static final class Field {
        public static final int DST = 0;
        public static final int SRC = 6;
        public static final int ETHERTYPE = 12;
        public static final int PAYLOAD = 14;

        private Field() {}
    }

    public static final int HEADER_LEN = 14;

    private final byte[] buf;
    private final int off;
    private final int len;

    private EthernetFrame(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    public static EthernetFrame of(byte[] buf, int off, int len) {
        return new EthernetFrame(buf, off, len);
    }

    /** A view over the buffer's data (its current {@code [data, tail)}). */
    public static EthernetFrame of(SkBuff skb) {
        return new EthernetFrame(skb.array(), skb.dataOffset(), skb.len());
    }

    public void checkLen() throws WireException {
        if (len < HEADER_LEN) {
            throw Bytes.truncated("Ethernet header", HEADER_LEN, len);
        }
    }

    public byte[] buffer() { return buf; }
    public int offset() { return off; }
    public int len() { return len; }
    public int headerLen() { return HEADER_LEN; }
    public int payloadOffset() { return off + HEADER_LEN; }
    public int payloadLen() { return len - HEADER_LEN; }

    public MacAddress dst() { return MacAddress.read(buf, off + Field.DST); }
    public MacAddress src() { return MacAddress.read(buf, off + Field.SRC); }
    public int etherType() { return Bytes.u16(buf, off + Field.ETHERTYPE); }

    public void setDst(MacAddress mac) { mac.write(buf, off + Field.DST); }
    public void setSrc(MacAddress mac) { mac.write(buf, off + Field.SRC); }
    public void setEtherType(int type) { Bytes.put16(buf, off + Field.ETHERTYPE, type); }

    @Override
    public String toString() {
        return "EthernetFrame[" + src() + " > " + dst() + ", " + new EtherType(etherType()) + ", len=" + len + "]";
    }
}
