package io.netemu.node.cmd.ip;

import static io.netemu.node.cmd.IprouteArgs.matchesOrEmpty;

import io.netemu.node.cmd.CommandExit;
import io.netemu.stack.neigh.NudState;

/**
 * Argument parsing for {@code ip neigh} as iproute2 6.1 does it (lib/utils.c get_addr_1,
 * get_prefix_1, get_addr_ipv4, get_netmask, ll_addr.c ll_addr_a2n, ipneigh.c nud_state_a2n),
 * with its error texts and exit statuses.
 */
final class IpNeighArgs {
    /** An IPv4 prefix filter; {@code any} matches every address (all, any, default). */
    record Prefix(int addr, int len, boolean any) {
        boolean matches(int ip) {
            return any || len == 0 || ((ip ^ addr) & (-1 << (32 - len))) == 0;
        }
    }

    /** get_addr_1's answer for "default", "all" and "any": no address, family unspecified. */
    static final long UNSPEC = -1;
    /** An IPv6 address: parsed by iproute2, never present in this IPv4-only emulation. */
    static final long INET6 = -2;

    private IpNeighArgs() {}

    /** get_addr: an address (as an unsigned int in a long), {@link #UNSPEC} or {@link #INET6}. */
    static long addr(String s, boolean inet4) {
        long a = addr1(s, inet4);
        if (a == Long.MIN_VALUE) {
            throw new CommandExit(1, "Error: " + family(inet4) + " address is expected rather than \"" + s + "\".\n");
        }
        return a;
    }

    private static long addr1(String s, boolean inet4) {
        if (s.equals("default") || s.equals("all") || s.equals("any")) {
            return inet4 ? 0 : UNSPEC;
        }
        if (s.indexOf(':') >= 0) {
            return inet4 ? Long.MIN_VALUE : INET6;
        }
        long v = ipv4(s);
        return v < 0 ? Long.MIN_VALUE : v;
    }

    /** get_prefix: {@code A.B.C.D[/LEN|/MASK]}, or all/any/default. */
    static Prefix prefix(String s, boolean inet4) {
        CommandExit bad = new CommandExit(1, "Error: " + family(inet4) + " prefix is expected rather than \"" + s + "\".\n");
        if (s.equals("default") || s.equals("all") || s.equals("any")) {
            return new Prefix(0, 0, true);
        }
        int slash = s.indexOf('/');
        long a = addr1(slash < 0 ? s : s.substring(0, slash), inet4);
        if (a == Long.MIN_VALUE) {
            throw bad;
        }
        if (a == INET6) {
            return new Prefix(0, -1, false); // matches no IPv4 entry
        }
        int len = 32;
        if (slash >= 0) {
            String m = s.substring(slash + 1);
            long n = unsigned(m);
            if (n < 0) {
                long mask = ipv4(m);
                n = mask < 0 || !contiguous((int) mask) ? -1 : Integer.bitCount((int) mask);
            }
            if (n < 0 || n > 32) {
                throw bad;
            }
            len = (int) n;
        }
        return new Prefix((int) a, len, false);
    }

    /** get_addr_ipv4: one to four parts, each strtoul(base 0) up to 255; missing parts are 0. -1 if invalid. */
    static long ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < 4; i++) {
            long p = 0;
            if (i < parts.length) {
                p = unsigned(parts[i]);
                if (p < 0 || p > 255) {
                    return -1;
                }
            }
            v = (v << 8) | p;
        }
        return v;
    }

    /** strtoul with base 0 over the whole string: decimal, 0x hex or 0 octal; -1 if not a number. */
    static long unsigned(String s) {
        try {
            if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '+') {
                return -1;
            }
            if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
                return Long.parseLong(s.substring(2), 16);
            }
            if (s.length() > 1 && s.charAt(0) == '0') {
                return Long.parseLong(s.substring(1), 8);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean contiguous(int mask) {
        return (~mask & (~mask + 1)) == 0;
    }

    /** ll_addr_a2n: colon-separated hex bytes, at most 20 of them. */
    static byte[] lladdr(String s) {
        if (s.indexOf('.') >= 0) {
            long a = ipv4(s);
            if (a < 0) {
                throw new CommandExit(1, "\"" + s + "\" is invalid lladdr.\n");
            }
            return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        }
        String[] parts = s.split(":", -1);
        int n = Math.min(parts.length, 20);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int v = scanHex(parts[i]);
            if (v < 0 || v > 255) {
                throw new CommandExit(1, "\"" + parts[i] + "\" is invalid lladdr.\n");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** sscanf("%x"): optional 0x, then as many hex digits as there are; -1 when none. */
    private static int scanHex(String s) {
        int i = s.startsWith("0x") || s.startsWith("0X") ? 2 : 0;
        long v = 0;
        int digits = 0;
        for (; i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && digits < 12; i++, digits++) {
            v = v * 16 + Character.digit(s.charAt(i), 16);
        }
        return digits == 0 ? -1 : (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** nud_state_a2n: the NUD bits, or -1 when the word is not a state. */
    static int nud(String s) {
        if (matchesOrEmpty(s, "permanent")) {
            return NudState.PERMANENT.bits();
        }
        if (matchesOrEmpty(s, "reachable")) {
            return NudState.REACHABLE.bits();
        }
        switch (s) {
            case "noarp": return NudState.NOARP.bits();
            case "none": return 0;
            case "stale": return NudState.STALE.bits();
            case "incomplete": return NudState.INCOMPLETE.bits();
            case "delay": return NudState.DELAY.bits();
            case "probe": return NudState.PROBE.bits();
            default: break;
        }
        if (matchesOrEmpty(s, "failed")) {
            return NudState.FAILED.bits();
        }
        long v = unsigned(s);
        return v < 0 || v >= 0x100 || (v & (v - 1)) != 0 ? -1 : (int) v;
    }

    /** The state whose bit is {@code bits} (a single bit, or 0 for NONE). */
    static NudState state(int bits) {
        for (NudState s : NudState.values()) {
            if (s.bits() == bits) {
                return s;
            }
        }
        return NudState.NONE;
    }

    private static String family(boolean inet4) {
        return inet4 ? "inet" : "any valid";
    }
}
