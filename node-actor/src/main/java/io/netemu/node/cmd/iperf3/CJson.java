package io.netemu.node.cmd.iperf3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON iperf3 speaks and prints, as its bundled cJSON does: values are {@code Map} (insertion
 * order), {@code List}, {@code String}, {@code Number}, {@code Boolean}. {@link #print} is
 * cJSON_Print (tabs, {@code "key":\tvalue}, arrays on one line as {@code [{...}, {...}]});
 * {@link #compact} is cJSON_PrintUnformatted, what goes over the control connection.
 */
public final class CJson {
    private CJson() {}

    static String print(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, 0, true);
        return b.toString();
    }

    static String compact(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, 0, false);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, int depth, boolean fmt) {
        switch (v) {
            case null -> b.append("null");
            case String s -> string(b, s);
            case Boolean x -> b.append(x);
            case Number n -> b.append(IperfUnits.json(n.doubleValue()));
            case Map<?, ?> m -> {
                b.append('{');
                if (fmt) {
                    b.append('\n');
                }
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (fmt) {
                        b.append("\t".repeat(depth + 1));
                    }
                    string(b, (String) e.getKey());
                    b.append(':');
                    if (fmt) {
                        b.append('\t');
                    }
                    write(b, e.getValue(), depth + 1, fmt);
                    if (++i < m.size()) {
                        b.append(',');
                    }
                    if (fmt) {
                        b.append('\n');
                    }
                }
                if (fmt) {
                    b.append("\t".repeat(depth));
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        b.append(fmt ? ", " : ",");
                    }
                    write(b, l.get(i), depth + 1, fmt);
                }
                b.append(']');
            }
            default -> throw new IllegalArgumentException("not JSON: " + v.getClass());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** Parses a JSON text (what a peer sent); numbers come back as Double or Long. */
    public static Object parse(String s) {
        Parser p = new Parser(s);
        Object v = p.value();
        p.ws();
        if (p.i != s.length()) {
            throw new IllegalArgumentException("trailing text at " + p.i);
        }
        return v;
    }

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        Object value() {
            ws();
            if (i >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = str();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i++) == '}') {
                            return m;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i++) == ']') {
                            return l;
                        }
                    }
                }
                case '"' -> { return str(); }
                default -> {
                    if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
                    if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
                    if (s.startsWith("null", i)) { i += 4; return null; }
                    int st = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String num = s.substring(st, i);
                    if (num.isEmpty()) {
                        throw new IllegalArgumentException("bad JSON at " + st);
                    }
                    return num.matches("-?\\d+") ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
                }
            }
        }

        void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
            }
        }

        String str() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }
    }

    /** A number member of an object (0 when absent). */
    static double num(Map<?, ?> m, String k) {
        return m.get(k) instanceof Number n ? n.doubleValue() : 0;
    }
}
