package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * nft's scanner (nftables src/scanner.l) for one source: flex's longest match among addresses,
 * numbers, time strings, words and quoted strings, keywords winning ties, {@code #} comments,
 * backslash-newline continuations. Contextual keywords (start conditions) are left as strings
 * for the parser to recognise where they apply.
 */
final class NftLexer {
    private static final Map<String, Kind> WORD_OPS = Map.ofEntries(
            Map.entry("eq", Kind.EQ), Map.entry("ne", Kind.NEQ), Map.entry("le", Kind.LTE), Map.entry("lt", Kind.LT),
            Map.entry("ge", Kind.GTE), Map.entry("gt", Kind.GT), Map.entry("lshift", Kind.LSHIFT),
            Map.entry("rshift", Kind.RSHIFT), Map.entry("xor", Kind.CARET), Map.entry("and", Kind.AMP),
            Map.entry("or", Kind.PIPE), Map.entry("not", Kind.NOT));

    private final NftSource src;
    private final String s;
    private int i;
    private int line = 1;
    private int lineStart;
    private int prevLineStart;
    private final List<NftToken> out = new ArrayList<>();

    private NftLexer(NftSource src) {
        this.src = src;
        this.s = src.text();
    }

    static List<NftToken> lex(NftSource src) {
        NftLexer l = new NftLexer(src);
        l.run();
        return l.out;
    }

    private int col() { return i - lineStart + 1; }

    private void emit(Kind k, String text, int start, int len) {
        int c = start - lineStart + 1;
        out.add(new NftToken(k, text, src, line, c, c + len - 1, lineStart));
    }

    private void run() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i += 2;
                newline();
            } else if (c == '\n') {
                emit(Kind.NEWLINE, "\n", i, 1);
                i++;
                newline();
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    emit(Kind.JUNK, "\"", i, 1);
                    i++;
                } else {
                    emit(Kind.QSTRING, s.substring(i + 1, end), i, end - i + 1);
                    i = end + 1;
                }
            } else if (!word() && !punct()) {
                emit(Kind.JUNK, String.valueOf(c), i, 1);
                i++;
            }
        }
        // at the start of an empty last line, nft still shows the line before
        int ls = i == lineStart && line > 1 ? prevLineStart : lineStart;
        out.add(new NftToken(Kind.EOF, "", src, line, i - lineStart + 1, i - lineStart + 1, ls));
    }

    private void newline() {
        prevLineStart = lineStart;
        line++;
        lineStart = i;
    }

    private boolean punct() {
        String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
        Kind k2 = switch (two) {
            case "==" -> Kind.EQ;
            case "!=" -> Kind.NEQ;
            case "<=" -> Kind.LTE;
            case ">=" -> Kind.GTE;
            case "<<" -> Kind.LSHIFT;
            case ">>" -> Kind.RSHIFT;
            default -> null;
        };
        if (k2 != null) {
            emit(k2, two, i, 2);
            i += 2;
            return true;
        }
        Kind k = switch (s.charAt(i)) {
            case '{' -> Kind.LBRACE;
            case '}' -> Kind.RBRACE;
            case '[' -> Kind.LBRACK;
            case ']' -> Kind.RBRACK;
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case ',' -> Kind.COMMA;
            case ':' -> Kind.COLON;
            case ';' -> Kind.SEMI;
            case '/' -> Kind.SLASH;
            case '-' -> Kind.DASH;
            case '*' -> Kind.ASTERISK;
            case '@' -> Kind.AT;
            case '$' -> Kind.DOLLAR;
            case '=' -> Kind.ASSIGN;
            case '+' -> Kind.PLUS;
            case '&' -> Kind.AMP;
            case '|' -> Kind.PIPE;
            case '^' -> Kind.CARET;
            case '!' -> Kind.NOT;
            case '<' -> Kind.LT;
            case '>' -> Kind.GT;
            case '.' -> Kind.DOT;
            default -> null;
        };
        if (k == null) {
            return false;
        }
        emit(k, s.substring(i, i + 1), i, 1);
        i++;
        return true;
    }

    /** Addresses, numbers, time strings, words: the longest match wins, earlier rules break ties. */
    private boolean word() {
        int ip4 = NftLexPatterns.ip4(s, i);
        int ip6 = NftLexPatterns.ip6(s, i);
        int time = NftLexPatterns.time(s, i);
        int hex = NftLexPatterns.hex(s, i);
        int dec = NftLexPatterns.dec(s, i);
        int classid = NftLexPatterns.classid(s, i);
        int str = NftLexPatterns.string(s, i);
        int ast = NftLexPatterns.asterisk(s, i);
        int best = Math.max(Math.max(Math.max(ip4, ip6), Math.max(time, hex)), Math.max(Math.max(dec, classid), Math.max(str, ast)));
        if (best <= 0 || (best == 1 && s.charAt(i) == '.')) {
            return false;
        }
        String text = s.substring(i, i + best);
        Kind kind;
        if (best == str && (WORD_OPS.containsKey(text) || NftToken.KEYWORDS.contains(text))) {
            kind = WORD_OPS.getOrDefault(text, Kind.KEYWORD);
        } else if (best == ip4 || best == ip6 || best == time) {
            kind = Kind.STRING;
        } else if (best == hex || best == dec) {
            kind = NftLexPatterns.numberValid(text) ? Kind.NUM : Kind.STRING;
        } else if (best == classid || best == str) {
            kind = Kind.STRING;
        } else {
            kind = Kind.ASTRING;
        }
        emit(kind, text, i, best);
        i += best;
        return true;
    }

}
