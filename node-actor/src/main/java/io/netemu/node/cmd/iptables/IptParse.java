package io.netemu.node.cmd.iptables;

import static io.netemu.node.cmd.iptables.IptCmd.*;

import io.netemu.stack.netfilter.iptables.IptIp;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtNames;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtTarget;
import io.netemu.stack.netfilter.iptables.XtVerdict;
import io.netemu.stack.netfilter.iptables.ext.Extensions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * xshared.c do_parse: the command line of iptables (or one line of iptables-restore) into an
 * {@link IptCmd}, with iptables' checks and messages, in its order. Extensions load on
 * {@code -m} and {@code -j}, and the protocol's match on demand when an option is unknown
 * ({@code -p tcp --dport 22}).
 */
final class IptParse {
    static final String SHORTS = "-:A:C:D:R:I:L::S::M:F::Z::N:X::E:P:Vh::o:p:s:d:j:vi:fw::W::nt:m:xc:g:46";
    private static final List<Getopt.Long> BASE = List.of(
            l("append", 1, 'A'), l("delete", 1, 'D'), l("check", 1, 'C'), l("insert", 1, 'I'), l("replace", 1, 'R'),
            l("list", 2, 'L'), l("list-rules", 2, 'S'), l("flush", 2, 'F'), l("zero", 2, 'Z'), l("new-chain", 1, 'N'),
            l("delete-chain", 2, 'X'), l("rename-chain", 1, 'E'), l("policy", 1, 'P'), l("source", 1, 's'),
            l("destination", 1, 'd'), l("src", 1, 's'), l("dst", 1, 'd'), l("protocol", 1, 'p'),
            l("in-interface", 1, 'i'), l("jump", 1, 'j'), l("table", 1, 't'), l("match", 1, 'm'),
            l("numeric", 0, 'n'), l("out-interface", 1, 'o'), l("verbose", 0, 'v'), l("wait", 2, 'w'),
            l("wait-interval", 2, 'W'), l("exact", 0, 'x'), l("fragments", 0, 'f'), l("version", 0, 'V'),
            l("help", 2, 'h'), l("line-numbers", 0, '0'), l("modprobe", 1, 'M'), l("set-counters", 1, 'c'),
            l("goto", 1, 'g'), l("ipv4", 0, '4'), l("ipv6", 0, '6'));

    private final IptCmd cmd = new IptCmd();
    private final Getopt g;
    private final boolean restore;
    private IptCmd.Ext<XtMatch> protoExt;

    private IptParse(List<String> argv, boolean restore) {
        this.g = new Getopt(argv, SHORTS.substring(0), BASE);
        this.restore = restore;
    }

    private static Getopt.Long l(String name, int hasArg, char val) {
        return new Getopt.Long(name, hasArg, val, null);
    }

    /**
     * Parses {@code argv} (argv[0] the program); {@code table} is the table a restore file's
     * {@code *table} line chose (null for the command line).
     *
     * @throws XtError for a command line iptables refuses (exit 2)
     */
    static IptCmd parse(List<String> argv, String table) {
        IptParse p = new IptParse(argv, table != null);
        if (table != null) {
            p.cmd.table = table;
        }
        p.loop();
        return p.cmd;
    }

