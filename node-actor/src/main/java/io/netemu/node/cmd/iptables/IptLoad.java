package io.netemu.node.cmd.iptables;

import io.netemu.stack.netfilter.iptables.IptIp;
import io.netemu.stack.netfilter.iptables.XtError;
import io.netemu.stack.netfilter.iptables.XtExtParser;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtParse;
import io.netemu.stack.netfilter.iptables.XtTarget;
import io.netemu.stack.netfilter.iptables.XtVerdict;
import io.netemu.stack.netfilter.iptables.ext.Extensions;
import java.util.ArrayList;
import java.util.List;

/**
 * Extensions as do_parse loads them (xshared.c command_match, command_jump, command_default):
 * {@code -m NAME}, {@code -j TARGET}, the protocol's match on demand, and an option handed to the
 * extension that added it.
 */
final class IptLoad {
    private final IptCmd cmd;
    private final Getopt g;
    private IptCmd.Ext<XtMatch> protoExt;

    IptLoad(IptCmd cmd, Getopt g) {
        this.cmd = cmd;
        this.g = g;
    }

    void jump(String name) {
        cmd.jumpto = IptWords.targetName(name);
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

    void match(String name, boolean invert) {
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
    boolean option(int c, boolean invert) {
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
}
