package io.netemu.node.cmd.sysctl;

import java.util.List;

/**
 * What the kernel makes of a value written to a {@code /proc/sys} file: integer vectors are
 * parsed as proc_dointvec does (C base 0, words past the vector ignored, words missing keep
 * their old value, out of int range is EINVAL), strings are stored trimmed.
 */
final class SysctlValues {
    /** A write the kernel refuses, with the strerror text sysctl prints. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String strerror) {
            super(strerror, null, false, false);
        }
    }

    static final String EINVAL = "Invalid argument";
    static final String ENOENT = "No such file or directory";
    private static final List<String> CONGESTION_CONTROL = List.of("reno", "cubic");

    private SysctlValues() {}

    /** The value the file holds after {@code value} is written over {@code old}. */
    static String write(String key, String old, String value) throws Refused {
        String v = value.strip();
        if (key.equals("net.ipv4.tcp_congestion_control")) {
            if (!CONGESTION_CONTROL.contains(v)) {
                throw new Refused(ENOENT);
            }
            return v;
        }
        if (!old.matches("-?\\d+(\t-?\\d+)*")) {
            return v;
        }
        if (v.isEmpty()) {
            throw new Refused(EINVAL);
        }
        String[] have = old.split("\t");
        String[] words = v.split("\\s+");
        int n = Math.min(have.length, words.length);
        for (int i = 0; i < n; i++) {
            have[i] = Long.toString(integer(words[i]));
        }
        return String.join("\t", have);
    }

    /** proc_get_long + do_proc_dointvec_conv: an optional '-', digits in C base 0, int range. */
    private static long integer(String w) throws Refused {
        boolean neg = w.startsWith("-");
        String s = neg ? w.substring(1) : w;
        int base = 10;
        if (s.length() > 1 && s.charAt(0) == '0') {
            if ((s.charAt(1) == 'x' || s.charAt(1) == 'X') && s.length() > 2) {
                base = 16;
                s = s.substring(2);
            } else {
                base = 8;
                s = s.substring(1);
            }
        }
        if (s.isEmpty()) {
            throw new Refused(EINVAL);
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0) {
                throw new Refused(EINVAL);
            }
            v = v * base + d;
            if (v > (long) Integer.MAX_VALUE + 1) {
                throw new Refused(EINVAL);
            }
        }
        if (!neg && v > Integer.MAX_VALUE) {
            throw new Refused(EINVAL);
        }
        return neg ? -v : v;
    }
}