    private void loop() {
        boolean invert = false;
        boolean tableSet = false;
        while (true) {
            int savedInd = g.optind;
            int savedCl = g.cluster();
            int c = g.nextOpt();
            if (c == -1) {
                break;
            }
            switch (c) {
                case 'A' -> command(CMD_APPEND, 0, invert, g.optarg);
                case 'C' -> command(CMD_CHECK, 0, invert, g.optarg);
                case 'D' -> {
                    command(CMD_DELETE, 0, invert, g.optarg);
                    if (g.hasArg()) {
                        cmd.rulenum = rulenum(g.next());
                        cmd.command = CMD_DELETE_NUM;
                    }
                }
                case 'R' -> {
                    command(CMD_REPLACE, 0, invert, g.optarg);
                    if (!g.hasArg()) {
                        throw new XtError("-R requires a rule number");
                    }
                    cmd.rulenum = rulenum(g.next());
                }
                case 'I' -> {
                    command(CMD_INSERT, 0, invert, g.optarg);
                    cmd.rulenum = g.hasArg() ? rulenum(g.next()) : 1;
                }
                case 'L', 'S' -> {
                    command(c == 'L' ? CMD_LIST : CMD_LIST_RULES, CMD_ZERO | CMD_ZERO_NUM, invert, optChain());
                    if (g.hasArg()) {
                        cmd.rulenum = rulenum(g.next());
                    }
                }
                case 'F' -> command(CMD_FLUSH, 0, invert, optChain());
                case 'Z' -> {
                    command(CMD_ZERO, CMD_LIST | CMD_LIST_RULES, invert, optChain());
                    if (g.hasArg()) {
                        cmd.rulenum = rulenum(g.next());
                        cmd.command = (cmd.command & ~CMD_ZERO) | CMD_ZERO_NUM;
                    }
                }
                case 'N' -> {
                    chainName(g.optarg);
                    command(CMD_NEW_CHAIN, 0, invert, g.optarg);
                }
                case 'X' -> command(CMD_DELETE_CHAIN, 0, invert, optChain());
                case 'E' -> {
                    command(CMD_RENAME_CHAIN, 0, invert, g.optarg);
                    if (!g.hasArg()) {
                        throw new XtError("-E requires old-chain-name and new-chain-name");
                    }
                    cmd.newname = g.next();
                }
                case 'P' -> {
                    command(CMD_SET_POLICY, 0, invert, g.optarg);
                    if (!g.hasArg()) {
                        throw new XtError("-P requires a chain and a policy");
                    }
                    cmd.policy = g.next();
                }
                case 'h' -> throw new Stop(true);
                case 'p' -> {
                    setOption(OPT_PROTOCOL, invert);
                    cmd.protocol = g.optarg.toLowerCase(Locale.ROOT);
                    cmd.proto = parseProtocol(cmd.protocol);
                    if (cmd.proto == 0 && (cmd.invflags & IptIp.INV_PROTO) != 0) {
                        throw new XtError("rule would never match protocol");
                    }
                }
                case 's' -> {
                    setOption(OPT_SOURCE, invert);
                    cmd.src = g.optarg;
                }
                case 'd' -> {
                    setOption(OPT_DESTINATION, invert);
                    cmd.dst = g.optarg;
                }
                case 'g' -> {
                    setOption(OPT_JUMP, invert);
                    cmd.gotoSet = true;
                    cmd.jumpto = targetName(g.optarg);
                }
                case 'j' -> {
                    setOption(OPT_JUMP, invert);
                    jump(g.optarg);
                }
                case 'i', 'o' -> {
                    if (g.optarg.isEmpty()) {
                        throw new XtError("Empty interface is likely to be undesired");
                    }
                    setOption(c == 'i' ? OPT_VIANAMEIN : OPT_VIANAMEOUT, invert);
                    if (g.optarg.length() > 15) {
                        throw new XtError("interface name `" + g.optarg + "' must be shorter than IFNAMSIZ (15)");
                    }
                    if (c == 'i') {
                        cmd.iniface = g.optarg;
                    } else {
                        cmd.outiface = g.optarg;
                    }
                }
                case 'f' -> {
                    setOption(OPT_FRAGMENT, invert);
                    cmd.frag = true;
                }
                case 'v' -> {
                    if (cmd.verbose == 0) {
                        setOption(OPT_VERBOSE, invert);
                    }
                    cmd.verbose++;
                }
                case 'm' -> match(g.optarg, invert);
                case 'n' -> setOption(OPT_NUMERIC, invert);
                case 't' -> {
                    if (invert) {
                        throw new XtError("unexpected ! flag before --table");
                    }
                    if (restore && tableSet) {
                        throw new XtError("The -t option cannot be used in iptables-restore.\n");
                    }
                    cmd.table = g.optarg;
                    tableSet = true;
                }
                case 'x' -> setOption(OPT_EXPANDED, invert);
                case 'V' -> throw new Stop(false);
                case 'w', 'W' -> {
                    if (restore) {
                        throw new XtError("You cannot use `-" + (char) c + "' from iptables-restore");
                    }
                    if (g.optarg == null && g.hasArg()) {
                        g.next();
                    }
                }
                case '0' -> setOption(OPT_LINENUMBERS, invert);
                case 'M', '4' -> { }
                case '6' -> throw new XtError("");
                case 'c' -> counters();
                case Getopt.NONOPT -> {
                    if (g.optarg.equals("!")) {
                        if (invert) {
                            throw new XtError("multiple consecutive ! not allowed");
                        }
                        invert = true;
                        continue;
                    }
                    throw new BadArgument(g.optarg);
                }
                default -> {
                    if (extensionOption(c, invert)) {
                        g.retry(savedInd, savedCl);
                        continue;
                    }
                }
            }
            invert = false;
        }
        finish(invert);
    }

