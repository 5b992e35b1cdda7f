package io.netemu.node.cmd.nft;

import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.nft.NftIntervals;
import io.netemu.stack.netfilter.nft.NftRuleset;
import io.netemu.stack.netfilter.nft.NftSet;
import io.netemu.stack.netfilter.nft.NftType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adding and removing set elements as nft and nf_tables do it: ranges and prefixes only in
 * interval sets, overlaps refused unless the set merges them (auto-merge, anonymous sets),
 * {@code create} refusing elements already there (EEXIST), {@code delete} of a missing element
 * refused. Bulk adds sort once (O(k log k + n)), so a million elements load in one command.
 */
final class NftSetOps {
    private NftSetOps() {}

    static int widthOf(io.netemu.stack.netfilter.nft.NftKey key) {
        return key.width();
    }

    /** The width in bits of the set's keys. */
    static int width(NftSet set) {
        return set.typeof() != null ? set.typeof().width() : set.type().bits();
    }

    static void add(NftRuleset rs, NetNs ns, NftSet set, List<NftAst.Elem> elems, boolean create) throws NftError {
        NftType type = set.type();
        if (type.isText()) {
            List<String> added = new ArrayList<>();
            for (NftAst.Elem e : elems) {
                String text = text(set, e);
                if (set.containsString(text)) {
                    if (create) {
                        throw NftExec.kernel("File exists", e.loc());
                    }
                    continue;
                }
                set.addString(text);
                added.add(text);
            }
            rs.journal(() -> added.forEach(set::removeString));
            return;
        }
        int k = elems.size();
        long[] los = new long[k];
        long[] his = new long[k];
        for (int i = 0; i < k; i++) {
            NftAst.Elem e = elems.get(i);
            long[] r = NftValues.range(type, width(set), e, ns);
            if (!set.interval() && r[0] != r[1]) {
                throw new NftError("You must add 'flags interval' to your set declaration if you want to add "
                        + (e.prefixLen() != null ? "prefix" : "range") + " elements", e.loc());
            }
            los[i] = r[0];
            his[i] = r[1];
        }
        if (!set.interval()) {
            List<Long> added = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (!set.addExact(los[i])) {
                    if (create) {
                        throw NftExec.kernel("File exists", elems.get(i).loc());
                    }
                } else {
                    added.add(los[i]);
                }
            }
            rs.journal(() -> added.forEach(set::removeExact));
            return;
        }
        NftIntervals iv = set.ranges();
        long[][] before = iv.snapshot();
        rs.journal(() -> iv.restore(before));
        boolean merge = set.autoMerge() || set.anonymous();
        if (!merge) {
            checkOverlaps(iv, los, his, elems, create);
        }
        iv.addAll(los, his, k, merge);
    }

    /** Refuses a new range that overlaps an existing one or another new one, unless it is an exact repeat. */
    private static void checkOverlaps(NftIntervals iv, long[] los, long[] his, List<NftAst.Elem> elems, boolean create)
            throws NftError {
        Integer[] order = new Integer[los.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(los[a], los[b]));
        int prev = -1;
        for (int idx : order) {
            boolean exact = iv.containsExactly(los[idx], his[idx]);
            if (exact && create) {
                throw NftExec.kernel("File exists", elems.get(idx).loc());
            }
            boolean dupOfPrev = prev >= 0 && los[prev] == los[idx] && his[prev] == his[idx];
            if ((!exact && iv.overlaps(los[idx], his[idx])) || (prev >= 0 && !dupOfPrev && los[idx] <= his[prev])) {
                throw new NftError("interval overlaps with an existing one", elems.get(idx).loc());
            }
            prev = idx;
        }
    }

    /** A text element: an interface name as written, an IPv6 value in canonical form. */
    private static String text(NftSet set, NftAst.Elem e) throws NftError {
        if (set.type() == NftType.IPV6_ADDR) {
            if (!set.interval() && (e.hi() != null || e.prefixLen() != null)) {
                throw new NftError("You must add 'flags interval' to your set declaration if you want to add "
                        + (e.prefixLen() != null ? "prefix" : "range") + " elements", e.loc());
            }
            return NftValues.ipv6(e);
        }
        return e.lo().text();
    }

    static void delete(NftRuleset rs, NetNs ns, NftSet set, List<NftAst.Elem> elems) throws NftError {
        if (set.type().isText()) {
            for (NftAst.Elem e : elems) {
                String s = text(set, e);
                if (!set.removeString(s)) {
                    throw NftExec.kernel("No such file or directory", e.loc());
                }
                rs.journal(() -> set.addString(s));
            }
            return;
        }
        for (NftAst.Elem e : elems) {
            long[] r = NftValues.range(set.type(), width(set), e, ns);
            if (set.interval()) {
                NftIntervals iv = set.ranges();
                long[][] before = iv.snapshot();
                if (!iv.remove(r[0], r[1])) {
                    throw new NftError("element does not exist", e.loc());
                }
                rs.journal(() -> iv.restore(before));
            } else {
                if (!set.removeExact(r[0])) {
                    throw NftExec.kernel("No such file or directory", e.loc());
                }
                rs.journal(() -> set.addExact(r[0]));
            }
        }
    }
}
