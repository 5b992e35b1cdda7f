package io.netemu.node.cmd.ip;

import io.netemu.stack.dev.DevStats;
import java.util.Locale;

/**
 * {@code ip -s link}'s counters: print_stats64 in ip/ipaddress.c (iproute2 6.1), columns sized
 * to the widest value (size_columns) and numbers right-aligned (print_num). Counters netemu
 * does not keep (length, crc, frame, fifo, aborted, window, heartbeat, carrier changes) are 0.
 */
final class StatsFormatter {
    private StatsFormatter() {}

    /** print_stats64 under the "stats64" key; {@code level} is how many {@code -s} were given. */
    static void print(Printer p, DevStats s, int level, boolean human, boolean iec) {
        if (p.json()) {
            json(p, s, level);
            return;
        }
        String sl = p.sl();
        int[] cols = {"*X errors:".length(), "packets".length(), "errors".length(), "dropped".length(),
                "heartbt".length(), "overrun".length(), "compressed".length(), "otherhost".length()};
        if (!human) {
            size(cols, s.rxBytes(), s.rxPackets(), s.rxErrors(), s.rxDropped(), s.rxMissed(), s.multicast(), 0, 0);
            size(cols, s.txBytes(), s.txPackets(), s.txErrors(), s.txDropped(), s.txCarrierErrors(),
                    s.collisions(), 0, 0);
        }
        StringBuilder b = new StringBuilder();
        header(b, "    RX: ", cols, "bytes", "packets", "errors", "dropped", "missed", "mcast").append(sl);
        b.append("    ");
        nums(b, cols, human, iec, s.rxBytes(), s.rxPackets(), s.rxErrors(), s.rxDropped(), s.rxMissed(), s.multicast());
        if (level > 1) {
            b.append(sl);
            errHeader(b, "    RX errors:", cols, "length", "crc", "frame", "fifo", "overrun").append(sl);
            zeroErrors(b, cols, human, iec);
        }
        b.append(sl);
        header(b, "    TX: ", cols, "bytes", "packets", "errors", "dropped", "carrier", "collsns").append(sl);
        b.append("    ");
        nums(b, cols, human, iec, s.txBytes(), s.txPackets(), s.txErrors(), s.txDropped(), s.txCarrierErrors(),
                s.collisions());
        if (level > 1) {
            b.append(sl);
            errHeader(b, "    TX errors:", cols, "aborted", "fifo", "window", "heartbt", "transns").append(sl);
            zeroErrors(b, cols, human, iec);
        }
        p.fp(b.toString());
    }

    private static void json(Printer p, DevStats s, int level) {
        p.openObject("stats64");
        p.openObject("rx");
        p.jsonNum("bytes", s.rxBytes());
        p.jsonNum("packets", s.rxPackets());
        p.jsonNum("errors", s.rxErrors());
        p.jsonNum("dropped", s.rxDropped());
        p.jsonNum("over_errors", 0);
        p.jsonNum("multicast", s.multicast());
        if (level > 1) {
            p.jsonNum("length_errors", 0);
            p.jsonNum("crc_errors", 0);
            p.jsonNum("frame_errors", 0);
            p.jsonNum("fifo_errors", 0);
            p.jsonNum("missed_errors", s.rxMissed());
        }
        p.closeObject();
        p.openObject("tx");
        p.jsonNum("bytes", s.txBytes());
        p.jsonNum("packets", s.txPackets());
        p.jsonNum("errors", s.txErrors());
        p.jsonNum("dropped", s.txDropped());
        p.jsonNum("carrier_errors", s.txCarrierErrors());
        p.jsonNum("collisions", s.collisions());
        if (level > 1) {
            p.jsonNum("aborted_errors", 0);
            p.jsonNum("fifo_errors", 0);
            p.jsonNum("window_errors", 0);
            p.jsonNum("heartbeat_errors", 0);
            p.jsonNum("carrier_changes", 0);
        }
        p.closeObject();
        p.closeObject();
    }

    /** {@code "    RX: %*s %*s %*s %*s %*s %*s %*s"}: the last column is the empty "compressed" one. */
    private static StringBuilder header(StringBuilder b, String lead, int[] cols, String... names) {
        b.append(lead).append(pad(cols[0] - 4, names[0]));
        for (int i = 1; i < names.length; i++) {
            b.append(' ').append(pad(cols[i], names[i]));
        }
        return b.append(' ').append(pad(cols[6], ""));
    }

    /** {@code "    RX errors:%*s %*s %*s %*s %*s %*s"} with an empty first column. */
    private static StringBuilder errHeader(StringBuilder b, String lead, int[] cols, String... names) {
        b.append(lead).append(pad(cols[0] - 10, ""));
        for (int i = 0; i < names.length; i++) {
            b.append(' ').append(pad(cols[i + 1], names[i]));
        }
        return b;
    }

    /** C's {@code %*s}: right-aligned in at least {@code width} characters. */
    static String pad(int width, String s) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** size_columns: widen each column to its value's digit count. */
    private static void size(int[] cols, long... vals) {
        for (int i = 0; i < cols.length; i++) {
            int len = Long.toUnsignedString(vals[i]).length();
            cols[i] = Math.max(cols[i], len);
        }
    }

    /** print_num: right-aligned in {@code width}, or 1.5k/2.25M under {@code -h}. */
    static void num(StringBuilder b, int width, long count, boolean human, boolean iec) {
        int base = iec ? 1024 : 1000;
        if (!human || Long.compareUnsigned(count, base) < 0) {
            b.append(pad(width, Long.toUnsignedString(count))).append(' ');
            return;
        }
        String prefix = "kMGTPE";
        int pi = 0;
        long powi = 1;
        while (true) {
            powi *= base;
            if (Long.divideUnsigned(count, base) < powi) {
                break;
            }
            if (pi + 1 >= prefix.length()) {
                break;
            }
            pi++;
        }
        int precision = 2;
        long powj = 1;
        for (; precision > 0; precision--) {
            powj *= 10;
            if (Long.divideUnsigned(count, powi) < powj) {
                break;
            }
        }
        String v = String.format(Locale.ROOT, "%." + precision + "f%c%s", (double) count / powi, prefix.charAt(pi),
                iec ? "i" : "");
        b.append(pad(width, v)).append(' ');
    }

    /** One row of counters, each in its column. */
    private static void nums(StringBuilder b, int[] cols, boolean human, boolean iec, long... values) {
        for (int i = 0; i < values.length; i++) {
            num(b, cols[i], values[i], human, iec);
        }
    }

    /** The {@code -s -s} error row: netemu keeps none of these counters, so they read 0 as on a veth. */
    private static void zeroErrors(StringBuilder b, int[] cols, boolean human, boolean iec) {
        b.append(" ".repeat(cols[0] + 5));
        for (int i = 1; i <= 5; i++) {
            num(b, cols[i], 0, human, iec);
        }
    }
}
