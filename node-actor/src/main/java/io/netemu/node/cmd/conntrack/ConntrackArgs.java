package io.netemu.node.cmd.conntrack;

import io.netemu.node.cmd.CommandExit;
import java.util.List;

/**
 * conntrack-tools 1.4.7's command line (src/conntrack.c do_parse): getopt_long over the commands
 * and options, long names abbreviated to any unique prefix, the protocol's own options
 * ({@code --sport}, {@code --state}, {@code --icmp-type}...) only after {@code -p}, and the
 * commands_v_options table of which option each command allows.
 */
final class ConntrackArgs {
    static final String HEAD = "conntrack v1.4.7 (conntrack-tools): ";
    /** Commands (CT_*_BIT) and the tables -L, -D, -F, -C, -S can name. */
    static final int LIST = 0, CREATE = 1, UPDATE = 2, DELETE = 3, GET = 4, FLUSH = 5, EVENT = 6, VERSION = 7,
            HELP = 8, COUNT = 15, STATS = 17, ADD = 19, NONE = 20;
    static final int T_CONNTRACK = 0, T_EXPECT = 1, T_DYING = 2, T_UNCONFIRMED = 3;
    /** Option bits (CT_OPT_*_BIT) and their names in errors (optflags). */
    static final int O_SRC = 0, O_DST = 1, O_RSRC = 2, O_RDST = 3, O_PROTO = 4, O_TIMEOUT = 5, O_STATUS = 6,
            O_ZERO = 7, O_EVENT = 8, O_MASK_SRC = 11, O_MASK_DST = 12, O_MARK = 14, O_ID = 15, O_FAMILY = 16,
            O_SNAT = 17, O_DNAT = 18, O_OUTPUT = 19, O_BUFFER = 21, O_ANYNAT = 22, O_ZONE = 23;
    private static final String[] OPT_NAMES = {"src", "dst", "reply-src", "reply-dst", "protonum", "timeout",
        "status", "zero", "event-mask", "tuple-src", "tuple-dst", "mask-src", "mask-dst", "nat-range", "mark", "id",
        "family", "src-nat", "dst-nat", "output", "secmark", "buffer-size", "any-nat", "zone", "label", "label-add",
        "label-del", "orig-zone", "reply-zone"};
    /** commands_v_options: 0 illegal, 1 compulsory, 2 optional, 3 either tuple. */
    private static final String[] LEGAL = new String[21];

    static {
        LEGAL[LIST] = "22222022000220202222202220022";
        LEGAL[CREATE] = "33331120000002200220000202022";
        LEGAL[UPDATE] = "22222220000220222222000022200";
        LEGAL[DELETE] = "22222220000220222222000220022";
        LEGAL[GET] = "33331000000000020002000020000";
        LEGAL[FLUSH] = "00000000000000002000000000000";
        LEGAL[EVENT] = "22222000200220202222222220022";
        LEGAL[VERSION] = "00000000000000000000000000000";
        LEGAL[HELP] = "00002000000000000000000000000";
        LEGAL[COUNT] = LEGAL[VERSION];
        LEGAL[STATS] = LEGAL[VERSION];
        LEGAL[ADD] = LEGAL[CREATE];
    }

    /** Long options: name, short letter, 0 none / 1 required / 2 optional argument (original_opts). */
    private record Opt(String name, char letter, int arg) {}

    private static final List<Opt> OPTS = List.of(new Opt("dump", 'L', 0), new Opt("create", 'I', 0),
            new Opt("add", 'A', 0), new Opt("delete", 'D', 0), new Opt("update", 'U', 0), new Opt("get", 'G', 0),
            new Opt("flush", 'F', 0), new Opt("event", 'E', 0), new Opt("counter", 'C', 0), new Opt("stats", 'S', 0),
            new Opt("version", 'V', 0), new Opt("help", 'h', 0), new Opt("orig-src", 's', 1), new Opt("src", 's', 1),
            new Opt("orig-dst", 'd', 1), new Opt("dst", 'd', 1), new Opt("reply-src", 'r', 1),
            new Opt("reply-dst", 'q', 1), new Opt("protonum", 'p', 1), new Opt("timeout", 't', 1),
            new Opt("status", 'u', 1), new Opt("zero", 'z', 0), new Opt("event-mask", 'e', 1),
            new Opt("mark", 'm', 1), new Opt("id", 'i', 2), new Opt("family", 'f', 1), new Opt("src-nat", 'n', 2),
            new Opt("dst-nat", 'g', 2), new Opt("output", 'o', 1), new Opt("buffer-size", 'b', 1),
            new Opt("any-nat", 'j', 2), new Opt("zone", 'w', 1));
    private static final String SHORT_REQ = "sdrqptuemfobw";
    private static final String SHORT_FLAG = "LIUDGEFAhVzSC";
    private static final List<Opt> PORT_OPTS = List.of(new Opt("orig-port-src", '1', 1), new Opt("orig-port-dst", '2', 1),
            new Opt("reply-port-src", '3', 1), new Opt("reply-port-dst", '4', 1), new Opt("sport", '1', 1),
            new Opt("dport", '2', 1));
    private static final List<Opt> ICMP_OPTS = List.of(new Opt("icmp-type", '1', 1), new Opt("icmp-code", '2', 1),
            new Opt("icmp-id", '3', 1));

