package io.netemu.node.cmd.ip;

/** fnmatch(3) without flags: {@code *}, {@code ?}, {@code [a-z]}, {@code [!x]} and backslash escapes. */
final class Glob {
    private Glob() {}

    static boolean matches(String pattern, String s) {
        return match(pattern, 0, s, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi + 1, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                case '[' -> {
                    int end = classEnd(p, pi);
                    if (end < 0) {
                        if (si >= s.length() || s.charAt(si) != '[') {
                            return false;
                        }
                        pi++;
                        si++;
                    } else {
                        if (si >= s.length() || !inClass(p, pi + 1, end, s.charAt(si))) {
                            return false;
                        }
                        pi = end + 1;
                        si++;
                    }
                }
                default -> {
                    if (c == '\\' && pi + 1 < p.length()) {
                        c = p.charAt(++pi);
                    }
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
    }

    /** The index of the ']' closing the class opened at {@code open}, or -1. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            i++;
        }
        return i < p.length() ? i : -1;
    }

    private static boolean inClass(String p, int from, int end, char c) {
        boolean neg = p.charAt(from) == '!' || p.charAt(from) == '^';
        int i = neg ? from + 1 : from;
        boolean hit = false;
        boolean first = true;
        while (i < end) {
            char lo = p.charAt(i);
            if (lo == ']' && !first) {
                break;
            }
            first = false;
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                hit |= c >= lo && c <= p.charAt(i + 2);
                i += 3;
            } else {
                hit |= c == lo;
                i++;
            }
        }
        return hit != neg;
    }
}
