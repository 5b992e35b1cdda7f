package io.netemu.node.cmd.tcpdump;

import io.netemu.device.capture.Direction;
import io.netemu.packet.filter.FilterException;
import io.netemu.packet.filter.FrameFilter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * tcpdump's command line: {@code -i IF -w FILE -c N -n -nn -e -v -q -Q in|out|inout -s SNAPLEN
 * -U --immediate-mode} and the filter expression (the words left, joined by spaces). A mistake
 * gives tcpdump's message and exit status 1.
 */
public record TcpdumpOptions(String iface, String writeFile, long count, boolean ether, int verbose, boolean quiet,
                             Set<Direction> directions, int snaplen, String expression, FrameFilter filter) {

    public static final int DEFAULT_SNAPLEN = 262_144;

    /** A command line tcpdump refuses: {@link #getMessage()} is what it prints on stderr. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static TcpdumpOptions parse(List<String> argv) throws UsageException {
        String iface = null;
        String write = null;
        long count = -1;
        boolean ether = false;
        boolean quiet = false;
        int verbose = 0;
        Set<Direction> dirs = EnumSet.allOf(Direction.class);
        int snaplen = DEFAULT_SNAPLEN;
        List<String> expr = new ArrayList<>();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("-") || a.equals("-") || !expr.isEmpty()) {
                expr.add(a);
                continue;
            }
            if (a.equals("--immediate-mode") || a.equals("--")) {
                continue; // every packet is printed as it comes already
            }
            if (a.startsWith("--")) {
                throw new UsageException("tcpdump: unrecognized option '" + a + "'\n" + usage());
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                switch (c) {
                    case 'n', 'U', 'l', 'p', 'K', 'S' -> { } // numeric output is all there is; -U, -l: output is per packet anyway
                    case 'e' -> ether = true;
                    case 'v' -> verbose++;
                    case 'q' -> quiet = true;
                    case 'i', 'w', 'c', 'Q', 's' -> {
                        String v;
                        if (k + 1 < a.length()) {
                            v = a.substring(k + 1);
                        } else if (i + 1 < argv.size()) {
                            v = argv.get(++i);
                        } else {
                            throw new UsageException("tcpdump: option requires an argument -- '" + c + "'\n" + usage());
                        }
                        k = a.length();
                        switch (c) {
                            case 'i' -> iface = v;
                            case 'w' -> write = v;
                            case 'c' -> {
                                count = number(v, "invalid packet count " + v);
                                if (count <= 0) {
                                    throw new UsageException("tcpdump: invalid packet count " + v);
                                }
                            }
                            case 's' -> {
                                long s = number(v, "invalid snaplen " + v);
                                snaplen = s == 0 ? DEFAULT_SNAPLEN : (int) Math.min(s, DEFAULT_SNAPLEN);
                            }
                            default -> {
                                dirs = Direction.ofQ(v);
                                if (dirs == null) {
                                    throw new UsageException("tcpdump: " + v + " is not a valid direction");
                                }
                            }
                        }
                    }
                    default -> throw new UsageException("tcpdump: invalid option -- '" + c + "'\n" + usage());
                }
            }
        }
        if ("any".equals(iface)) {
            throw new UsageException("tcpdump: the \"any\" device is not supported here (LINKTYPE_LINUX_SLL); name an interface with -i");
        }
        String expression = String.join(" ", expr);
        FrameFilter filter;
        try {
            filter = FrameFilter.compile(expression);
        } catch (FilterException e) {
            throw new UsageException("tcpdump: " + e.getMessage());
        }
        return new TcpdumpOptions(iface, write, count, ether, verbose, quiet, dirs, snaplen, expression, filter);
    }

    private static long number(String v, String error) throws UsageException {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("tcpdump: " + error);
        }
    }

    static String usage() {
        return "Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]\n"
                + "\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]\n"
                + "\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]\n"
                + "\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]\n"
                + "\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]\n"
                + "\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]\n"
                + "\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]\n"
                + "\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]";
    }
}
