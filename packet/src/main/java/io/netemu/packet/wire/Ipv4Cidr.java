package io.netemu.packet.wire;

/** An IPv4 address with a prefix length (RFC 4632 §3.1 notation), as {@code ip addr} shows {@code 10.0.1.2/24}. */
public record Ipv4Cidr(int address, int prefixLen) {
    public Ipv4Cidr {
        if (prefixLen < 0 || prefixLen > 32) {
            throw new IllegalArgumentException("IPv4 prefix length out of 0..32: " + prefixLen);
        }
    }

    /** Parses {@code "10.0.1.2/24"}; a bare address means /32. */
    public static Ipv4Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not an IPv4 prefix: null");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new Ipv4Cidr(Ipv4Address.parse(text), 32);
        }
        String len = text.substring(slash + 1);
        boolean ok = !len.isEmpty() && len.length() <= 2 && !(len.length() == 2 && len.charAt(0) == '0');
        for (int i = 0; ok && i < len.length(); i++) {
            ok = len.charAt(i) >= '0' && len.charAt(i) <= '9';
        }
        if (!ok || Integer.parseInt(len) > 32) {
            throw new IllegalArgumentException("not an IPv4 prefix (want a.b.c.d/0..32): \"" + text + "\"");
        }
        return new Ipv4Cidr(Ipv4Address.parse(text.substring(0, slash)), Integer.parseInt(len));
    }

    public int netmask() {
        return Ipv4Address.mask(prefixLen);
    }

    /** The address with its host bits cleared. */
    public int network() {
        return address & netmask();
    }

    /** The directed broadcast: host bits all ones. */
    public int broadcast() {
        return network() | ~netmask();
    }

    /** The prefix itself, as a route ({@code 10.0.1.0/24}). */
    public Ipv4Cidr prefix() {
        return new Ipv4Cidr(network(), prefixLen);
    }

    public boolean contains(int addr) {
        return (addr & netmask()) == network();
    }

    @Override
    public String toString() {
        return Ipv4Address.format(address) + "/" + prefixLen;
    }
}
