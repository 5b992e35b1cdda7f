package io.netemu.node.cmd.iptables;

import static io.netemu.node.cmd.iptables.IptCmd.*;

import io.netemu.node.cmd.CommandExit;
import io.netemu.stack.netfilter.iptables.XtChain;
import io.netemu.stack.netfilter.iptables.XtRule;
import io.netemu.stack.netfilter.iptables.XtTable;
import java.util.List;

/** {@code iptables -L} and {@code iptables -S} (nft.c nft_rule_list and nft_rule_list_save, as iptables-nft 1.8.9 lists). */
final class IptList {
    private IptList() {}

    private static void requireChain(XtTable t, String chain) {
        if (chain != null && t.chain(chain) == null) {
            throw new CommandExit(1, IptablesCommand.PREFIX + "chain `" + chain + "' in table `" + t.name()
                    + "' is incompatible, use 'nft' tool.\n");
        }
    }

    static void list(StringBuilder out, XtTable t, IptCmd cmd) {
        requireChain(t, cmd.chain);
        int fmt = (cmd.has(OPT_NUMERIC) ? IptFormat.NUMERIC : 0) | (cmd.has(OPT_VERBOSE) ? IptFormat.VERBOSE : 0)
                | (cmd.has(OPT_EXPANDED) ? IptFormat.EXPANDED : 0) | (cmd.has(OPT_LINENUMBERS) ? IptFormat.LINENUMBERS : 0);
        boolean found = false;
        for (XtChain c : t.chains()) {
            if (cmd.chain != null && !cmd.chain.equals(c.name())) {
                continue;
            }
            if (found) {
                out.append('\n');
            }
            if (cmd.rulenum == 0) {
                IptFormat.header(out, c, c.builtin() ? 0 : t.references(c), fmt);
            }
            List<XtRule> rules = c.rules();
            for (int i = 0; i < rules.size(); i++) {
                if (cmd.rulenum == 0 || cmd.rulenum == i + 1) {
                    IptFormat.listRule(out, rules.get(i), i + 1, fmt);
                }
            }
            found = true;
        }
    }

    static void listRules(StringBuilder out, XtTable t, IptCmd cmd) {
        requireChain(t, cmd.chain);
        boolean counters = cmd.has(OPT_VERBOSE);
        List<XtChain> chains = t.chains().stream()
                .filter(c -> cmd.chain == null || cmd.chain.equals(c.name())).toList();
        if (cmd.rulenum == 0) {
            for (XtChain c : chains) {
                if (c.builtin()) {
                    out.append("-P ").append(c.name()).append(' ').append(c.policy());
                    if (counters) {
                        out.append(" -c ").append(Long.toUnsignedString(c.policyPackets())).append(' ')
                                .append(Long.toUnsignedString(c.policyBytes()));
                    }
                    out.append('\n');
                }
            }
            for (XtChain c : chains) {
                if (!c.builtin()) {
                    out.append("-N ").append(c.name()).append('\n');
                }
            }
        }
        for (XtChain c : chains) {
            List<XtRule> rules = c.rules();
            for (int i = 0; i < rules.size(); i++) {
                if (cmd.rulenum == 0 || cmd.rulenum == i + 1) {
                    out.append("-A ").append(c.name());
                    IptFormat.saveRule(out, rules.get(i), counters);
                    out.append('\n');
                }
            }
        }
    }
}
