package io.netemu.node.cmd.iptables;

import java.util.ArrayList;
import java.util.List;

/**
 * GNU getopt_long as iptables drives it: optstring {@code "-:..."} (non-options returned in order
 * as code 1, a missing argument reported as ':'), short options clustered ({@code -nvL}),
 * {@code --name=value}, unique prefixes of long options, and a long-option table that grows as
 * extensions load. Silent (opterr = 0): the caller words the errors.
 */
final class Getopt {
    /** A long option: its name, 0/1/2 for no, required or optional argument, and who owns it. */
    record Long(String name, int hasArg, int val, Object owner) {}

    static final int NONOPT = 1;
    static final int UNKNOWN = '?';
    static final int MISSING = ':';

    private final List<String> argv;
    private final String shorts;
    private final List<Long> longs = new ArrayList<>();
    int optind = 1;
    private int cluster;
    String optarg;
    /** The long option last returned (null for a short one). */
    Long matched;
    /** The argument that produced the last code, as argv[optind-1] names it in messages. */
    String current;

    Getopt(List<String> argv, String shorts, List<Long> base) {
        this.argv = argv;
        this.shorts = shorts;
        this.longs.addAll(base);
    }

    void add(List<Long> more) {
        longs.addAll(more);
    }

    boolean hasArg() {
        return optind < argv.size() && !argv.get(optind).startsWith("-") && !argv.get(optind).startsWith("!");
    }

    String next() {
        return argv.get(optind++);
    }

    /** Steps back to re-read the option just returned (after an extension loaded on demand). */
    void retry(int savedOptind, int savedCluster) {
        optind = savedOptind;
        cluster = savedCluster;
    }

    int cluster() { return cluster; }

    /** The next option code, or -1 at the end. */
    int nextOpt() {
        optarg = null;
        matched = null;
        if (cluster > 0) {
            return shortOpt(argv.get(optind));
        }
        if (optind >= argv.size()) {
            return -1;
        }
        String a = argv.get(optind);
        if (a.equals("--")) {
            optind++;
            return -1;
        }
        if (a.startsWith("--")) {
            optind++;
            current = a;
            return longOpt(a.substring(2));
        }
        if (a.startsWith("-") && a.length() > 1) {
            cluster = 1;
            return shortOpt(a);
        }
        optind++;
        current = a;
        optarg = a;
        return NONOPT;
    }

    private int shortOpt(String a) {
        char c = a.charAt(cluster++);
        boolean last = cluster >= a.length();
        current = a;
        int at = c == ':' || c == '-' ? -1 : shorts.indexOf(c);
        if (at < 0) {
            if (last) {
                cluster = 0;
                optind++;
            }
            optarg = null;
            current = "-" + c;
            return UNKNOWN;
        }
        boolean required = at + 1 < shorts.length() && shorts.charAt(at + 1) == ':';
        boolean optional = required && at + 2 < shorts.length() && shorts.charAt(at + 2) == ':';
        if (required) {
            String rest = last ? null : a.substring(cluster);
            cluster = 0;
            optind++;
            if (rest != null) {
                optarg = rest;
            } else if (!optional) {
                if (optind >= argv.size()) {
                    current = "-" + c;
                    return MISSING;
                }
                optarg = argv.get(optind++);
            }
            current = "-" + c;
            return c;
        }
        if (last) {
            cluster = 0;
            optind++;
        }
        current = "-" + c;
        return c;
    }

    private int longOpt(String body) {
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        Long found = null;
        for (Long l : longs) {
            if (l.name.equals(name)) {
                found = l;
                break;
            }
        }
        if (found == null && !name.isEmpty()) {
            for (Long l : longs) {
                if (l.name.startsWith(name)) {
                    if (found != null && (found.val != l.val || found.hasArg != l.hasArg || found.owner != l.owner)) {
                        return UNKNOWN; // ambiguous
                    }
                    if (found == null) {
                        found = l;
                    }
                }
            }
        }
        if (found == null) {
            return UNKNOWN;
        }
        matched = found;
        if (eq >= 0) {
            if (found.hasArg == 0) {
                return UNKNOWN;
            }
            optarg = body.substring(eq + 1);
        } else if (found.hasArg == 1) {
            if (optind >= argv.size()) {
                return MISSING;
            }
            optarg = argv.get(optind++);
        }
        return found.val;
    }
}
