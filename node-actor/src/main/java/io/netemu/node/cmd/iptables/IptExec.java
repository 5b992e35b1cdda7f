package io.netemu.node.cmd.iptables;

import static io.netemu.node.cmd.iptables.IptCmd.*;

import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.iptables.XtChain;
import io.netemu.stack.netfilter.iptables.XtCheck;
import io.netemu.stack.netfilter.iptables.XtMatch;
import io.netemu.stack.netfilter.iptables.XtRule;
import io.netemu.stack.netfilter.iptables.XtTable;
import io.netemu.stack.netfilter.iptables.Xtables;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * xtables.c do_commandx with iptables-nft's semantics (nft.c, nft-cmd.c): each command on a
 * table, the kernel's checks on new rules (xt_check_match/target, loops), and iptables' errors.
 * Output goes to {@code out}; failures are thrown as {@link IptFail} or XtError.
 */
final class IptExec {
    private final NetNs ns;
    private final XtTable t;
    private final LongSupplier now;
    private final StringBuilder out;

    IptExec(NetNs ns, XtTable t, LongSupplier now, StringBuilder out) {
        this.ns = ns;
        this.t = t;
        this.now = now;
        this.out = out;
    }

    void run(IptCmd cmd) {
        boolean verbose = cmd.has(OPT_VERBOSE);
        switch (cmd.command) {
            case CMD_APPEND, CMD_INSERT, CMD_REPLACE -> add(cmd, verbose);
            case CMD_DELETE, CMD_CHECK -> deleteOrCheck(cmd, verbose);
            case CMD_DELETE_NUM -> {
                XtChain c = chain(cmd.chain);
                if (cmd.rulenum > c.rules().size()) {
                    throw IptFail.of("Index of deletion too big");
                }
                t.remove(c, cmd.rulenum - 1);
            }
            case CMD_FLUSH -> {
                // iptables-nft creates the base chains it flushes: the named one, or all of an existing table
                if (cmd.chain != null && t.chain(cmd.chain) != null && t.chain(cmd.chain).builtin()) {
                    t.create(t.chain(cmd.chain));
                } else if (cmd.chain == null && t.exists()) {
                    t.builtinChains().forEach(t::create);
                }
                for (XtChain c : chains(cmd.chain)) {
                    if (verbose) {
                        out.append("Flushing chain `").append(c.name()).append("'\n");
                    }
                    t.flush(c);
                }
            }
            case CMD_ZERO -> zero(cmd.chain, verbose);
            case CMD_ZERO_NUM -> zeroNum(cmd);
            case CMD_NEW_CHAIN -> {
                if (t.chain(cmd.chain) != null) {
                    throw IptFail.of("Chain already exists");
                }
                t.newChain(cmd.chain);
            }
            case CMD_DELETE_CHAIN -> deleteChain(cmd.chain, verbose);
            case CMD_RENAME_CHAIN -> {
                if (t.chain(cmd.newname) != null) {
                    throw IptFail.of("File exists");
                }
                XtChain c = t.chain(cmd.chain);
                if (c == null || c.builtin()) {
                    throw IptFail.noChain();
                }
                t.rename(c, cmd.newname);
            }
            case CMD_SET_POLICY -> {
                XtChain c = t.chain(cmd.chain);
                if (c == null || !c.builtin()) {
                    throw IptFail.of("Bad built-in chain name");
                }
                if (!cmd.policy.equals("ACCEPT") && !cmd.policy.equals("DROP")) {
                    throw IptFail.einval("Bad policy name");
                }
                t.setPolicy(c, cmd.policy.equals("DROP"));
                c.setPolicyCounters(cmd.pcnt, cmd.bcnt);
            }
            default -> {
                if ((cmd.command & CMD_LIST) != 0) {
                    IptList.list(out, t, cmd);
                } else {
                    IptList.listRules(out, t, cmd);
                }
                if ((cmd.command & CMD_ZERO) != 0) {
                    zero(cmd.chain, false);
                } else if ((cmd.command & CMD_ZERO_NUM) != 0) {
                    zeroNum(cmd);
                }
            }
        }
    }

    private XtChain chain(String name) {
        XtChain c = t.chain(name);
        if (c == null) {
            throw IptFail.noChain();
        }
        return c;
    }

    /** All chains of the table the kernel has (for -F, -Z without a chain), or the one named. */
    private List<XtChain> chains(String name) {
        if (name != null) {
            return List.of(chain(name));
        }
        return t.chains().stream().filter(XtChain::exists).toList();
    }

