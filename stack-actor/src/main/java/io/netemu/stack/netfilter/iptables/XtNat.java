package io.netemu.stack.netfilter.iptables;

import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfVerdict;
import io.netemu.stack.netfilter.conntrack.Conntrack;
import io.netemu.stack.netfilter.conntrack.Nat;
import io.netemu.stack.netfilter.conntrack.NatRange;

/**
 * The one place iptables calls into conntrack and NAT (nf_conntrack_core.c, nf_nat_core.c): load
 * conntrack, ask whether a connection still needs its NAT binding, set one up, mark a packet
 * untracked. Targets return the verdict codes of {@link XtTarget}.
 */
public final class XtNat {
    private XtNat() {}

    public static void ensureConntrack(NetNs ns) {
        Conntrack.ensure(ns.netfilter(), ns.sysctl());
    }

    /** !nf_nat_initialized(ct, maniptype): the nat chain must choose this connection's binding. */
    public static boolean needsLookup(NfPacket p, boolean source) {
        return Nat.needsNatLookup(p, source);
    }

    /** nf_nat_setup_info with {@code range}; SNAT and MASQUERADE when {@code source}, else DNAT. */
    public static int setup(NfPacket p, int minAddr, int maxAddr, int minPort, int maxPort, boolean random,
                     boolean persistent, boolean masquerade, boolean source) {
        NatRange r = new NatRange(minAddr, maxAddr, minPort, maxPort, random, persistent, masquerade);
        return verdict(Nat.setup(p, r, source));
    }

    /** nf_nat_redirect_ipv4: DNAT to the incoming interface's primary address (127.0.0.1 in OUTPUT). */
    public static int redirect(NfPacket p, int minPort, int maxPort) {
        return verdict(Nat.redirect(p, minPort, maxPort));
    }

    /** NOTRACK / CT --notrack: the packet is not tracked (nf_ct_set(skb, NULL, IP_CT_UNTRACKED)). */
    public static void untrack(NfPacket p) {
        Conntrack.markUntracked(p);
    }

    private static int verdict(NfVerdict v) {
        return switch (v) {
            case ACCEPT -> XtTarget.ACCEPT;
            case DROP -> XtTarget.DROP;
            case STOLEN -> XtTarget.STOLEN;
        };
    }
}
