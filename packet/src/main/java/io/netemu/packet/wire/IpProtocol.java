package io.netemu.packet.wire;

/** An IP protocol number (RFC 791 §3.1 "Protocol", IANA protocol-numbers); unknown values are kept as they are. */
public record IpProtocol(int value) {
    public static final IpProtocol ICMP = new IpProtocol(1);
    public static final IpProtocol IGMP = new IpProtocol(2);
    public static final IpProtocol TCP = new IpProtocol(6);
    public static final IpProtocol UDP = new IpProtocol(17);
    public static final IpProtocol ICMPV6 = new IpProtocol(58);

    public IpProtocol {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("IP protocol out of 8 bits: " + value);
        }
    }

    /** The name, or the decimal number for an unknown protocol. */
    @Override
    public String toString() {
        return switch (value) {
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 58 -> "ICMPv6";
            default -> Integer.toString(value);
        };
    }
}