    /** Thrown for a stray word: iptables prints {@code Bad argument `WORD'} without its version prefix. */
    static final class BadArgument extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadArgument(String word) {
            super(word, null, false, false);
        }
    }

    /** -h or -V: iptables prints the help or its version and exits 0 at once. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean help;

        Stop(boolean help) {
            super(null, null, false, false);
            this.help = help;
        }
    }

    private String optChain() {
        if (g.optarg != null) {
            return g.optarg;
        }
        return g.hasArg() ? g.next() : null;
    }

    private void command(int newcmd, int others, boolean invert, String chain) {
        if (invert) {
            throw new XtError("unexpected '!' flag");
        }
        if ((cmd.command & ~others) != 0) {
            throw new XtError("Cannot use -" + cmdChar(newcmd) + " with -" + cmdChar(cmd.command & ~others));
        }
        cmd.command |= newcmd;
        cmd.chain = chain;
    }

    static char cmdChar(int command) {
        int i = 0;
        for (int o = command; o > 1; o >>= 1) {
            i++;
        }
        return IptCmd.CMD_CHARS.charAt(i);
    }

    static char optChar(int option) {
        int i = 0;
        for (int o = option; o > 1; o >>= 1) {
            i++;
        }
        return IptCmd.OPT_CHARS.charAt(i);
    }

    private static int rulenum(String s) {
        long v = XtParse.strtoui(s, 1, Integer.MAX_VALUE);
        if (v < 0) {
            throw new XtError("Invalid rule number `" + s + "'");
        }
        return (int) v;
    }

    private void setOption(int option, boolean invert) {
        if (cmd.has(option)) {
            throw new XtError("multiple -" + optChar(option) + " flags not allowed");
        }
        cmd.options |= option;
        if (invert) {
            int inv = switch (option) {
                case OPT_SOURCE -> IptIp.INV_SRCIP;
                case OPT_DESTINATION -> IptIp.INV_DSTIP;
                case OPT_PROTOCOL -> IptIp.INV_PROTO;
                case OPT_VIANAMEIN -> IptIp.INV_VIA_IN;
                case OPT_VIANAMEOUT -> IptIp.INV_VIA_OUT;
                case OPT_FRAGMENT -> IptIp.INV_FRAG;
                default -> 0;
            };
            if (inv == 0) {
                throw new XtError("cannot have ! before -" + optChar(option));
            }
            cmd.invflags |= inv;
        }
    }

    /** xtables_parse_protocol: a number 0..255, "all", or a name from /etc/protocols. */
    static int parseProtocol(String s) {
        long n = XtParse.strtoui(s, 0, 255);
        if (n >= 0) {
            return (int) n;
        }
        if (s.equals("all")) {
            return 0;
        }
        int p = XtNames.protocolNumber(s);
        if (p >= 0 && p <= 255) {
            return p;
        }
        int chain = switch (s) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "udplite" -> 136;
            case "icmp" -> 1;
            case "icmpv6" -> 58;
            case "esp" -> 50;
            case "ah" -> 51;
            case "sctp" -> 132;
            case "mh" -> 135;
            default -> -1;
        };
        if (chain < 0) {
            throw new XtError("unknown protocol \"" + s + "\" specified");
        }
        return chain;
    }

    /** parse_chain for -N. */
    static void chainName(String name) {
        if (name.length() >= 29) {
            throw new XtError("chain name `" + name + "' too long (must be under 29 chars)");
        }
        if (name.startsWith("-") || name.startsWith("!")) {
            throw new XtError("chain name not allowed to start with `" + name.charAt(0) + "'");
        }
        if (Extensions.realTarget(name)) {
            throw new XtError("chain name may not clash with target name");
        }
        for (char ch : name.toCharArray()) {
            if (Character.isWhitespace(ch)) {
                throw new XtError("Invalid chain name `" + name + "'");
            }
        }
    }

    private static String targetName(String t) {
        if (t.isEmpty()) {
            throw new XtError("Invalid target name (too short)");
        }
        if (t.length() >= 29) {
            throw new XtError("Invalid target name `" + t + "' (28 chars max)");
        }
        for (char ch : t.toCharArray()) {
            if (Character.isWhitespace(ch)) {
                throw new XtError("Invalid target name `" + t + "'");
            }
        }
        return t;
    }

    private void jump(String name) {
        cmd.jumpto = targetName(name);
        if (XtVerdict.of(name) != null) {
            return;
        }
        XtExtParser<XtTarget> p = Extensions.target(name);
        if (p == null) {
            if (Extensions.realTarget(name)) {
                throw new XtError("Couldn't load target `" + name + "':No such file or directory\n"
                        + "(netemu does not emulate the " + name + " target)\n");
            }
            return; // a chain name, resolved when the rule is made
        }
        cmd.target = new IptCmd.Ext<>(name, p);
        g.add(longs(p.options(), cmd.target));
    }

    private void match(String name, boolean invert) {
        if (invert) {
            throw new XtError("unexpected ! flag before --match");
        }
        XtExtParser<XtMatch> p = Extensions.match(name);
        if (p == null) {
            throw new XtError("Couldn't load match `" + name + "':No such file or directory\n"
                    + (Extensions.realMatch(name) ? "(netemu does not emulate the " + name + " match)\n" : ""));
        }
        IptCmd.Ext<XtMatch> e = new IptCmd.Ext<>(name, p);
        cmd.matches.add(e);
        g.add(longs(p.options(), e));
        if (protoExt == null && name.equals(protoMatchName())) {
            protoExt = e;
        }
    }

    private static List<Getopt.Long> longs(List<io.netemu.stack.netfilter.iptables.XtOpt> opts, Object owner) {
        List<Getopt.Long> out = new ArrayList<>();
        for (var o : opts) {
            out.add(new Getopt.Long(o.name(), o.args() == 0 ? 0 : 1, 0x100, owner));
        }
        return out;
    }

    /** The match -p names, as find_proto finds it ("tcp" for -p 6), or null. */
    private String protoMatchName() {
        if (cmd.protocol == null) {
            return null;
        }
        String n = cmd.protocol;
        if (XtParse.strtoui(n, 0, 255) >= 0) {
            n = switch (cmd.proto) {
                case 6 -> "tcp";
                case 17 -> "udp";
                case 1 -> "icmp";
                default -> null;
            };
        }
        return n;
    }

    /** command_default: an extension's option, or load the protocol's match and retry; true to retry. */
    @SuppressWarnings("unchecked")
    private boolean extensionOption(int c, boolean invert) {
        if (c == 0x100 && g.matched != null) {
            IptCmd.Ext<?> e = (IptCmd.Ext<?>) g.matched.owner();
            List<String> args = new ArrayList<>();
            if (g.optarg != null) {
                args.add(g.optarg);
            }
            if (g.matched.name().equals("tcp-flags") && g.hasArg()) {
                args.add(g.next());
            }
            e.used = true;
            ((IptCmd.Ext<Object>) e).parser.parse(g.matched.name(), invert, args, soFar());
            return false;
        }
        String pm = protoMatchName();
        if (pm != null && (protoExt == null || !protoExt.used)) {
            XtExtParser<XtMatch> p = protoExt == null ? Extensions.match(pm) : null;
            if (p != null) {
                protoExt = new IptCmd.Ext<>(pm, p);
                cmd.matches.add(protoExt);
                g.add(longs(p.options(), protoExt));
                return true;
            }
        }
        if (c == Getopt.MISSING) {
            throw new XtError("option \"" + g.current + "\" requires an argument");
        }
        throw new XtError("unknown option \"" + g.current + "\"");
    }

    XtExtParser.RuleSoFar soFar() {
        return new XtExtParser.RuleSoFar(cmd.proto, (cmd.invflags & IptIp.INV_PROTO) != 0);
    }

    private void counters() {
        setOption(OPT_COUNTERS, false);
        String p = g.optarg;
        String b = null;
        int comma = p.indexOf(',', 1);
        if (comma >= 0) {
            b = p.substring(comma + 1);
            p = p.substring(0, comma);
        } else if (g.hasArg()) {
            b = g.next();
        }
        if (b == null) {
            throw new XtError("-c requires packet and byte counter");
        }
        cmd.pcnt = scanU64(p, "-c packet counter not numeric");
        cmd.bcnt = scanU64(b, "-c byte counter not numeric");
    }

    private static long scanU64(String s, String err) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new XtError(err);
        }
        try {
            return Long.parseUnsignedLong(s.substring(0, i));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void finish(boolean invert) {
        if (cmd.table.equals("nat") && ("DROP".equals(cmd.policy) || "DROP".equals(cmd.jumpto))) {
            throw new XtError("\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n");
        }
        for (IptCmd.Ext<XtMatch> e : cmd.matches) {
            cmd.built.add(e.parser.build(soFar()));
        }
        if (cmd.target != null) {
            cmd.builtTarget = cmd.target.parser.build(soFar());
        }
        if (cmd.command == 0) {
            throw new XtError("no command specified");
        }
        if (invert) {
            throw new XtError("nothing appropriate following !");
        }
        IptRuleSpec.post(cmd);
    }
}
