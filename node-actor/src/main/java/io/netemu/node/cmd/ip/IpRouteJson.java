package io.netemu.node.cmd.ip;

/**
 * iproute2's lib/json_writer.c for {@code ip -j [-p] route}: the same separators, and in pretty
 * mode the same four-space indents and {@code [ ... ]} array spacing, so output matches byte for byte.
 */
final class IpRouteJson {
    private final StringBuilder out;
    private final boolean pretty;
    private int depth;
    private char sep;

    IpRouteJson(StringBuilder out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    void startObject() { begin('{'); }
    void endObject() { end('}'); }

    void startArray() {
        begin('[');
        if (pretty) {
            out.append(' ');
        }
    }

    void endArray() {
        if (pretty && sep != 0) {
            out.append(' ');
        }
        sep = 0;
        end(']');
    }

    void name(String n) {
        eor();
        eol();
        sep = 0;
        puts(n);
        out.append(':');
        if (pretty) {
            out.append(' ');
        }
    }

    void string(String v) {
        eor();
        puts(v);
    }

    void number(long v) {
        eor();
        out.append(v);
    }

    void field(String n, String v) {
        name(n);
        string(v);
    }

    void field(String n, long v) {
        name(n);
        number(v);
    }

    void array(String n) {
        name(n);
        startArray();
    }

    /** jsonw_destroy: the final newline. */
    void close() { out.append('\n'); }

    private void begin(char c) {
        eor();
        out.append(c);
        depth++;
        sep = 0;
    }

    private void end(char c) {
        depth--;
        if (sep != 0) {
            eol();
        }
        out.append(c);
        sep = ',';
    }

    private void eor() {
        if (sep != 0) {
            out.append(sep);
        }
        sep = ',';
    }

    private void eol() {
        if (pretty) {
            out.append('\n');
            out.append("    ".repeat(depth));
        }
    }

    private void puts(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '\b' -> out.append("\\b");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
