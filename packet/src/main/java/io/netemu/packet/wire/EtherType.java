package io.netemu.packet.wire;

/** An Ethernet type (IEEE 802.3 §3.2.6, IANA ieee-802-numbers); unknown values are kept as they are. */
public record EtherType(int value) {
    public static final EtherType IPV4 = new EtherType(0x0800);
    public static final EtherType ARP = new EtherType(0x0806);
    public static final EtherType VLAN = new EtherType(0x8100);
    public static final EtherType IPV6 = new EtherType(0x86DD);

    public EtherType {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("EtherType out of 16 bits: " + value);
        }
    }

    /** The name, or {@code 0x....} for an unknown type. */
    @Override
    public String toString() {
        return switch (value) {
            case 0x0800 -> "IPv4";
            case 0x0806 -> "ARP";
            case 0x8100 -> "VLAN";
            case 0x86DD -> "IPv6";
            default -> String.format("0x%04x", value);
        };
    }
}
