package io.netemu.packet.wire;

/** A parsed UDP header (RFC 768); the payload stays in the buffer. */
public record UdpRepr(int srcPort, int dstPort, int payloadLen) {
    public static final int HEADER_LEN = UdpPacket.HEADER_LEN;

    public UdpRepr {
        if (srcPort < 0 || srcPort > 0xffff || dstPort < 0 || dstPort > 0xffff
                || payloadLen < 0 || payloadLen > 0xffff - HEADER_LEN) {
            throw new IllegalArgumentException("UDP field out of range: ports " + srcPort + ", " + dstPort
                    + ", payload " + payloadLen);
        }
    }

    /** Checks lengths only (for a datagram whose checksum was verified or is not wanted). */
    public static UdpRepr parse(UdpPacket p) throws WireException {
        p.checkLen();
        return new UdpRepr(p.srcPort(), p.dstPort(), p.payloadLen());
    }

    /** Checks lengths and the checksum with the pseudo header of these IPv4 addresses. */
    public static UdpRepr parse(UdpPacket p, int srcAddr, int dstAddr) throws WireException {
        p.checkLen();
        if (!p.verifyChecksum(srcAddr, dstAddr)) {
            throw new WireException(WireError.CHECKSUM,
                    String.format("UDP checksum 0x%04x does not verify", p.checksum()));
        }
        return new UdpRepr(p.srcPort(), p.dstPort(), p.payloadLen());
    }

    public int headerLen() {
        return HEADER_LEN;
    }

    /** Header plus payload: the length field. */
    public int bufferLen() {
        return HEADER_LEN + payloadLen;
    }

    /** Writes the header with a zero checksum; write the payload, then {@link UdpPacket#fillChecksum}. */
    public void emit(UdpPacket p) {
        p.setSrcPort(srcPort);
        p.setDstPort(dstPort);
        p.setLength(bufferLen());
        p.setChecksum(0);
    }

    /** Writes the header and fills the checksum: the payload must already be in place. */
    public void emit(UdpPacket p, int srcAddr, int dstAddr) {
        emit(p);
        p.fillChecksum(srcAddr, dstAddr);
    }
}
