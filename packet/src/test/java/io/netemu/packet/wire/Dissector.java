package io.netemu.packet.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helper: parses a frame down through every layer this module knows, checking each view's bounds. */
final class Dissector {
    private Dissector() {}

    /** Returns how many checksums were verified; throws WireException at the first bad layer. */
    static int dissect(byte[] b, int off, int len) throws WireException {
        EthernetFrame eth = EthernetFrame.of(b, off, len);
        EthernetRepr er = EthernetRepr.parse(eth);
        within(eth.payloadOffset(), eth.payloadLen(), off, len);
        if (er.etherType() == EtherType.ARP.value()) {
            ArpPacket arp = ArpPacket.of(b, eth.payloadOffset(), eth.payloadLen());
            ArpRepr.parse(arp);
            within(arp.payloadOffset(), arp.payloadLen(), off, len);
            return 0;
        }
        if (er.etherType() != EtherType.IPV4.value()) {
            return 0;
        }
        return ipv4(b, eth.payloadOffset(), eth.payloadLen(), true);
    }

    static int ipv4(byte[] b, int off, int len, boolean whole) throws WireException {
        Ipv4Packet ip = Ipv4Packet.of(b, off, len);
        Ipv4Repr r = Ipv4Repr.parse(ip, whole);
        within(ip.payloadOffset(), ip.payloadLen(), off, len);
        int checked = whole ? 1 : 0;
        if (ip.isFragment()) {
            return checked;
        }
        int po = ip.payloadOffset();
        int pl = r.payloadLen();
        switch (r.protocol()) {
            case 1 -> {
                IcmpPacket p = IcmpPacket.of(b, po, pl);
                IcmpRepr ir = IcmpRepr.parse(p, whole);
                checked += whole ? 1 : 0;
                within(p.dataOffset(), p.payloadLen(), po, pl);
                if (whole && IcmpType.isError(ir.type()) && p.payloadLen() >= Ipv4Packet.MIN_HEADER_LEN) {
                    Ipv4Packet q = Ipv4Packet.of(b, p.dataOffset(), p.payloadLen());
                    if (q.version() == 4 && q.headerLen() >= 20 && q.headerLen() <= p.payloadLen()) {
                        checked += q.verifyChecksum() ? 1 : 0;
                    }
                }
            }
            case 17 -> {
                UdpPacket p = UdpPacket.of(b, po, pl);
                if (whole) {
                    UdpRepr.parse(p, r.src(), r.dst());
                    checked++;
                } else {
                    UdpRepr.parse(p);
                }
                within(p.payloadOffset(), p.payloadLen(), po, pl);
            }
            case 6 -> {
                TcpPacket p = TcpPacket.of(b, po, pl);
                p.checkLen();
                if (whole && !p.verifyChecksum(r.src(), r.dst())) {
                    throw new WireException(WireError.CHECKSUM, "TCP checksum");
                }
                checked += whole ? 1 : 0;
                within(p.payloadOffset(), p.payloadLen(), po, pl);
                within(p.optionsOffset(), p.optionsLen(), po, pl);
            }
            default -> { }
        }
        return checked;
    }

    private static void within(int start, int n, int off, int len) {
        assertTrue(n >= 0 && start >= off && start + n <= off + len,
                "range " + start + "+" + n + " outside " + off + "+" + len);
    }
}
