package io.netemu.stack.netfilter.nft;

import io.netemu.packet.wire.Ipv4Address;
import java.util.Map;

/**
 * nft datatypes (nftables src/datatype.c and friends): how a symbol the user typed becomes a
 * value, and how a value prints. Numbers are held in a {@code long} (unsigned, at most 32 bits);
 * interface names stay strings.
 */
public enum NftType {
    IPV4_ADDR("ipv4_addr", "IPv4 address", 32),
    /** Held as canonical text (128 bits do not fit a long); never matches, IPv6 is not emulated. */
    IPV6_ADDR("ipv6_addr", "IPv6 address", 128),
    INET_SERVICE("inet_service", "internet network service", 16),
    INET_PROTO("inet_proto", "Internet protocol", 8),
    MARK("mark", "packet mark", 32),
    IFNAME("ifname", "network interface name", 128),
    IFACE_INDEX("iface_index", "network interface index", 32),
    ICMP_TYPE("icmp_type", "ICMP type", 8),
    ICMP_CODE("icmp_code", "icmp code", 8),
    ICMPV6_TYPE("icmpv6_type", "ICMPv6 type", 8),
    ICMPV6_CODE("icmpv6_code", "icmpv6 code", 8),
    TCP_FLAG("tcp_flag", "TCP flag", 8),
    CT_STATE("ct_state", "conntrack state", 32),
    CT_STATUS("ct_status", "conntrack status", 32),
    NFPROTO("nf_proto", "netfilter protocol", 8),
    INTEGER("integer", "integer", 32);

    private final String nftName;
    private final String desc;
    private final int bits;

    NftType(String nftName, String desc, int bits) {
        this.nftName = nftName;
        this.desc = desc;
        this.bits = bits;
    }

    /** The name in {@code type NAME} of a set declaration. */
    public String nftName() { return nftName; }
    /** The description nft uses in "datatype mismatch" errors. */
    public String desc() { return desc; }
    public int bits() { return bits; }
    /** Interface names: strings, printed quoted. */
    public boolean isString() { return this == IFNAME; }
    /** Types whose values are kept as text: interface names and IPv6 addresses. */
    public boolean isText() { return this == IFNAME || this == IPV6_ADDR; }
    /** Bitmask types: a bare value or comma list matches when any of its bits is set (OP_IMPLICIT). */
    public boolean isBitmask() { return this == TCP_FLAG || this == CT_STATE || this == CT_STATUS; }
    /** Types whose ranges print as prefixes (DTYPE_F_PREFIX). */
    public boolean prefixes() { return this == IPV4_ADDR || this == IPV6_ADDR; }

    /** A set's key type by its {@code type} name, or null. */
    public static NftType byName(String name) {
        for (NftType t : values()) {
            if (t.nftName.equals(name) && t != IFACE_INDEX) {
                return t;
            }
        }
        return "iface_index".equals(name) ? IFACE_INDEX : null;
    }

    /** Thrown when a symbol does not parse; the message is nft's. */
    public static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        public BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /** The canonical text of an IPv6 address (inet_ntop), or the hostname error nft gives. */
    public static String ipv6(String s) throws BadValue {
        byte[] a = NftIpv6.parse(s);
        if (a == null) {
            throw new BadValue("Could not resolve hostname: Name or service not known");
        }
        return NftIpv6.format(a);
    }

    /** Parses a symbol of this type; {@code width} bounds INTEGER values (bits of the field). */
    public long parse(String s, int width) throws BadValue {
        switch (this) {
            case IPV4_ADDR -> {
                if ("localhost".equals(s)) {
                    return 0x7f000001L;
                }
                long a = inetAton(s);
                if (a < 0) {
                    throw new BadValue("Could not resolve hostname: Name or service not known");
                }
                return a;
            }
            case INET_SERVICE -> {
                Long n = number(s);
                if (n != null) {
                    if (n > 65535) {
                        throw new BadValue("Service out of range");
                    }
                    return n;
                }
                return symbol(NftSymbols.SERVICES, s, "Could not resolve service: Servname not supported for ai_socktype");
            }
            case INET_PROTO -> {
                Long n = number(s);
                if (n != null) {
                    return bounded(n, 8, s);
                }
                return symbol(NftSymbols.PROTOCOLS, s, "Could not resolve protocol name");
            }
            case MARK, IFACE_INDEX -> {
                Long n = number(s);
                if (n == null) {
                    throw new BadValue(this == MARK ? "Could not parse packet mark" : "Interface does not exist");
                }
                return bounded(n, 32, s);
            }
            case ICMP_TYPE -> { return symbolOrNumber(NftSymbols.ICMP_TYPES, s, 8, "Could not parse ICMP type"); }
            case ICMP_CODE -> { return symbolOrNumber(NftSymbols.ICMP_CODES, s, 8, "Could not parse icmp code"); }
            case ICMPV6_TYPE -> { return symbolOrNumber(NftSymbols.ICMPV6_TYPES, s, 8, "Could not parse ICMPv6 type"); }
            case ICMPV6_CODE -> { return symbolOrNumber(NftSymbols.ICMPV6_CODES, s, 8, "Could not parse icmpv6 code"); }
            case TCP_FLAG -> { return symbolOrNumber(NftSymbols.TCP_FLAGS, s, 8, "Could not parse TCP flag"); }
            case CT_STATE -> { return symbolOrNumber(NftSymbols.CT_STATES, s, 32, "Could not parse conntrack state"); }
            case NFPROTO -> { return symbolOrNumber(NftSymbols.NFPROTOS, s, 8, "Could not parse netfilter protocol"); }
            case CT_STATUS -> { return symbolOrNumber(NftSymbols.CT_STATUSES, s, 32, "Could not parse conntrack status"); }
            case INTEGER -> {
                Long n = number(s);
                if (n == null) {
                    throw new BadValue("Could not parse integer");
                }
                return bounded(n, width, s);
            }
            default -> throw new BadValue("Could not parse " + desc);
        }
    }

