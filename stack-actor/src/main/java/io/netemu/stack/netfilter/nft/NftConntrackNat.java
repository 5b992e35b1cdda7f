package io.netemu.stack.netfilter.nft;

import io.netemu.stack.NetNs;
import io.netemu.stack.netfilter.NfPacket;
import io.netemu.stack.netfilter.NfVerdict;
import io.netemu.stack.netfilter.conntrack.Conntrack;
import io.netemu.stack.netfilter.conntrack.Nat;
import io.netemu.stack.netfilter.conntrack.NatRange;

/**
 * nft's link to the namespace's connection tracker and NAT (stack.netfilter.conntrack): loads
 * conntrack, asks whether a packet still needs a binding, and turns NAT statements into
 * {@link Nat#setup} / {@link Nat#redirect} with a {@link NatRange} (nft_nat_eval, nft_masq_eval,
 * nft_redir_eval: {@code random} and {@code fully-random} both ask for random ports).
 */
final class NftConntrackNat implements NftNatLink {
    @Override
    public void ensureConntrack(NetNs ns) {
        Conntrack.ensure(ns.netfilter(), ns.sysctl());
    }

    @Override
    public boolean needsNatLookup(NfPacket p, boolean source) {
        return Nat.needsNatLookup(p, source);
    }

    @Override
    public NfVerdict apply(NfPacket p, NftStmt.Nat n) {
        boolean random = n.random() || n.fullyRandom();
        return switch (n.kind()) {
            case SNAT, DNAT -> Nat.setup(p, new NatRange((int) n.addrMin(), (int) n.addrMax(), n.portMin(), n.portMax(),
                    random, n.persistent(), false), n.source());
            case MASQUERADE -> Nat.setup(p, new NatRange(0, 0, n.portMin(), n.portMax(), random, n.persistent(), true), true);
            case REDIRECT -> Nat.redirect(p, n.portMin(), n.portMax());
        };
    }
}
