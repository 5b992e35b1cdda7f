package io.netemu.node.cmd.json;

/**
 * A streaming JSON writer that writes byte for byte what iproute2's {@code lib/json_writer.c}
 * writes, so {@code ip -j}, {@code ip -j -p} and {@code bridge -j [-p]} output matches the real tools.
 * Every JSON form of {@code ip} and {@code bridge} goes through here.
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
 * array is a bare comma ({@code "},{"}). Strings get C escapes, no Unicode escapes. iproute2 6.1
 * writes {@code '} as is (checked with its {@code ip -j route}, {@code ip -j link}, {@code bridge -j
 * fdb}); {@code ip route} here does too, while {@code ip link}, {@code ip address}, {@code ip neigh}
 * and {@code bridge} have always written {@code \'} ({@link #escapingApostrophes}), kept as they
 * were until they are aligned on purpose. Values are not validated; callers keep the nesting right.
 */
public final class JsonWriter {
    private final StringBuilder out;
    private final boolean pretty;
    /** Whether {@code '} is written as {@code \'} (see the class comment). */
    private final boolean escapeApostrophe;
    private int depth;
    /** jsonw's {@code sep}: 0 before the first member of a collection, then ','. */
    private char sep;

    /** jsonw_new: iproute2 6.1's escapes exactly ({@code '} as is). */
    public JsonWriter(StringBuilder out, boolean pretty) {
        this(out, pretty, false);
    }

    private JsonWriter(StringBuilder out, boolean pretty, boolean escapeApostrophe) {
        this.out = out;
        this.pretty = pretty;
        this.escapeApostrophe = escapeApostrophe;
    }

    /**
     * The writer {@code ip link}, {@code ip address}, {@code ip neigh} and {@code bridge} have
     * always used: as {@link #JsonWriter(StringBuilder, boolean)} but {@code '} becomes {@code \'}.
     */
    public static JsonWriter escapingApostrophes(StringBuilder out, boolean pretty) {
        return new JsonWriter(out, pretty, true);
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

    /** jsonw_puts: C escapes, no Unicode escapes; {@code '} as the class comment says. */
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
                case '\'' -> out.append(escapeApostrophe ? "\\'" : "'");
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
