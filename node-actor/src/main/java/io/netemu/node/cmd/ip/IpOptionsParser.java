package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.NetnsOp;
import io.netemu.node.cmd.OptionCursor;
import io.netemu.stack.route.CNum;
import java.util.ArrayList;
import java.util.List;

/**
 * The option loop of ip/ip.c's main(): {@code ip [OPTIONS] OBJECT ...}. Options are matched by
 * prefix in iproute2's order ({@code -s} is {@code -stats}, {@code -b} is {@code -batch} but
 * {@code -br} is {@code -brief}), and {@code --json} reads as {@code -json}.
 */
final class IpOptionsParser {
    /**
     * The parsed options, whether {@code -V} was given, and the words from the object on;
     * {@code all} for {@code -all}. {@code switchTo} is set when {@code -n NAME} came: the
     * options after it were not read here but belong to the command line run in NAME.
     */
    record Parsed(IpCtx ctx, boolean version, List<String> rest, boolean all, NetnsOp.Exec switchTo, boolean force) {}

    private IpOptionsParser() {}

    static Parsed parse(List<String> argv) {
        int family = IpCtx.UNSPEC;
        int stats = 0;
        boolean oneline = false;
        boolean details = false;
        boolean json = false;
        boolean pretty = false;
        boolean brief = false;
        boolean color = false;
        boolean human = false;
        boolean iec = false;
        boolean all = false;
        boolean force = false;
        OptionCursor c = new OptionCursor(argv);
        for (String opt; (opt = c.next()) != null; ) {
            if (m(opt, "-loops")) {
                needArg(c);
            } else if (m(opt, "-family")) {
                family = family(needArg(c));
            } else if (opt.equals("-4")) {
                family = IpCtx.INET;
            } else if (opt.equals("-6")) {
                family = IpCtx.INET6;
            } else if (opt.equals("-0")) {
                family = IpCtx.PACKET;
            } else if (opt.equals("-D") || opt.equals("-M") || opt.equals("-B")) {
                throw IpCommand.unsupported("the address family of \"ip " + opt + "\"");
            } else if (m(opt, "-human") || m(opt, "-human-readable")) {
                human = true;
            } else if (m(opt, "-iec")) {
                iec = true;
            } else if (m(opt, "-stats") || m(opt, "-statistics")) {
                stats++;
            } else if (m(opt, "-details")) {
                details = true;
            } else if (m(opt, "-oneline")) {
                oneline = true;
            } else if (m(opt, "-force")) {
                force = true; // only XDP attachment depends on it (replace an attached program)
            } else if (m(opt, "-resolve") || m(opt, "-timestamp") || m(opt, "-tshort") || m(opt, "-Numeric")) {
                // accepted; nothing here depends on them
            } else if (m(opt, "-all")) {
                all = true;
            } else if (m(opt, "-Version")) {
                return new Parsed(null, true, List.of(), false, null, false);
            } else if (m(opt, "-batch")) {
                needArg(c);
                throw IpCommand.unsupported("\"ip -batch\"");
            } else if (m(opt, "-brief")) {
                brief = true;
            } else if (m(opt, "-json")) {
                json = true;
            } else if (m(opt, "-pretty")) {
                pretty = true;
            } else if (m(opt, "-rcvbuf")) {
                String size = needArg(c);
                if (CNum.strtoul(size) < 0) {
                    throw CommandExit.usage("Invalid rcvbuf size '" + size + "'");
                }
            } else if (isColor(opt)) {
                color = true;
            } else if (m(opt, "-help")) {
                throw CommandExit.usage(IpUsage.IP);
            } else if (m(opt, "-netns")) {
                return new Parsed(null, false, List.of(), false, netnsSwitch(argv, c), false);
            } else {
                throw CommandExit.usage("Option \"" + opt + "\" is unknown, try \"ip -help\".");
            }
        }
        IpOptions o = new IpOptions(family == IpCtx.INET, oneline, stats, details, json, pretty, brief, color);
        return new Parsed(new IpCtx(o, family, human, iec), false, c.rest(), all, null, force);
    }

    /**
     * {@code -n NAME}: netns_switch enters NAME at once and main() reads on there, so the
     * command line without {@code -n NAME} (the options before it as typed, everything after
     * it) is what runs in NAME. "", "." and ".." open a directory, which setns refuses.
     */
    private static NetnsOp.Exec netnsSwitch(List<String> argv, OptionCursor c) {
        int at = argv.size() - c.rest().size();
        String name = c.arg();
        if (name == null) {
            throw CommandExit.usage("Cannot open network namespace \"(null)\": No such file or directory");
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw CommandExit.usage("setting the network namespace \"" + name + "\" failed: Invalid argument");
        }
        List<String> line = new ArrayList<>(argv.subList(0, at));
        line.addAll(argv.subList(at + 2, argv.size()));
        return new NetnsOp.Exec(name, List.copyOf(line));
    }

    private static boolean m(String opt, String word) {
        return IprouteArgs.matches(opt, word);
    }

    /** The option's argument must follow; usage() otherwise. */
    private static String needArg(OptionCursor c) {
        String arg = c.arg();
        if (arg == null) {
            throw CommandExit.usage(IpUsage.IP);
        }
        return arg;
    }

    /** read_family. */
    private static int family(String name) {
        return switch (name) {
            case "inet" -> IpCtx.INET;
            case "inet6" -> IpCtx.INET6;
            case "link" -> IpCtx.PACKET;
            case "help" -> throw CommandExit.usage(IpUsage.IP);
            case "mpls", "bridge" -> throw IpCommand.unsupported("the address family \"" + name + "\"");
            default -> throw IprouteArgs.invarg("invalid protocol family", name);
        };
    }

    /** matches_color: {@code -c}, {@code -color}, {@code -color=always|auto|never}. */
    private static boolean isColor(String opt) {
        int eq = opt.indexOf('=');
        String key = eq < 0 ? opt : opt.substring(0, eq);
        String val = eq < 0 ? "" : opt.substring(eq + 1);
        return m(key, "-color") && (val.isEmpty() || val.equals("always") || val.equals("auto") || val.equals("never"));
    }
}
