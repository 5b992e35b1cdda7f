package io.netemu.ebpf.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One bpf_conformance {@code .data} file: the program (asm text, or raw slots when the file has
 * them), the input memory, and the expected r0 or error. Read as ISO-8859-1: some files carry a
 * stray non-UTF-8 byte in a comment.
 *
 * @param asm      the {@code -- asm} section's text, or null
 * @param raw      the {@code -- raw} slots, or null (they win over asm)
 * @param mem      the input memory, or null when there is none
 * @param result   the expected 64-bit r0, or null
 * @param error    the expected error line, or null
 */
public record ConformanceFile(String name, String asm, long[] raw, byte[] mem, Long result, String error) {

    public static ConformanceFile read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    /** Parses a file's text; {@link IllegalArgumentException} on a malformed section. */
    public static ConformanceFile parse(String name, String text) {
        StringBuilder asm = null;
        java.util.List<Long> raw = null;
        ByteArrayOutputStream mem = null;
        String resultLine = null;
        String error = null;
        String section = null;
        for (String line : text.split("\n", -1)) {
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.contains("--")) {
                // the upstream parser finds the keyword by substring search, in this order
                section = line.contains("asm") ? "asm" : line.contains("result") ? "result" : line.contains("mem") ? "mem"
                        : line.contains("raw") ? "raw" : line.contains("no register offset") ? "ignore"
                        : line.contains(" c") ? "ignore" : line.contains("error") ? "error" : null;
                if (section == null) throw new IllegalArgumentException(name + ": unknown section header '" + line + "'");
                if (section.equals("asm") && asm == null) asm = new StringBuilder();
                if (section.equals("raw") && raw == null) raw = new java.util.ArrayList<>();
                if (section.equals("mem") && mem == null) mem = new ByteArrayOutputStream();
                continue;
            }
            if (section == null || section.equals("ignore")) continue;
            if (section.equals("asm")) { asm.append(line).append('\n'); continue; } // the assembler strips comments
            int hash = line.indexOf('#');
            String body = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (body.isEmpty()) continue;
            switch (section) {
                case "raw" -> { for (String w : body.split("\\s+")) raw.add(number(name, w)); }
                case "mem" -> {
                    for (String b : body.split("\\s+")) {
                        try {
                            mem.write(Integer.parseInt(b, 16));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(name + ": bad mem byte '" + b + "'");
                        }
                    }
                }
                case "result" -> resultLine = body;
                case "error" -> error = body;
                default -> { }
            }
        }
        long[] rawSlots = raw == null ? null : raw.stream().mapToLong(Long::longValue).toArray();
        Long result = resultLine == null ? null : number(name, resultLine);
        return new ConformanceFile(name, asm == null ? null : asm.toString(), rawSlots,
                mem == null ? null : mem.toByteArray(), result, error);
    }

    private static long number(String name, String s) {
        try {
            String t = s.toLowerCase();
            if (t.contains("0x")) {
                boolean neg = t.startsWith("-");
                long v = Long.parseUnsignedLong(t.substring(t.indexOf("0x") + 2), 16);
                return neg ? -v : v;
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number '" + s + "'");
        }
    }
}
