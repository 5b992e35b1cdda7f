package io.netemu.ebpf.map;

/**
 * The "memlock" bytes bpftool map show reports: what the kernel's map_mem_usage charges. The
 * struct sizes are those of the x86-64 6.18 kernel the transcript in the tests was taken on
 * (derived from its outputs); other kernels differ by some bytes. Per-CPU parts scale with the
 * possible CPUs, one on netemu.
 */
final class MapMemlock {
    static final int BPF_ARRAY = 312, BPF_HTAB = 832, HTAB_ELEM = 48, HTAB_BUCKET = 16,
            HTAB_LOCKS = 8, BPF_DTAB = 344, DTAB_NETDEV = 64, PTR = 8;

    private MapMemlock() {}

    static long bytes(BpfMap map, int cpus) {
        MapSpec s = map.spec();
        long k = ValueSlots.stride(s.keySize()), v = ValueSlots.stride(s.valueSize()), n = s.maxEntries();
        return switch (s.type()) {
            case ARRAY -> BPF_ARRAY + n * v;
            case PERCPU_ARRAY -> BPF_ARRAY + n * PTR + n * v * cpus;
            case PROG_ARRAY -> BPF_ARRAY + n * PTR;
            case HASH -> htabBase(n, cpus) + (n + cpus) * (HTAB_ELEM + k + v) + (long) cpus * PTR;
            case PERCPU_HASH -> htabBase(n, cpus) + n * (HTAB_ELEM + k + PTR) + n * v * cpus;
            case LRU_HASH -> htabBase(n, cpus) + n * (HTAB_ELEM + k + v);
            case LPM_TRIE -> ((LpmTrie) map).size() * (long) (Maps.LPM_NODE_SIZE + s.keySize() - 4 + s.valueSize());
            case DEVMAP -> BPF_DTAB + n * PTR;
            case DEVMAP_HASH -> BPF_DTAB + pow2(n) * PTR + ((DevHashMap) map).size() * (long) DTAB_NETDEV;
        };
    }

    /** The table, its per-CPU lock counters and its buckets (one per entry, rounded to a power of 2). */
    private static long htabBase(long n, int cpus) {
        return BPF_HTAB + (long) HTAB_LOCKS * 4 * cpus + pow2(n) * HTAB_BUCKET;
    }

    private static long pow2(long n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
    }
}
