package io.netemu.packet.wire;

/** A parsed Ethernet/IPv4 ARP packet (RFC 826; operations per RFC 5227 and IANA arp-parameters). */
public record ArpRepr(int operation, MacAddress senderMac, int senderIp, MacAddress targetMac, int targetIp) {
    public static final int LEN = ArpPacket.LEN;
    public static final int REQUEST = 1;
    public static final int REPLY = 2;
    /** ARPHRD_ETHER. */
    public static final int HTYPE_ETHERNET = 1;

    public ArpRepr {
        if (senderMac == null || targetMac == null) {
            throw new IllegalArgumentException("null MAC address");
        }
        if (operation < 0 || operation > 0xffff) {
            throw new IllegalArgumentException("ARP operation out of 16 bits: " + operation);
        }
    }

    /** Any operation is kept; hardware/protocol other than Ethernet/IPv4 is {@link WireError#UNRECOGNIZED}. */
    public static ArpRepr parse(ArpPacket p) throws WireException {
        p.checkLen();
        if (p.htype() != HTYPE_ETHERNET || p.ptype() != EtherType.IPV4.value() || p.hlen() != 6 || p.plen() != 4) {
            throw new WireException(WireError.UNRECOGNIZED, String.format(
                    "ARP for htype %d ptype 0x%04x hlen %d plen %d", p.htype(), p.ptype(), p.hlen(), p.plen()));
        }
        return new ArpRepr(p.oper(), p.sha(), p.spa(), p.tha(), p.tpa());
    }

    public int bufferLen() {
        return LEN;
    }

    /** Writes all 28 bytes. */
    public void emit(ArpPacket p) {
        p.setHtype(HTYPE_ETHERNET);
        p.setPtype(EtherType.IPV4.value());
        p.setHlen(6);
        p.setPlen(4);
        p.setOper(operation);
        p.setSha(senderMac);
        p.setSpa(senderIp);
        p.setTha(targetMac);
        p.setTpa(targetIp);
    }

    @Override
    public String toString() {
        String op = switch (operation) {
            case REQUEST -> "request who-has " + Ipv4Address.format(targetIp) + " tell " + Ipv4Address.format(senderIp);
            case REPLY -> "reply " + Ipv4Address.format(senderIp) + " is-at " + senderMac;
            default -> "op " + operation + " " + Ipv4Address.format(senderIp) + " -> " + Ipv4Address.format(targetIp);
        };
        return "ArpRepr[" + op + ", sha=" + senderMac + ", tha=" + targetMac + "]";
    }
}
