package io.netemu.ebpf.map;

/**
 * BPF_MAP_CREATE: checks a spec as the kernel's map_create and each type's alloc_check do,
 * then makes the map. Refusals carry the kernel's errno and say which field to change to what.
 */
public final class Maps {
    static final int F_NO_COMMON_LRU = 1 << 1, F_NUMA_NODE = 1 << 2, F_RDONLY = 1 << 3, F_WRONLY = 1 << 4,
            F_ZERO_SEED = 1 << 6, F_WRONLY_PROG = 1 << 8, F_MMAPABLE = 1 << 10, F_PRESERVE_ELEMS = 1 << 11,
            F_INNER_MAP = 1 << 12;
    private static final int ACCESS_MASK = F_RDONLY | F_WRONLY | MapSpec.F_RDONLY_PROG | F_WRONLY_PROG;
    private static final int HASH_FLAGS = MapSpec.F_NO_PREALLOC | F_NO_COMMON_LRU | F_NUMA_NODE | ACCESS_MASK | F_ZERO_SEED;
    private static final int ARRAY_FLAGS = F_NUMA_NODE | F_MMAPABLE | ACCESS_MASK | F_PRESERVE_ELEMS | F_INNER_MAP;
    private static final int LPM_FLAGS = MapSpec.F_NO_PREALLOC | F_NUMA_NODE | ACCESS_MASK;
    private static final int DEV_FLAGS = F_NUMA_NODE | F_RDONLY | F_WRONLY;

    /** KMALLOC_MAX_SIZE on x86-64: no element may need more in one piece. */
    static final long KMALLOC_MAX_SIZE = 4L << 20;
    /** sizeof(struct htab_elem) on x86-64, which the hash limit subtracts (E2BIG at 4194256 measured). */
    static final int HTAB_ELEM_SIZE = 48;
    /** PCPU_MIN_UNIT_SIZE: a per-CPU value must fit in it (32768 accepted, 32769 refused, measured). */
    static final int PCPU_MIN_UNIT_SIZE = 32 << 10;
    static final int LPM_DATA_SIZE_MAX = 256, LPM_NODE_SIZE = 24;
    /** BPF_OBJ_NAME_LEN less the NUL. */
    static final int NAME_MAX = 15;

    private Maps() {}

    /** A new, empty map for {@code spec}; throws {@link MapCreateException} when the kernel would refuse it. */
    public static BpfMap create(MapSpec spec) {
        if (spec == null || spec.type() == null) throw refuse(spec, BpfMap.EINVAL, "map_type is not one netemu implements (hash, array, prog_array, percpu_hash, percpu_array, lru_hash, lpm_trie, devmap, devmap_hash)");
        checkCommon(spec);
        return switch (spec.type()) {
            case HASH -> new HashTab(checkHash(spec));
            case PERCPU_HASH -> new PerCpuHashTab(checkHash(spec));
            case LRU_HASH -> new LruHashTab(checkHash(spec));
            case ARRAY -> new ArrayMap(checkArray(spec));
            case PERCPU_ARRAY -> new PerCpuArrayMap(checkArray(spec));
            case PROG_ARRAY -> new ProgArray(checkProgArray(spec));
            case LPM_TRIE -> new LpmTrie(checkLpm(spec));
            // the kernel marks devmaps read-only to programs, and map show reports it (flags 0x80)
            case DEVMAP -> new DevArrayMap(readOnlyProg(checkDev(spec)));
            case DEVMAP_HASH -> new DevHashMap(readOnlyProg(checkDev(spec)));
        };
    }

