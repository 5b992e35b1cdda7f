package io.netemu.node.cmd.bpftool;

import java.util.List;

/**
 * parse_elem and parse_bytes (bpftool/map.c): {@code key [hex] B...}, {@code value [hex] B...}
 * and the update flags. Each byte is read by strtoul (decimal, 0x hex, 0 octal; base 16 after
 * {@code hex}) and cut to its low 8 bits, so {@code 300} is 0x2c, as in bpftool; exactly as many
 * bytes as the key or value has are taken. A prog_array's value is {@code id N} or
 * {@code pinned P} (the program), resolved by the caller.
 */
final class ElemArgs {
    byte[] key;
    byte[] value;
    /** BPF_ANY, BPF_NOEXIST or BPF_EXIST. */
    long flags;
    /** For a prog_array: the words naming the program. */
    List<String> progValue;

    static ElemArgs parse(List<String> args, int at, int keySize, int valueSize, boolean wantKey, boolean wantValue,
                          boolean progValue) {
        ElemArgs e = new ElemArgs();
        int i = at;
        while (i < args.size()) {
            String w = args.get(i);
            if (Bpftool.is(w, "key")) {
                if (!wantKey || e.key != null) {
                    throw BpftoolExit.fail("key specified multiple times or not expected");
                }
                e.key = new byte[keySize];
                i = bytes(args, i + 1, "key", e.key);
            } else if (Bpftool.is(w, "value")) {
                if (!wantValue || e.value != null || e.progValue != null) {
                    throw BpftoolExit.fail("value specified multiple times or not expected");
                }
                if (progValue) {
                    if (i + 2 >= args.size()) {
                        throw BpftoolExit.fail("too few parameters for program");
                    }
                    e.progValue = args.subList(i + 1, Math.min(args.size(), i + 3));
                    i += 3;
                } else {
                    e.value = new byte[valueSize];
                    i = bytes(args, i + 1, "value", e.value);
                }
            } else if (Bpftool.is(w, "any")) {
                e.flags = 0;
                i++;
            } else if (Bpftool.is(w, "noexist")) {
                e.flags = 1;
                i++;
            } else if (Bpftool.is(w, "exist")) {
                e.flags = 2;
                i++;
            } else {
                throw BpftoolExit.fail("expected key or value, got: " + w);
            }
        }
        if (wantKey && e.key == null) {
            throw BpftoolExit.fail("did not find key");
        }
        if (wantValue && e.value == null && e.progValue == null) {
            throw BpftoolExit.fail("did not find value");
        }
        return e;
    }

    /** parse_bytes: fills {@code out}; returns where the words after the bytes start. */
    private static int bytes(List<String> args, int at, String name, byte[] out) {
        int base = 0;
        if (at < args.size() && Bpftool.is(args.get(at), "hex")) {
            base = 16;
            at++;
        }
        int n = 0;
        while (n < out.length && at + n < args.size()) {
            String w = args.get(at + n);
            Long v = base == 16 ? hex(w) : Bpftool.number(w);
            if (v == null) {
                throw BpftoolExit.fail("error parsing byte: " + w);
            }
            out[n++] = (byte) (long) v;
        }
        if (n != out.length) {
            throw BpftoolExit.fail(name + " expected " + out.length + " bytes got " + n);
        }
        return at + n;
    }

    private static Long hex(String w) {
        try {
            String s = w.startsWith("0x") || w.startsWith("0X") ? w.substring(2) : w;
            return Long.parseUnsignedLong(s, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
