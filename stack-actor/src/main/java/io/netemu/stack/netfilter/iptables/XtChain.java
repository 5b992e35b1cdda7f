package io.netemu.stack.netfilter.iptables;

import io.netemu.stack.netfilter.NfHook;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of one table: a built-in chain (at a hook, with a policy and the policy's counters) or a
 * user-defined one. A built-in chain exists in the kernel only once something created it (a rule,
 * a policy, a restore), as iptables-nft creates base chains on demand; until then it lists as
 * empty with policy ACCEPT and counts nothing. Its policy counters count only once a policy, a
 * zeroing or a restore gave the base chain counters (nft_chain_set, nft_chain_zero_counters).
 */
public final class XtChain {
    private String name;
    private final NfHook hook;
    private boolean dropPolicy;
    private long pcnt;
    private long bcnt;
    final List<XtRule> rules = new ArrayList<>();
    boolean registered;
    /**
     * Whether the base chain counts its policy: iptables-nft creates base chains for rules without
     * counters, and gives them counters when a policy is set, the chain is zeroed (-Z) or restored.
     */
    boolean stats;

    XtChain(String name, NfHook hook) {
        this.name = name;
        this.hook = hook;
    }

    public String name() { return name; }

    void rename(String n) { this.name = n; }

    /** The hook of a built-in chain; null for a user-defined chain. */
    public NfHook hook() { return hook; }

    public boolean builtin() { return hook != null; }

    /** "ACCEPT" or "DROP" for a built-in chain; null for a user chain. */
    public String policy() { return hook == null ? null : dropPolicy ? "DROP" : "ACCEPT"; }

    void setPolicy(boolean drop) { this.dropPolicy = drop; }

    public long policyPackets() { return pcnt; }

    public long policyBytes() { return bcnt; }

    public void setPolicyCounters(long packets, long bytes) {
        this.pcnt = packets;
        this.bcnt = bytes;
    }

    /** The policy's verdict, counted as the kernel counts the underflow rule. */
    int policyVerdict(int len) {
        if (stats) {
            pcnt++;
            bcnt += len;
        }
        return dropPolicy ? XtTarget.DROP : XtTarget.ACCEPT;
    }

    /** The rules, in order (a read-only view). */
    public List<XtRule> rules() { return java.util.Collections.unmodifiableList(rules); }

    /** Whether the chain exists in the kernel (always, for a user chain). */
    public boolean exists() { return hook == null || registered; }

    @Override
    public String toString() { return name; }
}
