package io.netemu.topologies.lab;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the values a lab file writes as text: durations, rates, percentages and
 * interface names. Each throws {@link IllegalArgumentException} whose message quotes the text
 * and says what was expected, ready to follow a {@code FILE:LINE:COL: key: } prefix.
 */
public final class LabValues {

    /** IFNAMSIZ: 16 bytes including the terminating NUL. */
    public static final int IFNAMSIZ = 16;

    // A non-negative decimal number and a unit made of letters (or µ, or %).
    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([A-Za-zµ%]*)");

    private static final Map<String, Long> DURATION_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    // tc(8) RATES, matched case-insensitively as tc's get_rate() does with strcasecmp: "bit" or a
    // bare number is bits/s, "bps" is *bytes*/s; SI prefixes are powers of 1000, IEC (ki, mi...) of 1024.
    private static final Map<String, Long> RATE_BITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("bit", 1L),
            Map.entry("kbit", 1_000L), Map.entry("mbit", 1_000_000L),
            Map.entry("gbit", 1_000_000_000L), Map.entry("tbit", 1_000_000_000_000L),
            Map.entry("kibit", 1L << 10), Map.entry("mibit", 1L << 20),
            Map.entry("gibit", 1L << 30), Map.entry("tibit", 1L << 40),
            Map.entry("bps", 8L), Map.entry("kbps", 8_000L), Map.entry("mbps", 8_000_000L),
            Map.entry("gbps", 8_000_000_000L), Map.entry("tbps", 8_000_000_000_000L),
            Map.entry("kibps", 8L << 10), Map.entry("mibps", 8L << 20),
            Map.entry("gibps", 8L << 30), Map.entry("tibps", 8L << 40));

    private LabValues() {
    }

    /**
     * {@code 10us}, {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, {@code 250ns}, decimals such as
     * {@code 1.5ms}; a bare number is seconds (unlike tc, whose bare times are microseconds).
     * Rounded to the nearest nanosecond.
     */
    public static long parseDurationNanos(String text) {
        Matcher m = match(text);
        Long unit = m == null ? null : DURATION_NANOS.get(m.group(2).isEmpty() ? "s" : m.group(2));
        if (unit == null && text != null && text.strip().startsWith("-")) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": cannot be negative");
        }
        if (unit == null) {
            throw new IllegalArgumentException("invalid duration \"" + text
                    + "\": expected a number and a unit ns, us, ms, s, m or h (e.g. 10us, 500ms, 2s, 1m);"
                    + " a bare number is seconds");
        }
        return scale(m.group(1), unit, "duration", text);
    }

    /**
     * A rate in tc's units, case-insensitive: {@code 100mbit}, {@code 1gbit}, {@code 1000000bit},
     * {@code 10kbps} (= 80,000 bit/s); a bare number is bits/s, as tc(8) says ("bit or a bare
     * number: bits per second"). 0 means unlimited, as netem's {@code rate 0}.
     */
    public static long parseRateBitsPerSec(String text) {
        Matcher m = match(text);
        if (m != null && m.group(2).endsWith("%")) {
            throw new IllegalArgumentException("invalid rate \"" + text
                    + "\": a percentage of the device speed has no meaning for a veth; give bits per second, e.g. 100mbit");
        }
        Long unit = m == null ? null : RATE_BITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw new IllegalArgumentException("invalid rate \"" + text
                    + "\": expected a number and one of tc's units bit, kbit, mbit, gbit, tbit (bits/s)"
                    + " or bps, kbps, mbps, gbps, tbps (bytes/s), e.g. 100mbit; a bare number is bits/s");
        }
        long bits = scale(m.group(1), unit, "rate", text);
        if (bits == 0 && new BigDecimal(m.group(1)).signum() != 0) {
            throw new IllegalArgumentException("invalid rate \"" + text + "\": less than 1 bit/s");
        }
        return bits;
    }

    /** {@code 0.5%} or a bare {@code 0.5} (also a percentage), from 0 to 100. */
    public static double parsePercent(String text) {
        String t = text == null ? "" : text.strip();
        String number = t.endsWith("%") ? t.substring(0, t.length() - 1).stripTrailing() : t;
        if (number.matches("\\d+(\\.\\d*)?|\\.\\d+")) {
            double pct = Double.parseDouble(number);
            if (pct <= 100) {
                return pct;
            }
        }
        throw new IllegalArgumentException("invalid percentage \"" + text
                + "\": expected a number from 0 to 100, e.g. 0.5% (a bare number is a percentage)");
    }

    /**
     * Checks a Linux interface name as the kernel's {@code dev_valid_name()} does: 1 to 15 bytes,
     * not {@code .} or {@code ..}, without {@code /}, {@code :} or white space.
     */
    public static String checkInterfaceName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name \"" + name + "\" is " + bytes
                    + " bytes long; Linux allows at most " + (IFNAMSIZ - 1) + " (IFNAMSIZ)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("interface name \"" + name + "\" is not allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c)) {
                String what = Character.isWhitespace(c) ? "white space" : "'" + c + "'";
                throw new IllegalArgumentException("interface name \"" + name + "\" contains " + what
                        + ", which Linux does not allow in interface names");
            }
        }
        return name;
    }

    private static Matcher match(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER_UNIT.matcher(text.strip());
        return m.matches() ? m : null;
    }

    private static long scale(String number, long unit, String what, String text) {
        try {
            return new BigDecimal(number).multiply(BigDecimal.valueOf(unit))
                    .setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("invalid " + what + " \"" + text + "\": too large");
        }
    }
}