    private static void checkCommon(MapSpec s) {
        String name = s.name() == null ? "" : s.name();
        if (name.length() > NAME_MAX)
            throw refuse(s, BpfMap.EINVAL, "map_name may have at most " + NAME_MAX + " characters (got " + name.length() + ")");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
            if (!ok) throw refuse(s, BpfMap.EINVAL, "map_name may hold only letters, digits, '_' and '.' (got '" + c + "')");
        }
        if ((s.flags() & (F_RDONLY | F_WRONLY)) == (F_RDONLY | F_WRONLY))
            throw refuse(s, BpfMap.EINVAL, "map_flags may not have both BPF_F_RDONLY and BPF_F_WRONLY");
        if ((s.flags() & (MapSpec.F_RDONLY_PROG | F_WRONLY_PROG)) == (MapSpec.F_RDONLY_PROG | F_WRONLY_PROG))
            throw refuse(s, BpfMap.EINVAL, "map_flags may not have both BPF_F_RDONLY_PROG and BPF_F_WRONLY_PROG");
        if (s.maxEntries() <= 0) // u32 in the kernel: a negative int would be >2^31 there, beyond any Java array
            throw refuse(s, s.maxEntries() == 0 ? BpfMap.EINVAL : BpfMap.ENOMEM, "max_entries must be > 0 (got " + Integer.toUnsignedString(s.maxEntries()) + ")");
        if (s.keySize() < 0 || s.valueSize() < 0)
            throw refuse(s, BpfMap.E2BIG, "key_size and value_size must be below 2^31 (got "
                    + Integer.toUnsignedString(s.keySize()) + ", " + Integer.toUnsignedString(s.valueSize()) + ")");
    }

    private static void checkFlags(MapSpec s, int allowed) {
        int extra = s.flags() & ~allowed;
        if (extra != 0)
            throw refuse(s, BpfMap.EINVAL, "map_flags 0x" + Integer.toHexString(extra) + " are not allowed (allowed: 0x" + Integer.toHexString(allowed) + ")");
    }

    private static MapSpec checkHash(MapSpec s) {
        boolean lru = s.type() == MapType.LRU_HASH, percpu = s.type() == MapType.PERCPU_HASH;
        checkFlags(s, HASH_FLAGS);
        if (!lru && (s.flags() & F_NO_COMMON_LRU) != 0)
            throw refuse(s, BpfMap.EINVAL, "map_flags BPF_F_NO_COMMON_LRU (2) is only for lru_hash");
        if (lru && (s.flags() & MapSpec.F_NO_PREALLOC) != 0)
            throw refuse(s, MapCreateException.ENOTSUPP, "is always preallocated: drop map_flags BPF_F_NO_PREALLOC (1)");
        if (s.keySize() == 0) throw refuse(s, BpfMap.EINVAL, "key_size must be > 0");
        if (s.valueSize() == 0) throw refuse(s, BpfMap.EINVAL, "value_size must be > 0");
        if ((long) s.keySize() + s.valueSize() >= KMALLOC_MAX_SIZE - HTAB_ELEM_SIZE)
            throw refuse(s, BpfMap.E2BIG, "key_size + value_size must be < " + (KMALLOC_MAX_SIZE - HTAB_ELEM_SIZE)
                    + " (got " + ((long) s.keySize() + s.valueSize()) + ")");
        if (percpu) checkPerCpuValue(s);
        return s;
    }

    private static void checkPerCpuValue(MapSpec s) {
        if (ValueSlots.stride(s.valueSize()) > PCPU_MIN_UNIT_SIZE)
            throw refuse(s, BpfMap.E2BIG, "value_size of a per-CPU map must be <= " + PCPU_MIN_UNIT_SIZE + " (got " + s.valueSize() + ")");
    }

    private static MapSpec checkArray(MapSpec s) {
        if (s.keySize() != 4) throw refuse(s, BpfMap.EINVAL, "key_size must be 4 (a u32 index; got " + s.keySize() + ")");
        if (s.valueSize() == 0) throw refuse(s, BpfMap.EINVAL, "value_size must be > 0");
        checkFlags(s, ARRAY_FLAGS);
        if (s.type() == MapType.PERCPU_ARRAY) checkPerCpuValue(s);
        // the kernel's bound is u32 bytes for the whole array; a Java array's is lower
        long bytes = ValueSlots.BASE + (long) s.maxEntries() * ValueSlots.stride(s.valueSize());
        if (bytes > Integer.MAX_VALUE - 16)
            throw refuse(s, BpfMap.ENOMEM, "max_entries * value_size (rounded up to 8) must be < 2 GiB (got " + bytes + " bytes)");
        return s;
    }

    private static MapSpec checkProgArray(MapSpec s) {
        if (s.valueSize() != 4) throw refuse(s, BpfMap.EINVAL, "value_size must be 4 (a u32 program fd; got " + s.valueSize() + ")");
        if ((s.flags() & (MapSpec.F_RDONLY_PROG | F_WRONLY_PROG)) != 0)
            throw refuse(s, BpfMap.EINVAL, "may not have map_flags BPF_F_RDONLY_PROG or BPF_F_WRONLY_PROG");
        return checkArray(s);
    }

    private static MapSpec checkLpm(MapSpec s) {
        if ((s.flags() & MapSpec.F_NO_PREALLOC) == 0)
            throw refuse(s, BpfMap.EINVAL, "needs map_flags BPF_F_NO_PREALLOC (1)");
        checkFlags(s, LPM_FLAGS);
        if (s.keySize() < 5 || s.keySize() > 4 + LPM_DATA_SIZE_MAX)
            throw refuse(s, BpfMap.EINVAL, "key_size must be 5..260: a 4-byte prefixlen and 1..256 data bytes (got " + s.keySize() + ")");
        long valueMax = KMALLOC_MAX_SIZE - LPM_DATA_SIZE_MAX - LPM_NODE_SIZE;
        if (s.valueSize() < 1 || s.valueSize() > valueMax)
            throw refuse(s, BpfMap.EINVAL, "value_size must be 1.." + valueMax + " (got " + s.valueSize() + ")");
        return s;
    }

    private static MapSpec checkDev(MapSpec s) {
        if (s.keySize() != 4) throw refuse(s, BpfMap.EINVAL, "key_size must be 4 (got " + s.keySize() + ")");
        if (s.valueSize() != 4 && s.valueSize() != 8)
            throw refuse(s, BpfMap.EINVAL, "value_size must be 4 (u32 ifindex) or 8 (ifindex and prog fd; got " + s.valueSize() + ")");
        checkFlags(s, DEV_FLAGS);
        return s;
    }

    private static MapSpec readOnlyProg(MapSpec s) {
        return new MapSpec(s.name(), s.type(), s.keySize(), s.valueSize(), s.maxEntries(), s.flags() | MapSpec.F_RDONLY_PROG);
    }

    private static MapCreateException refuse(MapSpec s, int errno, String why) {
        String who = s == null || s.name() == null || s.name().isEmpty() ? "" : "map " + s.name() + ": ";
        String type = s == null || s.type() == null ? "" : s.type().bpftoolName + " ";
        return new MapCreateException(errno, who + type + why);
    }
}
