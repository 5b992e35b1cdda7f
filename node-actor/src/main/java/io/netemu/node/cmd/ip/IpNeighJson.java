package io.netemu.node.cmd.ip;

/**
 * The JSON iproute2's lib/json_writer.c writes (jsonw_*), compact or pretty, byte for byte:
 * arrays open with {@code "[ "} when pretty, elements of an array stay on one line, objects in an
 * array are separated by a bare comma ({@code "},{"}), and the document ends with a newline.
 * (A private copy, so this command does not depend on another's writer; they should converge.)
 */
final class IpNeighJson {
    private final StringBuilder out;
    private final boolean pretty;
    private int depth;
    /** jsonw's sep: 0 before the first member of a collection, then ','. */
    private char sep;

    IpNeighJson(StringBuilder out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    IpNeighJson startArray() {
        begin('[');
        if (pretty) {
            out.append(' ');
        }
        return this;
    }

    IpNeighJson endArray() {
        if (pretty && sep != 0) {
            out.append(' ');
        }
        sep = 0;
        end(']');
        return this;
    }

    IpNeighJson startObject() {
        begin('{');
        return this;
    }

    IpNeighJson endObject() {
        end('}');
        return this;
    }

    /** jsonw_name: the value written next belongs to it. */
    IpNeighJson name(String name) {
        eor();
        eol();
        sep = 0;
        quote(name);
        out.append(pretty ? ": " : ":");
        return this;
    }

    IpNeighJson string(String v) {
        eor();
        quote(v);
        return this;
    }

    IpNeighJson number(long v) {
        eor();
        out.append(v);
        return this;
    }

    IpNeighJson bool(boolean v) {
        eor();
        out.append(v);
        return this;
    }

    IpNeighJson nul() {
        eor();
        out.append("null");
        return this;
    }

    /** jsonw_destroy. */
    void finish() {
        out.append('\n');
    }

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
            out.append('\n').append("    ".repeat(depth));
        }
    }

    /** jsonw_puts: C escapes; iproute2 also escapes ' as \'. */
    private void quote(String s) {
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
                case '\'' -> out.append("\\'");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
