package io.netemu.node.cmd.json;

/**
 * A streaming JSON writer that writes byte for byte what iproute2's {@code lib/json_writer.c}
 * writes, so {@code ip -j} and {@code ip -j -p} output matches the real tools.
 *
 * <pre>
 *   compact:  [{"ifindex":1,"flags":["UP"]}]
 *   pretty:   [ {
 *                     "ifindex": 1,
 *                     "flags": [ "UP" ]
 *                 } ]
 * </pre>
 *
 * <p><b>Pitfalls.</b> The pretty layout is iproute2's, not a general one: arrays open with
 * {@code "[ "}, elements of an array stay on one line, and the separator before an object in an
 * array is a bare comma ({@code "},{"}). Strings escape {@code '} as {@code \'} (as jsonw_puts
 * does, though it is not valid JSON). Values are not validated; callers keep the nesting right.
 */
public final class JsonWriter {
    private final StringBuilder out;
    private final boolean pretty;
    private int depth;
    /** jsonw's {@code sep}: 0 before the first member of a collection, then ','. */
    private char sep;

    public JsonWriter(StringBuilder out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    /** jsonw_eol. */
    private void eol() {
        if (!pretty) {
            return;
        }
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("    ");
        }
    }

    /** jsonw_eor: a comma when the collection already holds a member. */
    private void eor() {
        if (sep != 0) {
            out.append(sep);
        }
        sep = ',';
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

    /** A property name; the value written next belongs to it. */
    public JsonWriter name(String name) {
        eor();
        eol();
        sep = 0;
        puts(name);
        out.append(':');
        if (pretty) {
            out.append(' ');
        }
        return this;
    }

    public JsonWriter startObject() {
        begin('{');
        return this;
    }

    public JsonWriter endObject() {
        end('}');
        return this;
    }

    public JsonWriter startArray() {
        begin('[');
        if (pretty) {
            out.append(' ');
        }
        return this;
    }

    public JsonWriter endArray() {
        if (pretty && sep != 0) {
            out.append(' ');
        }
        sep = 0;
        end(']');
        return this;
    }

    public JsonWriter string(String value) {
        eor();
        puts(value);
        return this;
    }

    /** A value written as is: a number ({@code 1500}, {@code 0.00}), {@code true}, {@code null}. */
    public JsonWriter raw(String value) {
        eor();
        out.append(value);
        return this;
    }

    public JsonWriter number(long value) {
        return raw(Long.toString(value));
    }

    public JsonWriter bool(boolean value) {
        return raw(value ? "true" : "false");
    }

    public JsonWriter nul() {
        return raw("null");
    }

    /** jsonw_destroy: the document ends with a newline. */
    public void finish() {
        out.append('\n');
    }

    /** jsonw_puts: C escapes, no Unicode escapes. */
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
                case '\'' -> out.append("\\'");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
