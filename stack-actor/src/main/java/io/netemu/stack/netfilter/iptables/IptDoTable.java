package io.netemu.stack.netfilter.iptables;

import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfVerdict;
import java.util.List;

/**
 * ipt_do_table: a packet through one built-in chain. Rules in order, the IP part and every match
 * must hold; a matching rule is counted, then its target decides: a verdict ends the traversal,
 * a jump pushes the return point, a goto does not, RETURN pops (or ends in the policy), and the
 * end of a user chain returns. A non-terminating target (LOG, MARK) goes on with the next rule.
 * The nat table's chains see only a connection's first packet (nf_nat_inet_fn).
 */
public final class IptDoTable {
    /** Deeper than this the kernel's jump stack would overflow; such a packet is dropped. */
    private static final int MAX_DEPTH = 1024;

    private IptDoTable() {}

    static NfVerdict hook(XtChain chain, NfPacket p, boolean nat, boolean source) {
        if (nat && !XtNat.needsLookup(p, source)) {
            return NfVerdict.ACCEPT;
        }
        int v = run(chain, new XtPkt(p));
        return switch (v) {
            case XtTarget.ACCEPT -> NfVerdict.ACCEPT;
            case XtTarget.STOLEN -> NfVerdict.STOLEN;
            default -> NfVerdict.DROP;
        };
    }

    /** The verdict of {@code start} (a built-in chain) for {@code p}: ACCEPT, DROP or STOLEN. */
    public static int run(XtChain start, XtPkt p) {
        XtChain c = start;
        int i = 0;
        XtChain[] backChain = null;
        int[] backIndex = null;
        int sp = 0;
        while (true) {
            List<XtRule> rules = c.rules;
            if (i >= rules.size()) {
                if (sp == 0) {
                    return start.policyVerdict(p.len);
                }
                sp--;
                c = backChain[sp];
                i = backIndex[sp];
                continue;
            }
            XtRule r = rules.get(i);
            if (!r.ip.match(p) || !r.matches(p)) {
                if (p.hotdrop) {
                    return XtTarget.DROP;
                }
                i++;
                continue;
            }
            r.count(p.len);
            XtTarget t = r.target;
            if (t == null) {
                i++;
            } else if (t instanceof XtJump j) {
                if (!j.isGoto()) {
                    if (sp == MAX_DEPTH) {
                        return XtTarget.DROP;
                    }
                    if (backChain == null) {
                        backChain = new XtChain[8];
                        backIndex = new int[8];
                    } else if (sp == backChain.length) {
                        backChain = java.util.Arrays.copyOf(backChain, sp * 2);
                        backIndex = java.util.Arrays.copyOf(backIndex, sp * 2);
                    }
                    backChain[sp] = c;
                    backIndex[sp] = i + 1;
                    sp++;
                }
                c = j.chain();
                i = 0;
            } else {
                int v = t.target(p);
                if (v == XtTarget.CONTINUE) {
                    i++;
                } else if (v == XtTarget.RETURN) {
                    if (sp == 0) {
                        return start.policyVerdict(p.len);
                    }
                    sp--;
                    c = backChain[sp];
                    i = backIndex[sp];
                } else {
                    return v;
                }
            }
        }
    }
}
