package io.netemu.stack.route;

/**
 * Flow hashes for multipath selection (fib_multipath_hash): 31 bits, the same for every packet
 * of a flow. Linux keys its hash with a random secret per boot; this one is fixed so that runs
 * repeat. Policy 0 ({@code net.ipv4.fib_multipath_hash_policy}) hashes the addresses, 1 the 5-tuple.
 */
public final class MultipathHash {
    private MultipathHash() {}

    /** Policy 0: source and destination addresses (for locally sent traffic Linux hashes the source before it is chosen, 0). */
    public static int l3(int saddr, int daddr) {
        return fmix(fmix(saddr * 0x9E37_79B1) ^ daddr) >>> 1;
    }

    /** Policy 1: addresses, protocol and ports. */
    public static int l4(int saddr, int daddr, int proto, int sport, int dport) {
        int h = fmix(saddr * 0x9E37_79B1) ^ daddr;
        h = fmix(h) ^ (proto << 16) ^ ((sport & 0xFFFF) << 16 | (dport & 0xFFFF));
        return fmix(h + proto) >>> 1;
    }

    /** The hash for policy {@code policy} (0 or 1; others behave as 0). */
    public static int of(int policy, int saddr, int daddr, int proto, int sport, int dport) {
        return policy == 1 ? l4(saddr, daddr, proto, sport, dport) : l3(saddr, daddr);
    }

    /** MurmurHash3's finaliser: every input bit reaches every output bit. */
    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85EB_CA6B;
        h ^= h >>> 13;
        h *= 0xC2B2_AE35;
        h ^= h >>> 16;
        return h;
    }
}