    /** How nft prints a value of this type (numeric ports, names where the type has them). */
    public String format(long v) {
        return switch (this) {
            case IPV4_ADDR -> Ipv4Address.format((int) v);
            case MARK -> String.format("0x%08x", v);
            case INET_PROTO -> orNumber(NftSymbols.name(NftSymbols.PROTOCOLS, v), v);
            case ICMP_TYPE -> orNumber(NftSymbols.name(NftSymbols.ICMP_TYPES, v), v);
            case ICMP_CODE -> orNumber(NftSymbols.name(NftSymbols.ICMP_CODES, v), v);
            case ICMPV6_TYPE -> orNumber(NftSymbols.name(NftSymbols.ICMPV6_TYPES, v), v);
            case ICMPV6_CODE -> orNumber(NftSymbols.name(NftSymbols.ICMPV6_CODES, v), v);
            case TCP_FLAG -> flags(NftSymbols.TCP_FLAGS, v);
            case CT_STATE -> flags(NftSymbols.CT_STATES, v);
            case CT_STATUS -> flags(NftSymbols.CT_STATUSES, v);
            case NFPROTO -> orNumber(NftSymbols.name(NftSymbols.NFPROTOS, v), v);
            default -> Long.toString(v);
        };
    }

    /** The largest value of a field of {@code width} bits. */
    public static long max(int width) {
        return width >= 64 ? Long.MAX_VALUE : (1L << width) - 1;
    }

    private static String orNumber(String name, long v) {
        return name != null ? name : Long.toString(v);
    }

    private static String flags(Map<String, Integer> table, long v) {
        StringBuilder sb = new StringBuilder();
        long rest = v;
        for (Map.Entry<String, Integer> e : table.entrySet()) {
            if ((v & e.getValue()) != 0) {
                sb.append(sb.isEmpty() ? "" : ",").append(e.getKey());
                rest &= ~e.getValue();
            }
        }
        if (rest != 0 || sb.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : ",").append(String.format("0x%x", rest));
        }
        return sb.toString();
    }

    private static long bounded(long n, int width, String s) throws BadValue {
        if (n > max(width)) {
            throw new BadValue("Value " + s + " exceeds valid range 0-" + max(width));
        }
        return n;
    }

    private static long symbol(Map<String, Integer> table, String s, String error) throws BadValue {
        Integer v = table.get(s);
        if (v == null) {
            throw new BadValue(error);
        }
        return v;
    }

    private static long symbolOrNumber(Map<String, Integer> table, String s, int width, String error) throws BadValue {
        Long n = number(s);
        return n != null ? bounded(n, width, s) : symbol(table, s, error);
    }

    /**
     * getaddrinfo's numeric IPv4 forms (inet_aton): {@code a.b.c.d}, {@code a.b.c}, {@code a.b}
     * or {@code a}, each part decimal, octal (leading 0) or hex (0x), the last filling the rest;
     * -1 when it is none of them.
     */
    static long inetAton(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long addr = 0;
        for (int i = 0; i < parts.length; i++) {
            Long v = number(parts[i]);
            boolean last = i == parts.length - 1;
            long max = last ? (1L << (8 * (4 - i))) - 1 : 255;
            if (v == null || v > max) {
                return -1;
            }
            addr |= last ? v : v << (8 * (3 - i));
        }
        return addr;
    }

    /** strtoull as nft's scanner reads numbers: 0x hex, a leading 0 octal, else decimal; null if not a number. */
    public static Long number(String s) {
        try {
            if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
                return null;
            }
            return s.length() > 1 && s.charAt(0) == '0' ? Long.parseLong(s.substring(1), 8) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
