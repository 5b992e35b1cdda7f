package io.netemu.stack.netfilter.nft;

import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfVerdict;

/**
 * What nft needs from connection tracking and NAT (nf_conntrack, nf_nat_core.c): loading the
 * tracker when a rule uses {@code ct} or NAT, asking whether a packet still needs a NAT binding
 * (nat chains see only a connection's first packet), and setting one up. Tests substitute fakes.
 */
public interface NftNatLink {
    /** nf_ct_netns_get: conntrack starts tracking this namespace's packets. */
    void ensureConntrack(NetNs ns);

    /** True when the packet's connection has no {@code source}/destination binding yet. */
    boolean needsNatLookup(NfPacket p, boolean source);

    /** nft_nat_eval and friends: binds the connection; the verdict ends the nat chain. */
    NfVerdict apply(NfPacket p, NftStmt.Nat nat);
}
