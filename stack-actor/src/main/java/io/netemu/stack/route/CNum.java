package io.netemu.stack.route;

/** C's strtoul(s, &end, 0) as iproute2's get_unsigned and get_addr_ipv4 use it (hex 0x.., octal 0..). */
public final class CNum {
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
        int i = from;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
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
        if (i == start) {
            end[0] = 0;
            return 0;
        }
        end[0] = i;
        return neg && v != 0 ? Long.MAX_VALUE : v;
    }
}
