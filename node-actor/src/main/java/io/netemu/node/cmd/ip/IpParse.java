package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.stack.route.CNum;

/**
 * iproute2's value parsers ({@code lib/utils.c}, {@code lib/ll_addr.c}), with their leniency:
 * numbers in C's base 0 ({@code 0x5dc} is 1500; {@link CNum} reads them), IPv4 addresses of
 * fewer than four parts ({@code 10.1} is 10.1.0.0), netmasks in either form ({@code /24},
 * {@code /255.255.255.0}).
 */
final class IpParse {
    static final int IFNAMSIZ = 16;
    private static final int ALTIFNAMSIZ = 128;

    /** An address or prefix as get_prefix_1 leaves it; {@code inet6} for anything with a colon. */
    record Prefix(boolean inet6, int addr, int bitlen, boolean lenGiven) {}

    private IpParse() {}

    /** get_integer: a C int; null when invalid. */
    static Integer integer(String s) {
        Long v = CNum.strtol(s);
        return v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) (long) v;
    }

    /**
     * get_addr_ipv4: up to four parts, each a number in base 0 and at most 255. A part is read
     * signed, as this parser always has ({@code -1.2.3.4} is 255.2.3.4), where iproute2's
     * strtoul refuses it ({@link IpRouteArgs#ipv4} does as iproute2).
     */
    static Integer ipv4(String s) {
        int addr = 0;
        int parts = 0;
        int i = 0;
        while (true) {
            int end = i;
            while (end < s.length() && s.charAt(end) != '.') {
                end++;
            }
            String part = s.substring(i, end);
            Long v = CNum.strtol(part);
            if (v == null || v > 255) {
                return null;
            }
            addr |= (int) (v << (24 - 8 * parts));
            parts++;
            if (end == s.length()) {
                return addr;
            }
            if (parts == 4) {
                return null;
            }
            i = end + 1;
        }
    }

    /**
     * get_prefix_1 for {@code family} (0 any, 4 inet): {@code A[/LEN]}. Returns null where
     * iproute2 fails ("any valid prefix is expected rather than ...").
     */
    static Prefix prefix(String arg, int family) {
        int slash = arg.indexOf('/');
        String a = slash < 0 ? arg : arg.substring(0, slash);
        boolean any = a.equals("default") || a.equals("all") || a.equals("any");
        Prefix p;
        if (any) {
            p = new Prefix(false, 0, 0, a.equals("default"));
            if (slash >= 0) {
                return null;
            }
            return p;
        }
        if (a.indexOf(':') >= 0) {
            if (family == 4 || !looksLikeIpv6(a)) {
                return null;
            }
            p = new Prefix(true, 0, 128, false);
        } else {
            Integer v = family == 6 ? null : ipv4(a);
            if (v == null) {
                return null;
            }
            p = new Prefix(false, v, 32, false);
        }
        if (slash < 0) {
            return p;
        }
        Integer len = netmask(arg.substring(slash + 1));
        if (len == null || len > p.bitlen()) {
            return null;
        }
        return new Prefix(p.inet6(), p.addr(), len, true);
    }

    /** get_addr: an address without a prefix length. */
    static Prefix address(String arg, int family) {
        if (arg.indexOf('/') >= 0) {
            return null;
        }
        return prefix(arg, family);
    }

    /** get_netmask: a length or a contiguous dotted mask. */
    static Integer netmask(String s) {
        long v = CNum.strtoul(s);
        if (v >= 0) {
            return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
        }
        Integer m = s.indexOf(':') >= 0 ? null : ipv4(s);
        if (m == null) {
            return null;
        }
        int bits = Integer.bitCount(m);
        return (bits == 0 ? 0 : -1 << (32 - bits)) == m ? bits : null;
    }

    private static boolean looksLikeIpv6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** family_name_verbose. */
    static String familyVerbose(int family) {
        return family == 4 ? "inet" : family == 6 ? "inet6" : "any valid";
    }

    /**
     * ll_addr_a2n: hex bytes separated by colons (each as sscanf %x reads it); returns the
     * bytes, or throws with iproute2's message naming the bad part.
     */
    static byte[] lladdr(String arg) {
        if (arg.indexOf('.') >= 0) {
            Integer v = ipv4(arg);
            if (v == null) {
                throw CommandExit.fail("\"" + arg + "\" is invalid lladdr.");
            }
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) (int) v};
        }
        String[] parts = arg.split(":", -1);
        int n = Math.min(parts.length, 32);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            Integer v = scanHex(parts[i]);
            if (v == null || v > 255) {
                throw CommandExit.fail("\"" + parts[i] + "\" is invalid lladdr.");
            }
            out[i] = (byte) (int) v;
        }
        return out;
    }

    /** sscanf("%x"): optional 0x, hex digits up to the first other character. */
    private static Integer scanHex(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (s.regionMatches(true, i, "0x", 0, 2) && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
        }
        long v = 0;
        int start = i;
        while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && v <= 0xFFFF_FFFFL) {
            v = v * 16 + Character.digit(s.charAt(i), 16);
            i++;
        }
        return i == start || v > Integer.MAX_VALUE ? null : (int) v;
    }

    /** check_ifname: what iproute2 accepts as a new name (1..15 chars, no '/' nor space). */
    static boolean validIfname(String name) {
        return name.length() < IFNAMSIZ && validChars(name);
    }

    /** check_altifname: the check on a {@code dev} word. */
    static boolean validAltIfname(String name) {
        return name.length() < ALTIFNAMSIZ && validChars(name);
    }

    private static boolean validChars(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ' ' || (c >= '\t' && c <= '\r')) {
                return false;
            }
        }
        return true;
    }

    /** The kernel's dev_valid_name: also no ':', and not "." or "..". */
    static boolean kernelValidName(String name) {
        return validIfname(name) && name.indexOf(':') < 0 && !name.equals(".") && !name.equals("..");
    }
}
