package io.netemu.stack.netfilter.nft;

import io.netemu.stack.netfilter.NfHook;

/**
 * What makes a chain a base chain (struct nft_base_chain): its type ({@code filter}, {@code nat},
 * {@code route}), hook, priority and policy ({@code accept} unless {@code drop}).
 */
public record NftBaseChain(String type, NfHook hook, int priority, boolean policyDrop) {
    public boolean nat() { return "nat".equals(type); }

    public NftBaseChain withPolicy(boolean drop) {
        return new NftBaseChain(type, hook, priority, drop);
    }
}
