package io.netemu.node.ping;

import io.netemu.packet.wire.Ipv4Address;
import java.util.List;

/**
 * iputils {@code ping}'s options as parsed from argv: {@code -c -i -W -w -s -t -M -I -Q -q -n -4}.
 * Parse errors carry iputils' message and exit status 2.
 */
public record PingOptions(int dst, String dstText, long count, long intervalNanos, long timeoutNanos, long deadlineNanos,
                          int dataLen, int ttl, int tos, String pmtudisc, String iface, boolean quiet) {
    public static final long NO_COUNT = 0;

    /** A usage or argument error; {@code message} is what ping prints on stderr. */
    public static final class UsageException extends Exception {
        public UsageException(String message) { super(message, null, false, false); }
    }

    public static PingOptions parse(List<String> argv) throws UsageException {
        long count = NO_COUNT;
        long interval = 1_000_000_000L;
        long timeout = 10_000_000_000L;
        long deadline = 0;
        int size = 56;
        int ttl = 64;
        int tos = 0;
        String pmtu = "want";
        String iface = null;
        boolean quiet = false;
        String dest = null;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("-") || a.length() == 1) {
                if (dest != null) {
                    throw new UsageException("ping: usage error: only one destination may be given");
                }
                dest = a;
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char o = a.charAt(j);
                if ("nq4vUDOAaLr".indexOf(o) >= 0) {
                    if (o == 'q') {
                        quiet = true;
                    }
                    continue;
                }
                if ("ciWwstMIQ".indexOf(o) < 0) {
                    throw new UsageException("ping: invalid option -- '" + o + "'");
                }
                String v;
                if (j + 1 < a.length()) {
                    v = a.substring(j + 1);
                } else if (i + 1 < argv.size()) {
                    v = argv.get(++i);
                } else {
                    throw new UsageException("ping: option requires an argument -- '" + o + "'");
                }
                switch (o) {
                    case 'c' -> count = longIn(v, 1, Long.MAX_VALUE);
                    case 'i' -> interval = seconds(v, "bad timing interval: " + v);
                    case 'W' -> timeout = seconds(v, "bad linger time: " + v);
                    case 'w' -> deadline = longIn(v, 0, Integer.MAX_VALUE) * 1_000_000_000L;
                    case 's' -> size = (int) longIn(v, 0, 65507);
                    case 't' -> ttl = (int) longIn(v, 0, 255);
                    case 'Q' -> tos = (int) longIn(v, 0, 255);
                    case 'M' -> pmtu = pmtudisc(v);
                    case 'I' -> iface = v;
                    default -> throw new IllegalStateException();
                }
                break;
            }
        }
        if (dest == null) {
            throw new UsageException("ping: usage error: Destination address required");
        }
        int dst;
        try {
            dst = Ipv4Address.parse(dest);
        } catch (IllegalArgumentException e) {
            throw new UsageException("ping: " + dest + ": Name or service not known");
        }
        if (interval < 2_000_000L) {
            throw new UsageException("ping: invalid argument: interval below 0.002 s (the minimum for root)");
        }
        return new PingOptions(dst, dest, count, interval, timeout, deadline, size, ttl, tos, pmtu, iface, quiet);
    }

    private static long longIn(String v, long min, long max) throws UsageException {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("ping: invalid argument: '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException("ping: invalid argument: '" + v + "': out of range: " + min + " <= value <= " + max);
        }
        return n;
    }

    private static long seconds(String v, String error) throws UsageException {
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || Double.isNaN(d) || d > 2_000_000) {
                throw new UsageException("ping: " + error);
            }
            return (long) (d * 1e9);
        } catch (NumberFormatException e) {
            throw new UsageException("ping: " + error);
        }
    }

    private static String pmtudisc(String v) throws UsageException {
        return switch (v) {
            case "do", "want", "dont", "probe" -> v;
            default -> throw new UsageException("ping: invalid -M argument: " + v);
        };
    }

    /** DF is set unless {@code -M dont}; {@code -M do} also refuses to fragment locally (EMSGSIZE). */
    public boolean df() { return !pmtudisc.equals("dont"); }

    /** The wait after the last request (-W, else 10 s), iputils' lingertime. */
    public long lingerNanos() { return timeoutNanos; }
}
