package io.netemu.node.cmd.nft;

import io.netemu.node.cmd.nft.NftAst.PStmt;
import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.nft.NftChain;
import io.netemu.stack.netfilter.nft.NftFamily;
import io.netemu.stack.netfilter.nft.NftMatch;
import io.netemu.stack.netfilter.nft.NftRule;
import io.netemu.stack.netfilter.nft.NftRuleset;
import io.netemu.stack.netfilter.nft.NftSet;
import io.netemu.stack.netfilter.nft.NftKey;
import io.netemu.stack.netfilter.nft.NftSymbols;
import io.netemu.stack.netfilter.nft.NftStmt;
import io.netemu.stack.netfilter.nft.NftTable;
import io.netemu.stack.netfilter.nft.NftType;
import io.netemu.stack.netfilter.nft.NftVMap;
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

    /**
     * Userspace evaluation, statement by statement as rule_evaluate goes: nothing after a
     * terminal statement, symbols that did not parse, conflicting transport protocols, icmpx
     * outside inet, set references, NAT family checks, anonymous set elements ({@code t} may be
     * missing: the kernel reports that later).
     */
    static Staged stage(NftRuleset rs, NetNs ns, NftFamily family, NftTable t, NftAst.Rule ast) throws NftError {
        List<Object> staged = new ArrayList<>();
        PStmt prev = null;
        int proto = -1;
        NftLoc protoLoc = null;
        boolean l3 = false;
        for (PStmt p : ast.stmts()) {
            if (prev != null && NftRuleParser.terminal(prev)) {
                throw new NftError("Statement after terminal statement has no effect", p.loc(), prev.loc());
            }
            prev = p;
            NftKey key = null;
            NftLoc keyLoc = null;
            long value = -1;
            switch (p) {
                case NftAst.Ready r when r.stmt() instanceof NftMatch m -> {
                    key = m.key();
                    keyLoc = r.aux() != null ? r.aux() : r.loc();
                    if (m.rhs() instanceof NftMatch.Value v && (m.op() == NftMatch.Op.IMPLICIT || m.op() == NftMatch.Op.EQ)) {
                        value = v.v();
                    }
                }
                case NftAst.Anon a -> {
                    key = a.key();
                    keyLoc = a.keyLoc();
                    // the protocol context takes each element in turn: the last one stays
                    NftAst.Elem last = a.elems().get(a.elems().size() - 1);
                    if (last.hi() == null && last.prefixLen() == null && !key.type().isText()) {
                        value = NftValues.value(key.type(), key.width(), last.lo(), ns);
                    }
                }
                case NftAst.Lookup l -> {
                    key = l.key();
                    keyLoc = l.keyLoc();
                }
                case NftAst.VMapP v -> {
                    key = v.key();
                    keyLoc = v.keyLoc();
                }
                case NftAst.Failed f -> {
                    key = f.key();
                    keyLoc = f.keyLoc();
                }
                default -> { }
            }
            if (key != null) {
                int l4 = key.l4proto();
                if (l4 >= 0) {
                    if (proto >= 0 && proto != l4) {
                        throw new NftError("conflicting protocols specified: " + NftSymbols.name(NftSymbols.PROTOCOLS, proto)
                                + " vs. " + NftSymbols.name(NftSymbols.PROTOCOLS, l4), keyLoc);
                    }
                    proto = l4;
                    protoLoc = keyLoc;
                } else if ((key == NftKey.META_L4PROTO || key == NftKey.IP_PROTOCOL) && value >= 0) {
                    proto = (int) value;
                    protoLoc = p.loc();
                }
                l3 |= key.text().startsWith("ip ") || key.text().startsWith("icmp ") || key.ipv6();
            }
            if (p instanceof NftAst.Failed f) {
                throw f.error();
            }
            if (key == NftKey.META_NFPROTO && family != NftFamily.INET) {
                throw new NftError("meta nfproto is only useful in the inet family", keyLoc);
            }
            if (p instanceof NftAst.Ready r && r.stmt() instanceof NftStmt.Reject rj) {
                if (rj.kind() == NftStmt.Reject.Kind.ICMPX && r.aux() != null && family != NftFamily.INET) {
                    throw new NftError("abstracted ICMP unreachable not supported", r.aux(), r.loc());
                }
                if (rj.kind() == NftStmt.Reject.Kind.TCP_RESET && proto >= 0 && proto != 6) {
                    throw new NftError("you cannot use tcp reset with this protocol", r.loc(), protoLoc);
                }
                if ((rj.kind() == NftStmt.Reject.Kind.ICMP || rj.kind() == NftStmt.Reject.Kind.ICMPV6) && r.aux() != null
                        && family == NftFamily.INET && !l3) {
                    // a family's own code in an inet table: nft first restricts the rule to that family
                    long nfproto = rj.kind() == NftStmt.Reject.Kind.ICMP ? 2 : 10;
                    staged.add(0, new NftMatch(NftKey.META_NFPROTO, NftMatch.Op.IMPLICIT, new NftMatch.Value(nfproto)));
                    l3 = true;
                }
                if (rj.kind() == NftStmt.Reject.Kind.ICMPX && r.aux() == null && family == NftFamily.INET && l3) {
                    // a plain reject once the rule is about IPv4 rejects with that family's ICMP
                    staged.add(new NftAst.Ready(new NftStmt.Reject(NftStmt.Reject.Kind.ICMP, 3), r.loc()));
                    continue;
                }
            }
            staged.add(switch (p) {
                case NftAst.Lookup l -> lookup(rs, t, l);
                case NftAst.NatP n -> natUser(family, n, l3);
                case NftAst.Anon a -> a.elems().size() == 1
                        ? new NftMatch(a.key(), a.op(), NftValues.rhs(a.key(), a.elems().get(0), ns)) : anonElems(ns, a);
                case NftAst.VMapP v -> vmapEntries(ns, v);
                default -> p;
            });
        }
        return new Staged(staged, ast.comment());
    }

    /** The batch: anonymous sets, then the rule (both take handles), then the kernel's own checks. */
    static NftRule finish(NftRuleset rs, NetNs ns, NftTable t, NftChain c, Staged st, NftLoc cmdLoc, Long keepHandle,
                          java.util.function.Function<NftLoc, NftError> enoent) throws NftError {
        List<Object> staged = st.stmts();
        List<NftStmt> out = new ArrayList<>();
        NftError elemError = null;
        for (Object o : staged) {
            if (o instanceof VMapStaged vm) {
                NftVMap map = new NftVMap(vm.v.key(), t.allocHandle());
                for (int k = 0; k < vm.entries.size(); k++) {
                    NftVMap.Entry e = vm.entries.get(k);
                    NftAst.MapElem me = vm.v.elems().get(k);
                    NftStmt.Verdict verdict = new NftStmt.Verdict(me.verdict(), null);
                    if (me.target() != null) {
                        try {
                            NftAst.Name at = new NftAst.Name(me.target().text(), me.key().loc());
                            verdict = (NftStmt.Verdict) jump(t, new NftAst.Jump(me.verdict(), at, me.key().loc()), enoent);
                        } catch (NftError err) {
                            // the element message fails; the kernel still takes the rule's handle before aborting
                            elemError = elemError == null ? err : elemError;
                        }
                    }
                    map.put(new NftVMap.Entry(e.lo(), e.hi(), e.text(), verdict));
                }
                out.add(map);
            } else if (o instanceof AnonSet as) {
                NftSet set = new NftSet("__set%d", t.allocHandle(), as.a.key().type(), as.a.key(),
                        as.interval ? NftSet.F_INTERVAL : 0, false, true, 0, null);
                NftSetOps.add(rs, ns, set, as.a.elems(), false);
                out.add(new NftMatch(as.a.key(), as.a.op(), new NftMatch.SetRef(set)));
            } else {
                out.add(null);
            }
        }
        long handle = keepHandle != null ? keepHandle : t.allocHandle();
        if (elemError != null) {
            throw elemError;
        }
        for (int i = 0; i < staged.size(); i++) {
            Object o = staged.get(i);
            switch (o) {
                case AnonSet as -> { }
                case VMapStaged vm -> { }
                case NftAst.Ready r -> {
                    if (r.stmt() instanceof NftStmt.Limit l && l.rate == 0) {
                        throw NftExec.kernel("Invalid argument", r.aux());
                    }
                    out.set(i, r.stmt());
                }
                case NftAst.Jump j -> out.set(i, jump(t, j, enoent));
                case NftAst.NatP n -> out.set(i, n.nat());
                case NftStmt s -> out.set(i, s);
                default -> throw new IllegalStateException(String.valueOf(o));
            }
        }
        return new NftRule(handle, out, st.comment());
    }

    /** A verdict map whose keys passed evaluation (verdicts not yet resolved), waiting for its handle. */
    private record VMapStaged(NftAst.VMapP v, List<NftVMap.Entry> entries) {}

    private static VMapStaged vmapEntries(NetNs ns, NftAst.VMapP v) throws NftError {
        List<NftVMap.Entry> entries = new ArrayList<>();
        NftType type = v.key().type();
        for (NftAst.MapElem me : v.elems()) {
            NftAst.Elem e = me.key();
            if (type == NftType.IPV6_ADDR) {
                entries.add(new NftVMap.Entry(0, 0, NftValues.ipv6(e), null));
            } else if (type.isString()) {
                entries.add(new NftVMap.Entry(0, 0, e.lo().text(), null));
            } else {
                long[] r = NftValues.range(type, v.key().width(), e, ns);
                entries.add(new NftVMap.Entry(r[0], r[1], null, null));
            }
        }
        return new VMapStaged(v, entries);
    }

    /** An anonymous set whose elements passed evaluation, waiting for its handle. */
    private record AnonSet(NftAst.Anon a, boolean interval) {}

    private static AnonSet anonElems(NetNs ns, NftAst.Anon a) throws NftError {
        boolean interval = false;
        for (NftAst.Elem e : a.elems()) {
            if (a.key().type() == NftType.IPV6_ADDR) {
                NftValues.ipv6(e);
            } else if (!a.key().type().isString()) {
                NftValues.range(a.key().type(), a.key().width(), e, ns);
            }
            interval |= e.hi() != null || (e.prefixLen() != null && !a.key().type().isString());
        }
        return new AnonSet(a, interval);
    }

    private static NftStmt jump(NftTable t, NftAst.Jump j, java.util.function.Function<NftLoc, NftError> enoent)
            throws NftError {
        NftChain target = t.chain(j.target().text());
        if (target == null) {
            throw enoent.apply(j.target().loc());
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

    /** nat_evaluate_addr: in inet, an address needs ip/ip6 unless an earlier match fixed the family. */
    private static NftAst.NatP natUser(NftFamily family, NftAst.NatP n, boolean l3) throws NftError {
        NftStmt.Nat nat = n.nat();
        if (family == NftFamily.INET && nat.addrMin() != 0 && !nat.ip() && !l3) {
            throw new NftError("ip or ip6 must be specified with address for inet tables.", n.loc());
        }
        if (nat.portMin() != 0 && !n.l4Match()) {
            throw new NftError("transport protocol mapping is only valid after transport protocol match",
                    n.portLoc(), n.loc());
        }
        return n;
    }

}