    int command = NONE;
    int table = T_CONNTRACK;
    int options;
    final CtFilter filter = new CtFilter();
    boolean extended;
    boolean showId;
    boolean ipv6;
    boolean zero;

    static CommandExit param(String msg) {
        return new CommandExit(2, HEAD + msg + "\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
    }

    static CommandExit other(String msg) { return new CommandExit(1, HEAD + msg + "\n"); }

    static ConntrackArgs parse(List<String> argv) {
        ConntrackArgs a = new ConntrackArgs();
        a.run(argv);
        return a;
    }

    private void run(List<String> argv) {
        int i = 1;
        while (i < argv.size()) {
            String w = argv.get(i++);
            if (w.equals("--")) {
                break;
            }
            if (!w.startsWith("-") || w.length() == 1) {
                continue; // getopt_long permutes operands to the end; conntrack ignores them
            }
            char c;
            String arg = null;
            boolean argGiven = false;
            int argKind;
            String proto = null;
            if (w.startsWith("--")) {
                String name = w.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    arg = name.substring(eq + 1);
                    argGiven = true;
                    name = name.substring(0, eq);
                }
                Opt o = find(name, w);
                c = o.letter;
                argKind = o.arg;
                if (Character.isDigit(c)) {
                    proto = filter.protoName;
                }
                if (argKind == 0 && argGiven) {
                    throw param("unknown option `" + w + "'");
                }
            } else {
                c = w.charAt(1);
                if (SHORT_REQ.indexOf(c) >= 0) {
                    argKind = 1;
                } else if (SHORT_FLAG.indexOf(c) >= 0 || "ngji".indexOf(c) >= 0) {
                    argKind = "ngji".indexOf(c) >= 0 ? 2 : 0;
                } else {
                    throw param("unknown option `" + w + "'");
                }
                if (w.length() > 2) {
                    if (argKind == 0 && c != 'C') {
                        throw param("unknown option `" + w + "'"); // bundled flags are not worth it
                    }
                    arg = w.substring(2);
                    argGiven = true;
                }
            }
            boolean isCommand = proto == null && "LIUDGEFAhVSC".indexOf(c) >= 0;
            if (isCommand && !argGiven && i < argv.size() && !argv.get(i).startsWith("-")
                    && !argv.get(i).startsWith("!")) {
                arg = argv.get(i++); // check_type: an optional table name follows the command
            } else if (argKind == 1 && !argGiven) {
                if (i >= argv.size()) {
                    throw param("option `" + w + "' requires an argument");
                }
                arg = argv.get(i++);
            } else if (argKind == 2 && !argGiven && i < argv.size() && !argv.get(i).startsWith("-")
                    && !argv.get(i).startsWith("!")) {
                arg = argv.get(i++);
            }
            if (proto != null) {
                filter.protoOption(proto, c, arg);
            } else if (isCommand) {
                command(c, argGiven ? null : arg);
            } else {
                option(c, arg);
            }
        }
        check();
    }

    private Opt find(String name, String typed) {
        Opt exact = null;
        Opt prefix = null;
        int matches = 0;
        for (List<Opt> l : List.of(OPTS, protoOpts(filter.protoName))) {
            for (Opt o : l) {
                if (o.name.equals(name)) {
                    exact = o;
                } else if (o.name.startsWith(name) && !name.isEmpty()) {
                    if (prefix == null || prefix.letter != o.letter) {
                        matches++;
                    }
                    prefix = o;
                }
            }
        }
        if (exact != null) {
            return exact;
        }
        if (matches != 1) {
            throw param("unknown option `" + typed + "'");
        }
        return prefix;
    }

    /** The options the protocol's extension merges in after {@code -p} (libct_proto_*.c). */
    private static List<Opt> protoOpts(String proto) {
        if (proto == null) {
            return List.of();
        }
        return switch (proto) {
            case "tcp" -> {
                List<Opt> l = new java.util.ArrayList<>(PORT_OPTS);
                l.add(new Opt("state", '7', 1));
                yield l;
            }
            case "udp", "udplite", "sctp", "dccp" -> PORT_OPTS;
            case "icmp" -> ICMP_OPTS;
            default -> List.of();
        };
    }