    private void zero(String chain, boolean verbose) {
        for (XtChain c : chains(chain)) {
            if (verbose) {
                out.append("Zeroing chain `").append(c.name()).append("'\n");
            }
            t.zero(c);
        }
    }

    private void zeroNum(IptCmd cmd) {
        XtChain c = chain(cmd.chain);
        if (cmd.rulenum <= c.rules().size()) {
            c.rules().get(cmd.rulenum - 1).setCounters(0, 0);
        }
    }

    private void add(IptCmd cmd, boolean verbose) {
        List<XtRule> rules = IptRuleSpec.rules(cmd, t);
        XtChain c = chain(cmd.chain);
        String op = cmd.command == CMD_APPEND ? "RULE_APPEND" : cmd.command == CMD_INSERT ? "RULE_INSERT" : "RULE_REPLACE";
        int size = c.rules().size();
        if (cmd.command == CMD_INSERT && cmd.rulenum - 1 > size) {
            throw IptFail.of("Index of insertion too big");
        }
        if (cmd.command == CMD_REPLACE && cmd.rulenum > size) {
            throw IptFail.of("Index of replacement too big");
        }
        for (XtRule r : rules) {
            if (verbose) {
                IptFormat.echoRule(out, r);
            }
            check(c, r, op);
            boolean ok = switch (cmd.command) {
                case CMD_APPEND -> t.insert(c, -1, r);
                case CMD_INSERT -> t.insert(c, cmd.rulenum - 1, r);
                default -> t.replace(c, cmd.rulenum - 1, r);
            };
            if (!ok) {
                throw IptFail.kernel(op, "Too many links", "rule in chain " + c.name());
            }
        }
    }

    /** The kernel's checks on a rule entering chain {@code c}: each match's and the target's checkentry. */
    void check(XtChain c, XtRule r, String op) {
        Set<NfHook> hooks = c.builtin() ? EnumSet.of(c.hook()) : EnumSet.noneOf(NfHook.class);
        XtCheck chk = new XtCheck(t.name(), hooks, r.ip, Xtables.of(ns));
        try {
            if (r.jumpsTo() != null && r.jumpsTo().builtin()) {
                throw new XtCheck.Refused(null, "Operation not supported");
            }
            for (XtMatch m : r.matches) {
                m.check(chk);
            }
            if (r.target != null) {
                r.target.check(chk);
            }
        } catch (XtCheck.Refused e) {
            if (e.klog() != null) {
                ns.klog().log(now.getAsLong(), e.klog());
            }
            throw IptFail.kernel(op, e.errno(), "rule in chain " + c.name());
        }
    }

    private void deleteOrCheck(IptCmd cmd, boolean verbose) {
        List<XtRule> rules = IptRuleSpec.rules(cmd, t);
        XtChain c = chain(cmd.chain);
        for (XtRule r : rules) {
            if (verbose) {
                IptFormat.echoRule(out, r);
            }
            int at = -1;
            for (int i = 0; i < c.rules().size(); i++) {
                if (c.rules().get(i).sameAs(r)) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                throw IptFail.of("Bad rule (does a matching rule exist in that chain?)");
            }
            if (cmd.command == CMD_DELETE) {
                t.remove(c, at);
            }
        }
    }

    private void deleteChain(String name, boolean verbose) {
        if (name == null) {
            for (XtChain u : t.userChains()) {
                if (!u.rules().isEmpty() || t.references(u) > 0) {
                    throw IptFail.kernel("CHAIN_DEL", "Device or resource busy", "chain " + u.name());
                }
            }
            for (XtChain u : t.userChains()) {
                if (verbose) {
                    out.append("Deleting chain `").append(u.name()).append("'\n");
                }
                t.deleteChain(u);
            }
            for (XtChain b : t.builtinChains()) {
                if (b.exists() && b.rules().isEmpty() && "ACCEPT".equals(b.policy())) {
                    t.deleteChain(b);
                }
            }
            return;
        }
        XtChain c = chain(name);
        if (c.builtin()) {
            if (!c.rules().isEmpty() || !"ACCEPT".equals(c.policy())) {
                throw IptFail.of("Directory not empty");
            }
        } else if (!c.rules().isEmpty() || t.references(c) > 0) {
            throw IptFail.kernel("CHAIN_DEL", "Device or resource busy", "chain " + c.name());
        }
        if (verbose) {
            out.append("Deleting chain `").append(c.name()).append("'\n");
        }
        t.deleteChain(c);
    }
}
