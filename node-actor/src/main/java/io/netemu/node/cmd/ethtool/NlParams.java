package io.netemu.node.cmd.ethtool;

import io.netemu.node.cmd.CommandExit;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ethtool 6.1's parameter parser (netlink/parser.c nl_parser) for {@code -G}, {@code -L} and
 * {@code -C}: {@code NAME VALUE} pairs in any order, each becoming one 8-byte attribute in the
 * order typed (what the kernel's offsets count). Errors end the command with status 1 before
 * anything is sent.
 */
final class NlParams {
    enum Kind { U32, BOOL }

    /** A parameter ethtool knows for the subcommand; {@code attr} is the kernel attribute type (for "lowest first" checks). */
    record Spec(String name, Kind kind, int attr) {}

    /** A parsed parameter: its value (0/1 for booleans) and where its attribute sits in the request. */
    record Param(Spec spec, long value, int offset) {}

    private NlParams() {}

    /** The parameters by name, in the order typed. */
    static Map<String, Param> parse(String cmd, List<String> args, List<Spec> specs, int firstOffset) {
        Map<String, Param> out = new LinkedHashMap<>();
        int i = 0;
        while (i < args.size()) {
            String name = args.get(i);
            Spec spec = specs.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (spec == null) {
                throw bad(cmd, "unknown parameter '" + name + "'");
            }
            if (out.containsKey(name)) {
                throw bad(cmd, "duplicate parameter '" + name + "'");
            }
            if (i + 1 >= args.size()) {
                throw bad(cmd, "no value for parameter '" + name + "'");
            }
            String v = args.get(i + 1);
            long value = spec.kind() == Kind.BOOL ? bool(v) : u32(v);
            if (value < 0) {
                throw bad(cmd, "invalid value '" + v + "' for parameter '" + name + "'");
            }
            out.put(name, new Param(spec, value, firstOffset + 8 * out.size()));
            i += 2;
        }
        return out;
    }

    /** The parameter's value, or {@code current} when it was not given. */
    static long valueOr(Map<String, Param> p, String name, long current) {
        Param v = p.get(name);
        return v == null ? current : v.value();
    }

    static CommandExit bad(String cmd, String msg) {
        return new CommandExit(1, "ethtool (" + cmd + "): " + msg);
    }

    private static long bool(String v) {
        return switch (v) {
            case "on" -> 1;
            case "off" -> 0;
            default -> -1;
        };
    }

    /**
     * ethtool's parse_u32: "0x" and more is hex (parse_x32), anything else decimal
     * (parse_u32d, so "010" is 10); strtoul's leading blanks and sign are allowed, a minus wraps
     * (only "-0" stays valid), the whole word must be used and the value fit 32 bits. -1 when invalid.
     */
    static long u32(String v) {
        boolean hex = v.length() > 2 && v.charAt(0) == '0' && (v.charAt(1) == 'x' || v.charAt(1) == 'X');
        String s = hex ? v.substring(2) : v;
        int radix = hex ? 16 : 10;
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        String d = s.substring(i);
        if (d.isEmpty() || !d.chars().allMatch(c -> c < 128 && Character.digit(c, radix) >= 0)) {
            return -1;
        }
        BigInteger n = new BigInteger(d, radix);
        if (neg && n.signum() != 0) {
            return -1; // wraps to 2^64 - n: above UINT_MAX
        }
        return n.bitLength() > 32 ? -1 : n.longValue();
    }
}
