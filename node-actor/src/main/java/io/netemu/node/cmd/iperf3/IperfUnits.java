package io.netemu.node.cmd.iperf3;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * iperf3's number formats: {@code unit_snprintf} (four significant places and an adaptive unit:
 * bytes by 1024, bits by 1000) for the human report, {@code unit_atof}/{@code unit_atof_rate} for
 * option values, and cJSON's number text for {@code -J}.
 */
final class IperfUnits {
    private static final String[] BYTE = {"Byte", "KByte", "MByte", "GByte", "TByte"};
    private static final String[] BIT = {"bit", "Kbit", "Mbit", "Gbit", "Tbit"};

    private IperfUnits() {}

    /** unit_snprintf(.., 'A'): "12.4 MByte" (the report adds the "s"). */
    static String bytes(double n) {
        int conv = 0;
        while (n >= 1024.0 && conv < 4) {
            n /= 1024.0;
            conv++;
        }
        return fit(n) + " " + BYTE[conv];
    }

    /** unit_snprintf(.., 'a') of a byte rate given in bits per second: "94.1 Mbit". */
    static String bits(double bitsPerSec) {
        double n = bitsPerSec;
        int conv = 0;
        while (n >= 1000.0 && conv < 4) {
            n /= 1000.0;
            conv++;
        }
        return fit(n) + " " + BIT[conv];
    }

    /** Always four places: 9.99, 99.9, 999. */
    private static String fit(double n) {
        String f = n < 9.995 ? "%4.2f" : n < 99.95 ? "%4.1f" : "%4.0f";
        return String.format(Locale.ROOT, f, n);
    }

    /** unit_atof: "100M" = 100 * 1024 * 1024 (sizes: -n, -l, -w). */
    static long size(String s) {
        return (long) scaled(s, 1024);
    }

    /** unit_atof_rate: "100M" = 100 000 000 (rates: -b). */
    static long rate(String s) {
        return (long) scaled(s, 1000);
    }

    private static double scaled(String s, int base) {
        if (s.isEmpty()) {
            throw new NumberFormatException(s);
        }
        char u = Character.toLowerCase(s.charAt(s.length() - 1));
        double mult = switch (u) {
            case 'k' -> base;
            case 'm' -> (double) base * base;
            case 'g' -> (double) base * base * base;
            case 't' -> (double) base * base * base * base;
            default -> 1;
        };
        String num = mult == 1 ? s : s.substring(0, s.length() - 1);
        return Double.parseDouble(num) * mult;
    }

    /** cJSON_Print's number: an integer as such, else %1.15g, or %1.17g when 15 digits lose the value. */
    static String json(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
            return Long.toString((long) d);
        }
        String s = g(d, 15);
        return Double.parseDouble(s) == d ? s : g(d, 17);
    }

    /** C's %1.{p}g: p significant digits, trailing zeros dropped, exponent form outside [1e-5, 1e{p}). */
    private static String g(double d, int p) {
        BigDecimal b = new BigDecimal(d).round(new MathContext(p));
        int exp = b.precision() - b.scale() - 1;
        if (exp < -4 || exp >= p) {
            String m = b.unscaledValue().abs().toString();
            String digits = m.replaceAll("0+$", "");
            String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return (b.signum() < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "")
                    + Math.abs(exp);
        }
        String plain = b.toPlainString();
        if (plain.contains(".")) {
            plain = plain.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return plain;
    }
}