    private void command(char c, String tableArg) {
        int t = tableArg == null ? T_CONNTRACK : table(tableArg);
        int cmd = switch (c) {
            case 'L' -> LIST;
            case 'I' -> CREATE;
            case 'U' -> UPDATE;
            case 'D' -> DELETE;
            case 'G' -> GET;
            case 'F' -> FLUSH;
            case 'E' -> EVENT;
            case 'V' -> VERSION;
            case 'h' -> HELP;
            case 'C' -> COUNT;
            case 'S' -> STATS;
            default -> ADD;
        };
        if (c != 'L' && (t == T_DYING || t == T_UNCONFIRMED)) {
            throw param("Can't do that command with tables `dying' and `unconfirmed'");
        }
        if (t == T_EXPECT && (cmd == UPDATE || cmd == ADD)) {
            throw param("Can't do --" + (cmd == UPDATE ? "update" : "add") + " on expectations");
        }
        if (command != NONE) {
            throw param("Invalid commands combination");
        }
        command = cmd;
        table = t;
    }

    private static int table(String s) {
        for (String[] t : new String[][] {{"expect", "1"}, {"conntrack", "0"}, {"dying", "2"}, {"unconfirmed", "3"}}) {
            if (t[0].startsWith(s)) {
                return Integer.parseInt(t[1]);
            }
        }
        throw param("unknown type `" + s + "'");
    }

    private void option(char c, String arg) {
        switch (c) {
            case 's' -> filter.addr(this, O_SRC, "src", arg, true);
            case 'd' -> filter.addr(this, O_DST, "dst", arg, true);
            case 'r' -> filter.addr(this, O_RSRC, "reply-src", arg, false);
            case 'q' -> filter.addr(this, O_RDST, "reply-dst", arg, false);
            case 'p' -> {
                options |= 1 << O_PROTO;
                filter.proto(arg);
            }
            case 't' -> options |= 1 << O_TIMEOUT;
            case 'u' -> {
                options |= 1 << O_STATUS;
                filter.status(arg);
            }
            case 'e' -> options |= 1 << O_EVENT;
            case 'o' -> {
                options |= 1 << O_OUTPUT;
                output(arg);
            }
            case 'z' -> {
                options |= 1 << O_ZERO;
                zero = true;
            }
            case 'n', 'g', 'j' -> {
                options |= 1 << (c == 'n' ? O_SNAT : c == 'g' ? O_DNAT : O_ANYNAT);
                filter.nat(c, arg);
            }
            case 'm' -> {
                options |= 1 << O_MARK;
                filter.mark(arg, c);
            }
            case 'i' -> options |= 1 << O_ID;
            case 'f' -> {
                options |= 1 << O_FAMILY;
                if (arg.startsWith("ipv4")) {
                    ipv6 = false;
                } else if (arg.startsWith("ipv6")) {
                    ipv6 = true;
                } else {
                    throw param("`" + arg + "' unsupported protocol");
                }
            }
            case 'b' -> options |= 1 << O_BUFFER;
            case 'w' -> options |= 1 << O_ZONE;
            default -> throw param("unknown option `-" + c + "'");
        }
    }

    private void output(String arg) {
        for (String p : arg.split(",", -1)) {
            switch (p.isEmpty() ? "?" : matchParam(p)) {
                case "extended" -> extended = true;
                case "id" -> showId = true;
                case "xml", "timestamp", "ktimestamp", "labels", "userspace" -> { }
                default -> throw param("Bad parameter `" + arg + "'");
            }
        }
    }

    private static String matchParam(String p) {
        for (String s : List.of("xml", "extended", "timestamp", "id", "ktimestamp", "labels", "userspace")) {
            if (s.regionMatches(true, 0, p, 0, p.length()) && p.length() <= s.length()) {
                return s;
            }
        }
        return "?";
    }

    /** generic_opt_check and the --src/--dst pairing some commands require. */
    private void check() {
        if (command == NONE || table != T_CONNTRACK && command != LIST) {
            return;
        }
        String legal = LEGAL[command];
        for (int b = 0; b < legal.length(); b++) {
            boolean set = (options & (1 << b)) != 0;
            if (!set && legal.charAt(b) == '1') {
                throw param("You need to supply the `--" + OPT_NAMES[b] + "' option for this command");
            }
            if (set && legal.charAt(b) == '0') {
                throw param("Illegal option `--" + OPT_NAMES[b] + "' with this command");
            }
        }
        if (legal.charAt(0) == '3') {
            int orig = (1 << O_SRC) | (1 << O_DST);
            int repl = (1 << O_RSRC) | (1 << O_RDST);
            if ((options & orig) != orig && (options & repl) != repl) {
                throw param((options & orig) == 0 && (options & repl) != 0
                        ? "you have to specify `--reply-src' and `--reply-dst'" : "you have to specify `--src' and `--dst'");
            }
        }
    }
}
