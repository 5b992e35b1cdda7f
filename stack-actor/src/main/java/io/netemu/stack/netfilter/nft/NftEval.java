package io.netemu.stack.netfilter.nft;

import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfVerdict;
import java.util.List;

/**
 * Runs a base chain on one packet (nft_do_chain, nf_tables_core.c): rules in order, statements in
 * order, a failed match or an exceeded limit ends the rule (NFT_BREAK), jump pushes a return
 * point on a stack of {@value #JUMP_STACK}, goto does not, and the end of the base chain applies
 * its policy. Accept ends this chain only: later hook functions still run.
 */
public final class NftEval {
    /** NFT_JUMP_STACK_SIZE. */
    static final int JUMP_STACK = 16;

    private NftEval() {}

    /** Outcome of one rule: go on with the next rule, or a verdict. */
    private static final NftStmt.Verdict NEXT = new NftStmt.Verdict(NftStmt.Verdict.Kind.CONTINUE, null);

    public static NfVerdict run(NftChain base, NfPacket p, NftNatLink nat) {
        NftPktInfo pi = new NftPktInfo(p);
        NftChain[] stackChain = new NftChain[JUMP_STACK];
        int[] stackIdx = new int[JUMP_STACK];
        int sp = 0;
        NftChain chain = base;
        int ri = 0;
        while (true) {
            List<NftRule> rules = chain.rules();
            NftStmt.Verdict v = null;
            while (ri < rules.size()) {
                NftRule r = rules.get(ri++);
                Object out = rule(r, p, pi, nat);
                if (out instanceof NfVerdict fin) {
                    return fin;
                }
                NftStmt.Verdict rv = (NftStmt.Verdict) out;
                if (rv != NEXT && rv.kind() != NftStmt.Verdict.Kind.CONTINUE) {
                    v = rv;
                    break;
                }
            }
            if (v == null || v.kind() == NftStmt.Verdict.Kind.RETURN) {
                if (sp == 0) {
                    return base.base().policyDrop() ? NfVerdict.DROP : NfVerdict.ACCEPT;
                }
                sp--;
                chain = stackChain[sp];
                ri = stackIdx[sp];
                continue;
            }
            switch (v.kind()) {
                case ACCEPT -> { return NfVerdict.ACCEPT; }
                case DROP -> { return NfVerdict.DROP; }
                case JUMP -> {
                    if (sp == JUMP_STACK) {
                        return NfVerdict.DROP;
                    }
                    stackChain[sp] = chain;
                    stackIdx[sp] = ri;
                    sp++;
                    chain = v.target();
                    ri = 0;
                }
                case GOTO -> {
                    chain = v.target();
                    ri = 0;
                }
                default -> { }
            }
        }
    }

    /** Runs one rule: NEXT, a chain verdict, or a final {@link NfVerdict} (reject, NAT). */
    private static Object rule(NftRule r, NfPacket p, NftPktInfo pi, NftNatLink nat) {
        for (NftStmt s : r.stmts()) {
            switch (s) {
                case NftMatch m -> {
                    if (!m.eval(pi)) {
                        return NEXT;
                    }
                }
                case NftStmt.Counter c -> {
                    c.packets++;
                    c.bytes += pi.length();
                }
                case NftStmt.Limit l -> {
                    if (!l.pass(p.ops.now(), pi.length())) {
                        return NEXT;
                    }
                }
                case NftStmt.Log l -> p.ops.klog(NftLogFormat.line(l.prefix(), p));
                case NftStmt.MetaSet ms -> p.mark = (int) ms.value();
                case NftStmt.Reject rj -> {
                    if (rj.kind() == NftStmt.Reject.Kind.ICMPV6) {
                        return NfVerdict.DROP; // unreachable behind its ipv6 dependency; drop as the kernel would
                    }
                    if (rj.kind() == NftStmt.Reject.Kind.TCP_RESET) {
                        p.ops.sendTcpReset(p.skb);
                    } else {
                        p.ops.sendIcmpError(p.skb, 3, rj.icmpCode());
                    }
                    return NfVerdict.STOLEN;
                }
                case NftStmt.Nat n -> {
                    return nat.apply(p, n);
                }
                case NftStmt.Verdict v -> {
                    return v;
                }
                case NftVMap m -> {
                    NftStmt.Verdict v = m.lookup(pi);
                    if (v == null) {
                        return NEXT;
                    }
                    if (v.kind() != NftStmt.Verdict.Kind.CONTINUE) {
                        return v;
                    }
                }
            }
        }
        return NEXT;
    }
}
