package io.netemu.ebpf.map;

/**
 * A map shared by programs and by bpftool. Several NIC actors may run programs over one map at
 * once (as several CPUs do), so implementations are safe for concurrent use; values are updated
 * in place, as in the kernel, so concurrent plain writes to one value may tear.
 * Errors are returned as negative errno values, as the syscall and helpers return them.
 */
public interface BpfMap {
    int ENOENT = 2, E2BIG = 7, ENOMEM = 12, EEXIST = 17, EINVAL = 22, ENOSPC = 28, EOPNOTSUPP = 95;

    /** BPF_ANY, BPF_NOEXIST, BPF_EXIST: flags of update. */
    long ANY = 0, NOEXIST = 1, EXIST = 2;

    MapSpec spec();

    /** The live value for {@code key[keyOff .. keyOff+keySize)}, or null when there is none. */
    ValueRef lookup(byte[] key, int keyOff);

    /** Inserts or replaces; 0 or -errno (-EEXIST, -ENOENT, -E2BIG, -EINVAL). */
    int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags);

    /** 0 or -errno (-ENOENT, -EINVAL for arrays). */
    int delete(byte[] key, int keyOff);

    /**
     * The key after {@code key} in iteration order, or the first key when {@code key} is null
     * or absent; null at the end. As BPF_MAP_GET_NEXT_KEY, for bpftool map dump.
     */
    byte[] nextKey(byte[] key);
}
