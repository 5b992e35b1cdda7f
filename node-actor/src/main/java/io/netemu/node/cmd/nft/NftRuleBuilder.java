package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.PStmt;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.nft.NftChain;
import io.netemu.stack.netfilter.nft.NftFamily;
import io.netemu.stack.netfilter.nft.NftMatch;
import io.netemu.stack.netfilter.nft.NftRule;
import io.netemu.stack.netfilter.nft.NftRuleset;
import io.netemu.stack.netfilter.nft.NftSet;
import io.netemu.stack.netfilter.nft.NftStmt;
import io.netemu.stack.netfilter.nft.NftTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parsed rule into the kernel's rule (rule_evaluate in evaluate.c, then nf_tables'
 * checks): jump targets and {@code @set} references found in the table, anonymous sets built
 * (one element becomes a plain match), NAT statements checked against the family and the chain.
 * Anonymous sets take a handle from the table before the rule does, as in the kernel.
 */
final class NftRuleBuilder {
    private NftRuleBuilder() {}

    /** A rule that passed nft's userspace evaluation, before the kernel sees it. */
    record Staged(List<Object> stmts, String comment) {}

    /** Userspace evaluation: set references, NAT family checks, anonymous set elements ({@code t} may be missing). */
    static Staged stage(NftRuleset rs, NetNs ns, NftTable t, NftAst.Rule ast) throws NftError {
        List<Object> staged = new ArrayList<>();
        for (PStmt p : ast.stmts()) {
            staged.add(switch (p) {
                case NftAst.Lookup l -> lookup(rs, t, l);
                case NftAst.NatP n -> natUser(t, n);
                case NftAst.Anon a -> a.elems().size() == 1
                        ? new NftMatch(a.key(), a.op(), NftValues.rhs(a.key(), a.elems().get(0), ns)) : anonElems(ns, a);
                default -> p;
            });
        }
        return new Staged(staged, ast.comment());
    }

    /** The batch: anonymous sets, then the rule (both take handles), then the kernel's own checks. */
    static NftRule finish(NftRuleset rs, NetNs ns, NftTable t, NftChain c, Staged st, NftLoc cmdLoc, Long keepHandle)
            throws NftError {
        List<Object> staged = st.stmts();
        List<NftStmt> out = new ArrayList<>();
        for (Object o : staged) {
            if (o instanceof AnonSet as) {
                NftSet set = new NftSet("__set%d", t.allocHandle(), as.a.key().type(), as.a.key(),
                        as.interval ? NftSet.F_INTERVAL : 0, false, true, 0, null);
                NftSetOps.add(rs, ns, set, as.a.elems(), false);
                out.add(new NftMatch(as.a.key(), as.a.op(), new NftMatch.SetRef(set)));
            } else {
                out.add(null);
            }
        }
        long handle = keepHandle != null ? keepHandle : t.allocHandle();
        for (int i = 0; i < staged.size(); i++) {
            Object o = staged.get(i);
            switch (o) {
                case AnonSet as -> { }
                case NftAst.Ready r -> {
                    if (r.stmt() instanceof NftStmt.Limit l && l.rate == 0) {
                        throw NftExec.kernel("Invalid argument", r.loc());
                    }
                    out.set(i, r.stmt());
                }
                case NftAst.Jump j -> out.set(i, jump(t, j));
                case NftAst.NatP n -> out.set(i, natKernel(c, n, cmdLoc));
                case NftStmt s -> out.set(i, s);
                default -> throw new IllegalStateException(String.valueOf(o));
            }
        }
        return new NftRule(handle, out, st.comment());
    }

    /** An anonymous set whose elements passed evaluation, waiting for its handle. */
    private record AnonSet(NftAst.Anon a, boolean interval) {}

    private static AnonSet anonElems(NetNs ns, NftAst.Anon a) throws NftError {
        boolean interval = false;
        for (NftAst.Elem e : a.elems()) {
            if (!a.key().type().isString()) {
                NftValues.range(a.key().type(), a.key().width(), e, ns);
            }
            interval |= e.hi() != null || (e.prefixLen() != null && !a.key().type().isString());
        }
        return new AnonSet(a, interval);
    }

    private static NftStmt jump(NftTable t, NftAst.Jump j) throws NftError {
        NftChain target = t.chain(j.target().text());
        if (target == null) {
            throw NftExec.kernel("No such file or directory", j.target().loc());
        }
        if (target.base() != null) {
            throw NftExec.kernel("Operation not supported", j.target().loc());
        }
        return new NftStmt.Verdict(j.kind(), target);
    }

    private static NftStmt lookup(NftRuleset rs, NftTable t, NftAst.Lookup l) throws NftError {
        NftSet set = t == null ? null : t.set(l.set().text());
        if (set == null) {
            throw new NftError("No such file or directory" + NftFuzzy.setHint(rs, l.set().text()), l.loc());
        }
        if (set.type() != l.key().type()) {
            throw new NftError("datatype mismatch, expected " + l.key().type().desc() + ", expression has type "
                    + set.type().desc(), l.loc(), l.keyLoc());
        }
        return new NftMatch(l.key(), l.op(), new NftMatch.SetRef(set));
    }

    private static NftAst.NatP natUser(NftTable t, NftAst.NatP n) throws NftError {
        NftStmt.Nat nat = n.nat();
        if (t != null && t.family() == NftFamily.INET && nat.addrMin() != 0 && !nat.ip()) {
            throw new NftError("ip or ip6 must be specified with address for inet tables.", n.loc());
        }
        if (nat.portMin() != 0 && !n.l4Match()) {
            throw new NftError("transport protocol mapping is only valid after transport protocol match",
                    n.portLoc(), n.loc());
        }
        return n;
    }

    private static NftStmt natKernel(NftChain c, NftAst.NatP n, NftLoc cmdLoc) throws NftError {
        if (c.base() != null) {
            NfHook h = c.base().hook();
            boolean srcHook = h == NfHook.POST_ROUTING || h == NfHook.LOCAL_IN;
            if (!c.base().nat() || n.nat().source() != srcHook) {
                throw NftExec.kernel("Operation not supported", cmdLoc);
            }
        }
        return n.nat();
    }
}
