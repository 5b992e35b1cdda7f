package io.netemu.stack.route;

/**
 * C's strtoul/strtol in base 0 as iproute2 parses numbers (get_unsigned, get_integer,
 * get_addr_ipv4): leading white space, a sign, {@code 0x..} hexadecimal, {@code 0..} octal.
 * The one number parser of the route code and of the {@code ip} and {@code bridge} commands.
 */
public final class CNum {
    /** The largest magnitude {@link #strtol} takes: every caller wants at most 32 bits. */
    private static final long STRTOL_MAX = 0xFFFF_FFFF_FFFFL;

    private CNum() {}

    /** The value of the whole word, or -1 if it is not a number or is above 2^32-1. */
    public static long strtoul(String s) {
        int[] end = new int[1];
        long v = strtoul(s, 0, end);
        return end[0] == 0 || end[0] != s.length() || v > 0xFFFF_FFFFL ? -1 : v;
    }

    /**
     * Parses from {@code from}; {@code end[0]} gets the index after the number (0 if there are no digits).
     * Values above 2^32 saturate (2^63-1), a minus sign makes any non-zero value huge, as on LP64.
     */
    public static long strtoul(String s, int from, int[] end) {
        boolean[] neg = new boolean[1];
        long v = magnitude(s, from, end, neg);
        return neg[0] && v != 0 ? Long.MAX_VALUE : v;
    }

    /**
     * strtol over the whole word, sign kept; null if it is not a number or its magnitude is
     * beyond 48 bits (refused early rather than saturated: no caller wants that many).
     */
    public static Long strtol(String s) {
        int[] end = new int[1];
        boolean[] neg = new boolean[1];
        long v = magnitude(s, 0, end, neg);
        if (end[0] == 0 || end[0] != s.length() || v > STRTOL_MAX) {
            return null;
        }
        return neg[0] ? -v : v;
    }

    /** The digits' value, saturating at 2^63-1; {@code end[0]} as in strtoul, {@code neg[0]} the sign. */
    private static long magnitude(String s, int from, int[] end, boolean[] neg) {
        int i = from;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg[0] = s.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            base = 16;
            i += 2;
        } else if (i < n && s.charAt(i) == '0') {
            base = 8;
        }
        int start = i;
        long v = 0;
        while (i < n && Character.digit(s.charAt(i), base) >= 0) {
            v = v > (Long.MAX_VALUE >> 5) ? Long.MAX_VALUE : v * base + Character.digit(s.charAt(i), base);
            i++;
        }
        end[0] = i == start ? 0 : i;
        return i == start ? 0 : v;
    }
}
