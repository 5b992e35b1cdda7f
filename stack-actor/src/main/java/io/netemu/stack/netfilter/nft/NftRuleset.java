package io.netemu.stack.netfilter.nft;

import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.NfHook;
import io.netemu.stack.netfilter.NfVerdict;
import io.netemu.stack.netfilter.Netfilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nftables state of one namespace (struct nftables_pernet): tables in creation order, the
 * table handle counter, and the base chains registered on the namespace's hooks. Changes form a
 * transaction as nf_tables' batches do: every edit records its undo, {@link #commit} keeps them
 * and (re)attaches base chains to their hooks, {@link #abort} rolls them all back. Handles, as in
 * the kernel, are not given back on abort.
 */
public final class NftRuleset {
    /** How nft reaches conntrack and NAT unless a test says otherwise. */
    private static volatile NftNatLink defaultNat = new NftConntrackNat();

    private final NetNs ns;
    private final NftNatLink nat;
    private final List<NftTable> tables = new ArrayList<>();
    private long tableHandles;
    private long ownerSeq;
    private final Map<NftChain, String> registered = new IdentityHashMap<>();
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private boolean conntrack;

    public NftRuleset(NetNs ns, NftNatLink nat) {
        this.ns = ns;
        this.nat = nat;
    }

    /** The namespace's ruleset, created empty on first use. */
    public static NftRuleset of(NetNs ns) {
        return ns.attachment(NftRuleset.class, () -> new NftRuleset(ns, defaultNat));
    }

    /** Replaces the conntrack/NAT link new rulesets get (tests). */
    public static void setDefaultNat(NftNatLink link) { defaultNat = link; }

    public NetNs ns() { return ns; }
    public List<NftTable> tables() { return tables; }

    public NftTable table(NftFamily family, String name) {
        for (NftTable t : tables) {
            if (t.family() == family && t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    public NftTable tableByHandle(NftFamily family, long handle) {
        for (NftTable t : tables) {
            if (t.family() == family && t.handle() == handle) {
                return t;
            }
        }
        return null;
    }

    /** Creates a table (nf_tables_newtable: handles count per namespace). */
    public NftTable addTable(NftFamily family, String name) {
        NftTable t = new NftTable(family, name, ++tableHandles);
        tables.add(t);
        journal(() -> tables.remove(t));
        return t;
    }

    public void removeTable(NftTable t) {
        int i = tables.indexOf(t);
        tables.remove(i);
        journal(() -> tables.add(i, t));
    }

    /** Records how to undo the edit just made. */
    public void journal(Runnable u) {
        undo.push(u);
    }

    /** Rolls back every edit since the last commit (a batch that failed, or {@code nft -c}). */
    public void abort() {
        undoTo(0);
    }

    /** How many edits the open transaction holds (a mark for {@link #undoTo}). */
    public int edits() {
        return undo.size();
    }

    /** Rolls back the edits made after {@code mark} (one failed command of a batch). */
    public void undoTo(int mark) {
        while (undo.size() > mark) {
            undo.pop().run();
        }
    }

    /** Keeps the edits and brings the hooks in line with the base chains. */
    public void commit() {
        undo.clear();
        syncHooks();
    }

    private void syncHooks() {
        Netfilter nf = ns.netfilter();
        Map<NftChain, String> keep = new IdentityHashMap<>();
        boolean needCt = false;
        for (NftTable t : tables) {
            if (!t.family().seesIpv4()) {
                continue;
            }
            for (NftChain c : t.chains()) {
                needCt |= usesConntrack(c);
                if (c.base() != null && !t.dormant()) {
                    String owner = registered.get(c);
                    if (owner == null) {
                        owner = "nft " + t.family().text() + " " + t.name() + " " + c.name() + " #" + (++ownerSeq);
                        nf.register(c.base().hook(), c.base().priority(), owner, hookFn(c));
                    }
                    keep.put(c, owner);
                }
            }
        }
        for (Map.Entry<NftChain, String> e : registered.entrySet()) {
            if (!keep.containsKey(e.getKey())) {
                nf.unregister(e.getValue());
            }
        }
        registered.clear();
        registered.putAll(keep);
        if (needCt && !conntrack) {
            conntrack = true;
            nat.ensureConntrack(ns);
        }
    }

    private io.netemu.stack.netfilter.NfHookFn hookFn(NftChain c) {
        NfHook hook = c.base().hook();
        boolean source = hook == NfHook.POST_ROUTING || hook == NfHook.LOCAL_IN;
        if (c.base().nat()) {
            return p -> nat.needsNatLookup(p, source) ? NftEval.run(c, p, nat) : NfVerdict.ACCEPT;
        }
        return p -> NftEval.run(c, p, nat);
    }

    /** ct expressions and NAT (statements or a nat chain) load conntrack, as nf_ct_netns_get does. */
    private static boolean usesConntrack(NftChain c) {
        if (c.base() != null && c.base().nat()) {
            return true;
        }
        for (NftRule r : c.rules()) {
            for (NftStmt s : r.stmts()) {
                if (s instanceof NftStmt.Nat || (s instanceof NftMatch m && m.key().isCt())
                        || (s instanceof NftVMap v && v.key().isCt())) {
                    return true;
                }
            }
        }
        return false;
    }
}
