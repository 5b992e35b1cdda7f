package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.route.CNum;
import java.util.Map;

/**
 * The value parsers of {@code ip route} (lib/utils.c: get_prefix, get_addr, get_netmask;
 * lib/rt_names.c: dsfield and scope names), with their leniency:
 * {@code 10/8} is 10.0.0.0/8, numbers are C's base 0, masks may be dotted.
 */
final class IpRouteArgs {
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_PACKET = 17;

    /** An inet_prefix: family, IPv4 address, bit length, whether a length was given, and bytelen 0 for all/any. */
    record Prefix(int family, int addr, int bitlen, boolean lenGiven, boolean any) {}

    private static final Map<String, Integer> DSFIELD = Map.ofEntries(Map.entry("default", 0x00),
            Map.entry("AF11", 0x28), Map.entry("AF12", 0x30), Map.entry("AF13", 0x38), Map.entry("AF21", 0x48),
            Map.entry("AF22", 0x50), Map.entry("AF23", 0x58), Map.entry("AF31", 0x68), Map.entry("AF32", 0x70),
            Map.entry("AF33", 0x78), Map.entry("AF41", 0x88), Map.entry("AF42", 0x90), Map.entry("AF43", 0x98),
            Map.entry("CS1", 0x20), Map.entry("CS2", 0x40), Map.entry("CS3", 0x60), Map.entry("CS4", 0x80),
            Map.entry("CS5", 0xA0), Map.entry("CS6", 0xC0), Map.entry("CS7", 0xE0), Map.entry("EF", 0xB8));

    static String familyName(int family) {
        return switch (family) {
            case AF_UNSPEC -> "any valid";
            case AF_INET -> "inet";
            case AF_INET6 -> "inet6";
            case AF_PACKET -> "link";
            default -> "???";
        };
    }

    /** read_family: inet, inet6, link...; AF_UNSPEC for anything else. */
    static int readFamily(String s) {
        return switch (s) {
            case "inet" -> AF_INET;
            case "inet6" -> AF_INET6;
            case "link" -> AF_PACKET;
            case "ipx", "mpls", "bridge" -> -1;
            default -> AF_UNSPEC;
        };
    }

    /** get_prefix: exits 1 with {@code Error: FAMILY prefix is expected rather than "ARG".} */
    static Prefix prefix(String arg, int family) {
        Prefix p = family == AF_PACKET || family < 0 ? null : prefix1(arg, family);
        if (p == null) {
            throw CommandExit.fail("Error: " + familyName(family) + " prefix is expected rather than \"" + arg + "\".\n");
        }
        return p;
    }

    /** get_addr: exits 1 with {@code Error: FAMILY address is expected rather than "ARG".} */
    static Prefix addr(String arg, int family) {
        Prefix p = family < 0 ? null : addr1(arg, family);
        if (p == null) {
            throw CommandExit.fail("Error: " + familyName(family) + " address is expected rather than \"" + arg + "\".\n");
        }
        return p;
    }

    /** get_prefix_1; null on error. */
    static Prefix prefix1(String arg, int family) {
        int slash = arg.indexOf('/');
        Prefix a = addr1(slash < 0 ? arg : arg.substring(0, slash), family);
        if (a == null) {
            return null;
        }
        int bitlen = a.family() == AF_INET ? 32 : a.family() == AF_INET6 ? 128 : 0;
        if (slash >= 0) {
            if (a.bitlen() == -2) {
                return null;
            }
            long plen = netmask(arg.substring(slash + 1));
            if (plen < 0 || plen > bitlen) {
                return null;
            }
            return new Prefix(a.family(), a.addr(), (int) plen, true, a.any());
        }
        return new Prefix(a.family(), a.addr(), a.bitlen() == -2 ? 0 : bitlen, a.lenGiven(), a.any());
    }

    /** __get_addr_1; null on error. bitlen -2 marks default/all/any. */
    static Prefix addr1(String name, int family) {
        if (name.equals("default")) {
            return new Prefix(family, 0, -2, true, family == AF_UNSPEC);
        }
        if (name.equals("all") || name.equals("any")) {
            return new Prefix(family, 0, -2, false, true);
        }
        if (name.indexOf(':') >= 0) {
            if ((family != AF_UNSPEC && family != AF_INET6) || !name.matches("[0-9a-fA-F:.]+")) {
                return null;
            }
            return new Prefix(AF_INET6, 0, -1, false, false);
        }
        if (family != AF_UNSPEC && family != AF_INET) {
            return null;
        }
        Integer a = ipv4(name);
        return a == null ? null : new Prefix(AF_INET, a, -1, false, false);
    }

    /** get_addr_ipv4: up to four parts in C's base 0, the missing ones zero ({@code 10.8} is 10.8.0.0); null if bad. */
    static Integer ipv4(String cp) {
        int[] end = new int[1];
        int pos = 0;
        int a = 0;
        for (int part = 0; part < 4; part++) {
            long n = CNum.strtoul(cp, pos, end);
            if (end[0] == 0 || n > 255) {
                return null;
            }
            a |= (int) n << (24 - 8 * part);
            if (end[0] == cp.length()) {
                return a;
            }
            if (part == 3 || cp.charAt(end[0]) != '.') {
                return null;
            }
            pos = end[0] + 1;
        }
        return null;
    }

    /** get_netmask: a length in C's base 0, or a contiguous dotted mask; -1 if neither. */
    static long netmask(String s) {
        long v = CNum.strtoul(s);
        if (v >= 0) {
            return v;
        }
        Integer a = ipv4(s);
        if (a == null) {
            return -1;
        }
        int m = a;
        int bits = Integer.bitCount(m);
        return m == (bits == 0 ? 0 : -1 << (32 - bits)) ? bits : -1;
    }

    /** inet_addr_match over the first {@code bits} bits. */
    static boolean addrMatch(int a, int b, int bits) {
        int mask = bits <= 0 ? 0 : bits >= 32 ? -1 : -1 << (32 - bits);
        return ((a ^ b) & mask) == 0;
    }

    /** rtnl_dsfield_a2n: a name, or a hexadecimal number up to 255; -1 if neither. */
    static int dsfield(String s) {
        Integer v = DSFIELD.get(s);
        if (v != null) {
            return v;
        }
        try {
            String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
            int n = h.isEmpty() ? -1 : Integer.parseInt(h, 16);
            return n <= 255 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** rtnl_dsfield_n2a. */
    static String dsfieldName(int tos) {
        for (Map.Entry<String, Integer> e : DSFIELD.entrySet()) {
            if (e.getValue() == tos) {
                return e.getKey();
            }
        }
        return String.format("0x%02x", tos);
    }

    /** rtnl_rtscope_a2n: global, nowhere, host, link, site or a number up to 255; -1 if none. */
    static int scope(String s) {
        return switch (s) {
            case "global" -> 0;
            case "site" -> 200;
            case "link" -> 253;
            case "host" -> 254;
            case "nowhere" -> 255;
            default -> {
                long v = CNum.strtoul(s);
                yield v >= 0 && v <= 255 ? (int) v : -1;
            }
        };
    }

    /** ll_name_to_index, or {@code Cannot find device "X"} (exit 1). */
    static NetDev dev(NetNs ns, String name) {
        NetDev d = ns.devs().byName(name);
        if (d == null) {
            throw IprouteArgs.nodev(name);
        }
        return d;
    }
}
