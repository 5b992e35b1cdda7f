package io.netemu.node.cmd.nft;

/** The regular definitions of nft's scanner.l as hand-written matchers: each returns the match length at an offset, 0 for none. */
final class NftLexPatterns {
    private NftLexPatterns() {}

    private static boolean digit(String s, int i) { return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; }
    private static boolean letter(String s, int i) {
        return i < s.length() && ((s.charAt(i) >= 'a' && s.charAt(i) <= 'z') || (s.charAt(i) >= 'A' && s.charAt(i) <= 'Z'));
    }
    private static boolean hexd(String s, int i) {
        return digit(s, i) || (i < s.length() && "abcdefABCDEF".indexOf(s.charAt(i)) >= 0);
    }

    private static int digits(String s, int i) {
        int j = i;
        while (digit(s, j)) {
            j++;
        }
        return j - i;
    }

    /** ip4addr: ([[:digit:]]{1,3}"."){3}([[:digit:]]{1,3}). */
    static int ip4(String s, int i) {
        int j = i;
        for (int part = 0; part < 4; part++) {
            int d = Math.min(digits(s, j), 3);
            if (d == 0) {
                return 0;
            }
            j += d;
            if (part < 3) {
                if (j >= s.length() || s.charAt(j) != '.') {
                    return 0;
                }
                j++;
            }
        }
        return j - i;
    }

    /** A loose ip6addr: hex digits, colons and dots with at least two colons. */
    static int ip6(String s, int i) {
        int j = i;
        int colons = 0;
        while (j < s.length() && (hexd(s, j) || s.charAt(j) == ':' || (s.charAt(j) == '.' && colons >= 2))) {
            colons += s.charAt(j) == ':' ? 1 : 0;
            j++;
        }
        return colons >= 2 ? j - i : 0;
    }

    /** timestring: ([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?, at least one part. */
    static int time(String s, int i) {
        int j = i;
        boolean any = false;
        for (String unit : new String[] {"d", "h", "m", "s", "ms"}) {
            int d = digits(s, j);
            if (d > 0 && s.startsWith(unit, j + d) && !(unit.equals("m") && s.startsWith("ms", j + d))) {
                j += d + unit.length();
                any = true;
            }
        }
        return any ? j - i : 0;
    }

    static int hex(String s, int i) {
        if (i + 2 < s.length() + 0 && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && hexd(s, i + 2)) {
            int j = i + 2;
            while (hexd(s, j)) {
                j++;
            }
            return j - i;
        }
        return 0;
    }

    static int dec(String s, int i) { return digits(s, i); }

    /** classid: {hexdigit}{1,4}:{hexdigit}{1,4} with trailing context [ \t\n:\-},]. */
    static int classid(String s, int i) {
        int j = i;
        while (j - i < 4 && hexd(s, j)) {
            j++;
        }
        if (j == i || j >= s.length() || s.charAt(j) != ':') {
            return 0;
        }
        int k = j + 1;
        while (k - j - 1 < 4 && hexd(s, k)) {
            k++;
        }
        if (k == j + 1 || (k < s.length() && " \t\n:-},".indexOf(s.charAt(k)) < 0)) {
            return 0;
        }
        return k - i;
    }

    /** string: ({letter}|[_.])({letter}|{digit}|[/\-_\.])*. */
    static int string(String s, int i) {
        if (!(letter(s, i) || (i < s.length() && (s.charAt(i) == '_' || s.charAt(i) == '.')))) {
            return 0;
        }
        int j = i + 1;
        while (letter(s, j) || digit(s, j) || (j < s.length() && "/-_.".indexOf(s.charAt(j)) >= 0)) {
            j++;
        }
        return j - i;
    }

    /** asteriskstring: {string}\* | {string}\\\* | \\\* | {string}\\\*{string}. */
    static int asterisk(String s, int i) {
        int st = string(s, i);
        int j = i + st;
        if (st > 0 && j < s.length() && s.charAt(j) == '*') {
            return st + 1;
        }
        if (s.startsWith("\\*", j)) {
            int tail = st > 0 ? string(s, j + 2) : 0;
            return st + 2 + tail;
        }
        return 0;
    }

    /** Whether strtoull takes the whole word: hex, or decimal, or octal when it starts with 0. */
    static boolean numberValid(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return text.length() <= 18;
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            return text.chars().allMatch(c -> c >= '0' && c <= '7');
        }
        return text.length() < 20;
    }
}
