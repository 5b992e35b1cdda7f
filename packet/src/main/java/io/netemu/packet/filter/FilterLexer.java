package io.netemu.packet.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into libpcap's tokens: words (keywords, numbers, addresses such as
 * {@code 10.0.0.0/8} or {@code 02:00:00:00:00:01}, names such as {@code icmp-echo}, escaped
 * {@code \tcp}) and operators. Inside brackets a colon separates offset and size.
 */
final class FilterLexer {
    private FilterLexer() {}

    static List<String> lex(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isWord(c, depth)) {
                int j = i + 1;
                while (j < s.length() && isWord(s.charAt(j), depth)) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("&&", "||", "==", "!=", "<=", ">=", "<<", ">>").contains(two)) {
                    out.add(two);
                    i += 2;
                } else if ("()[]!&|=<>+-*/%^:".indexOf(c) >= 0) {
                    depth += c == '[' ? 1 : c == ']' ? -1 : 0;
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw FilterException.syntax();
                }
            }
        }
        return out;
    }

    private static boolean isWord(char c, int depth) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '\\'
                || (depth == 0 && (c == ':' || c == '/' || c == '-')); // a '-' in brackets is a minus
    }
}
