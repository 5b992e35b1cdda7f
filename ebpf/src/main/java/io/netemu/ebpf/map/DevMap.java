package io.netemu.ebpf.map;

/**
 * DEVMAP and DEVMAP_HASH: u32 keys naming devices, for bpf_redirect_map. Their value is
 * {@code u32 ifindex} or {@code {u32 ifindex; u32 prog fd}}; netemu's callers pass a program id
 * where the syscall takes a fd. Programs may only read the value (the kernel sets
 * BPF_F_RDONLY_PROG on these maps at creation).
 *
 * <p>Whether an ifindex names a device is for the caller to decide before updating (the kernel
 * fails with EINVAL when it does not): the map knows no namespaces' devices.
 */
public interface DevMap extends BpfMap {
    /** The entry for {@code key}, or null when there is none; one read, for the redirect path. */
    DevMapEntry target(int key);

    /** The target ifindex for {@code key}, or 0 when there is none. */
    default int ifindexAt(int key) {
        DevMapEntry e = target(key);
        return e == null ? 0 : e.ifindex();
    }

    /** As {@link #update}, recording that the ifindex was resolved in namespace {@code netns}. */
    int updateFor(String netns, byte[] key, int keyOff, byte[] value, int valueOff, long flags);

    @Override
    default int update(byte[] key, int keyOff, byte[] value, int valueOff, long flags) {
        return updateFor(null, key, keyOff, value, valueOff, flags);
    }

    /** The entry a value decodes to; its bytes are copied so later updates replace, not alter, it. */
    static DevMapEntry entryOf(String netns, byte[] value, int valueOff, int valueSize) {
        byte[] bytes = ValueSlots.single(valueSize);
        System.arraycopy(value, valueOff, bytes, ValueSlots.BASE, valueSize);
        int progId = valueSize >= 8 ? Bytes.u32(value, valueOff + 4) : 0;
        return new DevMapEntry(Bytes.u32(value, valueOff), progId, netns, new ValueRef(bytes, ValueSlots.BASE));
    }
}
