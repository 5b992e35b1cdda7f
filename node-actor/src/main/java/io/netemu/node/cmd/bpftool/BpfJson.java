package io.netemu.node.cmd.bpftool;

/**
 * bpftool's json_writer.c (the copy bpftool 7.1 carries, older than iproute2's): pretty output
 * indents by four per level and keeps an array's elements on one line, without the spaces
 * iproute2's newer copy puts inside brackets. {@code -j} is compact, {@code -p} pretty, and
 * dumps of maps with BTF are always pretty.
 */
final class BpfJson {
    private final StringBuilder out;
    private final boolean pretty;
    private int depth;
    private char sep;

    BpfJson(StringBuilder out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    private void eol() {
        if (pretty) {
            out.append('\n');
            out.append("    ".repeat(depth));
        }
    }

    private void eor() {
        if (sep != 0) {
            out.append(sep);
        }
        sep = ',';
    }

    BpfJson name(String n) {
        eor();
        eol();
        sep = 0;
        str(n);
        out.append(pretty ? ": " : ":");
        return this;
    }

    BpfJson startObject() { return begin('{'); }

    BpfJson endObject() { return end('}'); }

    BpfJson startArray() { return begin('['); }

    BpfJson endArray() { return end(']'); }

    private BpfJson begin(char c) {
        eor();
        out.append(c);
        depth++;
        sep = 0;
        return this;
    }

    private BpfJson end(char c) {
        depth--;
        if (sep != 0) {
            eol();
        }
        out.append(c);
        sep = ',';
        return this;
    }

    BpfJson string(String v) {
        eor();
        str(v);
        return this;
    }

    BpfJson raw(String v) {
        eor();
        out.append(v);
        return this;
    }

    BpfJson number(long v) { return raw(Long.toString(v)); }

    BpfJson bool(boolean v) { return raw(v ? "true" : "false"); }

    /** The document's end: bpftool's jsonw_destroy adds the newline. */
    void finish() { out.append('\n'); }

    private void str(String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    /** Bytes as bpftool's JSON writes them: {@code ["0x0a","0x09"]}. */
    BpfJson hexArray(byte[] b) {
        startArray();
        for (byte x : b) {
            string(String.format("0x%02x", x & 0xff));
        }
        return endArray();
    }
}
