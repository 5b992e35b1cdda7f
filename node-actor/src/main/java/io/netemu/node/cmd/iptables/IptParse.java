package io.netemu.node.cmd.iptables;

import static io.netemu.node.cmd.iptables.IptCmd.*;

import io.netemu.stack.netfilter.iptables.IptIp;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtMatch;
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
    private final IptLoad ext;
    private StringBuilder err;

    private IptParse(List<String> argv, boolean restore) {
        this.g = new Getopt(argv, SHORTS.substring(0), BASE);
        this.restore = restore;
        this.ext = new IptLoad(cmd, g);
    }

    private static Getopt.Long l(String name, int hasArg, char val) {
        return new Getopt.Long(name, hasArg, val, null);
    }

    /**
     * Parses {@code argv} (argv[0] the program); {@code table} is the table a restore file's
     * {@code *table} line chose (null for the command line); {@code err} gets the notices
     * iptables prints on the way.
     *
     * @throws XtError for a command line iptables refuses (exit 2)
     */
    static IptCmd parse(List<String> argv, String table, StringBuilder err) {
        IptParse p = new IptParse(argv, table != null);
        p.err = err;
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
                        cmd.rulenum = IptWords.rulenum(g.next());
                        cmd.command = CMD_DELETE_NUM;
                    }
                }
                case 'R' -> {
                    command(CMD_REPLACE, 0, invert, g.optarg);
                    if (!g.hasArg()) {
                        throw new XtError("-R requires a rule number");
                    }
                    cmd.rulenum = IptWords.rulenum(g.next());
                }
                case 'I' -> {
                    command(CMD_INSERT, 0, invert, g.optarg);
                    cmd.rulenum = g.hasArg() ? IptWords.rulenum(g.next()) : 1;
                }
                case 'L', 'S' -> {
                    command(c == 'L' ? CMD_LIST : CMD_LIST_RULES, CMD_ZERO | CMD_ZERO_NUM, invert, optChain());
                    if (g.hasArg()) {
                        cmd.rulenum = IptWords.rulenum(g.next());
                    }
                }
                case 'F' -> command(CMD_FLUSH, 0, invert, optChain());
                case 'Z' -> {
                    command(CMD_ZERO, CMD_LIST | CMD_LIST_RULES, invert, optChain());
                    if (g.hasArg()) {
                        cmd.rulenum = IptWords.rulenum(g.next());
                        cmd.command = (cmd.command & ~CMD_ZERO) | CMD_ZERO_NUM;
                    }
                }
                case 'N' -> {
                    IptWords.chainName(g.optarg);
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
                case 'h' -> throw new IptWords.Stop(true);
                case 'p' -> {
                    setOption(OPT_PROTOCOL, invert);
                    cmd.protocol = g.optarg.toLowerCase(Locale.ROOT);
                    cmd.proto = IptWords.parseProtocol(cmd.protocol);
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
                    cmd.jumpto = IptWords.targetName(g.optarg);
                }
                case 'j' -> {
                    setOption(OPT_JUMP, invert);
                    ext.jump(g.optarg);
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
                case 'm' -> ext.match(g.optarg, invert);
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
                case 'V' -> throw new IptWords.Stop(false);
                case 'w', 'W' -> {
                    if (restore) {
                        throw new XtError("You cannot use `-" + (char) c + "' from iptables-restore");
                    }
                    String arg = g.optarg == null && g.hasArg() ? g.next() : g.optarg;
                    if (c == 'w') {
                        cmd.wait = true;
                    } else {
                        if (arg == null) {
                            throw new XtError("wait interval value required");
                        }
                        cmd.waitIntervalNotice = true;
                        err.append("Ignoring deprecated --wait-interval option.\n");
                    }
                }
                case '0' -> setOption(OPT_LINENUMBERS, invert);
                case 'M', '4' -> { }
                case '6' -> throw new io.netemu.node.cmd.CommandExit(2, restore ? "" : IptablesCommand.TRY);
                case 'c' -> counters();
                case Getopt.NONOPT -> {
                    if (g.optarg.equals("!")) {
                        if (invert) {
                            throw new XtError("multiple consecutive ! not allowed");
                        }
                        invert = true;
                        continue;
                    }
                    throw new IptWords.BadArgument(g.optarg);
                }
                default -> {
                    if (ext.option(c, invert)) {
                        g.retry(savedInd, savedCl);
                        continue;
                    }
                }
            }
            invert = false;
        }
        finish(invert);
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
            throw new XtError("Cannot use -" + IptWords.cmdChar(newcmd) + " with -" + IptWords.cmdChar(cmd.command & ~others));
        }
        cmd.command |= newcmd;
        cmd.chain = chain;
    }

    private void setOption(int option, boolean invert) {
        if (cmd.has(option)) {
            throw new XtError("multiple -" + IptWords.optChar(option) + " flags not allowed");
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
                throw new XtError("cannot have ! before -" + IptWords.optChar(option));
            }
            cmd.invflags |= inv;
        }
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
        cmd.pcnt = IptWords.scanU64(p, "-c packet counter not numeric");
        cmd.bcnt = IptWords.scanU64(b, "-c byte counter not numeric");
    }

    private void finish(boolean invert) {
        if (cmd.table.equals("nat") && ("DROP".equals(cmd.policy) || "DROP".equals(cmd.jumpto))) {
            throw new XtError("\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n");
        }
        if (cmd.waitIntervalNotice && !cmd.wait) {
            throw new XtError("--wait-interval only makes sense with --wait\n");
        }
        for (IptCmd.Ext<XtMatch> e : cmd.matches) {
            cmd.built.add(e.parser.build(ext.soFar()));
        }
        if (cmd.target != null) {
            cmd.builtTarget = cmd.target.parser.build(ext.soFar());
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
