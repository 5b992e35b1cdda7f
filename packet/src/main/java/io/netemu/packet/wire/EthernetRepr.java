package io.netemu.packet.wire;

/** A parsed Ethernet II header (IEEE 802.3 §3.1.1); 802.1Q tags are not parsed (the type is then VLAN). */
public record EthernetRepr(MacAddress dst, MacAddress src, int etherType) {
    public static final int HEADER_LEN = EthernetFrame.HEADER_LEN;

    public EthernetRepr {
        if (dst == null || src == null) {
            throw new IllegalArgumentException("null MAC address");
        }
        if (etherType < 0 || etherType > 0xffff) {
            throw new IllegalArgumentException("EtherType out of 16 bits: " + etherType);
        }
    }

    public static EthernetRepr parse(EthernetFrame frame) throws WireException {
        frame.checkLen();
        return new EthernetRepr(frame.dst(), frame.src(), frame.etherType());
    }

    public int headerLen() {
        return HEADER_LEN;
    }

    /** Writes the 14-byte header; the payload is the caller's. */
    public void emit(EthernetFrame frame) {
        frame.setDst(dst);
        frame.setSrc(src);
        frame.setEtherType(etherType);
    }

    @Override
    public String toString() {
        return "EthernetRepr[" + src + " > " + dst + ", " + new EtherType(etherType) + "]";
    }
}
