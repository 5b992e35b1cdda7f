package io.netemu.node.cmd.iptables;

import static io.netemu.node.cmd.iptables.IptCmd.*;

import io.netemu.stack.netfilter.iptables.IptIp;
import io.netemu.stack.netfilter.iptables.XtChain;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtJump;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtNames;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtRule;
import io.netemu.stack.netfilter.iptables.XtTable;
import io.netemu.stack.netfilter.iptables.XtTarget;
import io.netemu.stack.netfilter.iptables.XtVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of do_parse and nft_ipv4_post_parse: addresses resolved ({@code xtables_ipparse_multiple},
 * several giving several rules), the command/option table (generic_opt_check), interface
 * directions per chain; and the rules the command line describes, made against a table.
 */
final class IptRuleSpec {
    /** commands_v_options: per command, per option n s d p j v x i o --line c f: 'x' illegal. */
    private static final String[] LEGAL = {
        "x     x  x  ", "x     x  xx ", "xxxxx xxxxxx", "x     x  x  ", "x     x  x  ", " xxxx  xx xx",
        "xxxxx xxxxxx", "xxxxx xxxxxx", "xxxxx xxxxxx", "xxxxx xxxxxx", "xxxxx xxxx x", "xxxxx xxxxxx",
        "xxxxx xxxxxx", "xxxxx xxxxxx", "x     x  xx ",
    };

    private IptRuleSpec() {}

    static void post(IptCmd cmd) {
        boolean ruleCmd = (cmd.command & (CMD_REPLACE | CMD_INSERT | CMD_DELETE | CMD_APPEND | CMD_CHECK)) != 0;
        if (ruleCmd || cmd.src != null) {
            cmd.srcs = addresses(cmd.src == null ? "0.0.0.0/0" : cmd.src);
        }
        if (ruleCmd || cmd.dst != null) {
            cmd.dsts = addresses(cmd.dst == null ? "0.0.0.0/0" : cmd.dst);
        }
        if ((cmd.srcs.size() > 1 || cmd.dsts.size() > 1)
                && (cmd.invflags & (IptIp.INV_SRCIP | IptIp.INV_DSTIP)) != 0) {
            throw new XtError("! not allowed with multiple source or destination IP addresses");
        }
        if (cmd.command == CMD_REPLACE && (cmd.srcs.size() != 1 || cmd.dsts.size() != 1)) {
            throw new XtError("Replacement rule does not specify a unique address");
        }
        checkCommandOptions(cmd);
        if (cmd.chain != null && cmd.chain.length() >= 29) {
            throw new XtError("chain name `" + cmd.chain + "' too long (must be under 29 chars)");
        }
        if (ruleCmd || cmd.command == CMD_DELETE_NUM) {
            if ((cmd.chain.equals("PREROUTING") || cmd.chain.equals("INPUT")) && cmd.has(OPT_VIANAMEOUT)) {
                throw new XtError("Can't use -o with " + cmd.chain + "\n");
            }
            if ((cmd.chain.equals("POSTROUTING") || cmd.chain.equals("OUTPUT")) && cmd.has(OPT_VIANAMEIN)) {
                throw new XtError("Can't use -i with " + cmd.chain + "\n");
            }
        }
    }

    /** generic_opt_check: an option is legal when any of the given commands allows it. */
    static void checkCommandOptions(IptCmd cmd) {
        for (int i = 0; i < OPT_CHARS.length(); i++) {
            if ((cmd.options & (1 << i)) == 0) {
                continue;
            }
            int legal = 0;
            for (int j = 0; j < LEGAL.length; j++) {
                if ((cmd.command & (1 << j)) == 0) {
                    continue;
                }
                if (LEGAL[j].charAt(i) != 'x') {
                    legal = 1;
                } else if (legal == 0) {
                    legal = -1;
                }
            }
            if (legal == -1) {
                throw new XtError("Illegal option `-" + OPT_CHARS.charAt(i) + "' with this command");
            }
        }
    }

    /** xtables_ipparse_multiple: comma-separated ADDR[/MASK], each {address & mask, mask}. */
    static List<int[]> addresses(String spec) {
        List<int[]> out = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            int slash = part.lastIndexOf('/');
            String host = slash < 0 ? part : part.substring(0, slash);
            int mask = slash < 0 ? 0xFFFFFFFF : mask(part.substring(slash + 1));
            int addr = mask == 0 ? 0 : host(host);
            out.add(new int[] {addr & mask, mask});
        }
        return out;
    }

    private static int mask(String m) {
        if (m.indexOf('.') >= 0) {
            Integer v = XtParse.ipaddr(m, true);
            if (v == null) {
                throw new XtError("invalid mask `" + m + "' specified");
            }
            return v;
        }
        long bits = XtParse.strtoui(m, 0, 32);
        if (bits < 0) {
            throw new XtError("invalid mask `" + m + "' specified");
        }
        return bits == 0 ? 0 : (int) (0xFFFFFFFFL << (32 - bits));
    }

    /** ipparse_hostnetwork: numeric, a network from /etc/networks, or a host name (only localhost resolves here). */
    private static int host(String h) {
        Integer a = XtParse.ipaddr(h, false);
        if (a != null) {
            return a;
        }
        Integer net = XtNames.networkAddress(h);
        if (net != null) {
            return net;
        }
        if (h.equals("localhost") || h.equals("localhost.localdomain")) {
            return 0x7F000001;
        }
        throw new XtError("host/network `" + h + "' not found");
    }

    /**
     * The rules the command line describes for {@code table}, one per source and destination
     * combination, each with its own extension instances.
     *
     * @throws XtError "Chain 'X' does not exist" for a jump to no chain
     */
    static List<XtRule> rules(IptCmd cmd, XtTable table) {
        List<XtRule> out = new ArrayList<>();
        for (int[] s : cmd.srcs) {
            for (int[] d : cmd.dsts) {
                IptIp ip = new IptIp(s[0], s[1], d[0], d[1], cmd.iniface, cmd.outiface, cmd.proto, cmd.frag,
                        cmd.invflags);
                List<XtMatch> ms = new ArrayList<>();
                for (IptCmd.Ext<XtMatch> e : cmd.matches) {
                    ms.add(e.parser.build(new io.netemu.stack.netfilter.iptables.XtExtParser.RuleSoFar(cmd.proto,
                            (cmd.invflags & IptIp.INV_PROTO) != 0)));
                }
                XtRule r = new XtRule(ip, ms, target(cmd, table));
                r.setCounters(cmd.pcnt, cmd.bcnt);
                out.add(r);
            }
        }
        return out;
    }

    /** The target: none, a verdict, an extension, or a user chain of the table (jump or goto). */
    static XtTarget target(IptCmd cmd, XtTable table) {
        if (cmd.jumpto == null) {
            return null;
        }
        if (cmd.target != null) {
            return cmd.target.parser.build(new io.netemu.stack.netfilter.iptables.XtExtParser.RuleSoFar(cmd.proto,
                    (cmd.invflags & IptIp.INV_PROTO) != 0));
        }
        XtVerdict v = XtVerdict.of(cmd.jumpto);
        if (v != null && !cmd.gotoSet) {
            return v;
        }
        XtChain c = table.chain(cmd.jumpto);
        if (c == null) {
            throw new XtError("Chain '" + cmd.jumpto + "' does not exist");
        }
        return new XtJump(c, cmd.gotoSet);
    }
}
