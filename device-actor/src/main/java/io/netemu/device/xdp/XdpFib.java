package io.netemu.device.xdp;

/**
 * A namespace's forwarding state as bpf_fib_lookup reads it (FIB, neighbours, devices): an
 * immutable snapshot the namespace actor publishes through {@link XdpFibs}, so a device actor
 * answers the helper at once, on its own thread, as the kernel answers it under RCU.
 */
public interface XdpFib {
    /**
     * bpf_xdp_fib_lookup: reads the {@code struct bpf_fib_lookup} at {@code params[offset ..
     * offset + 64)}, fills in what the kernel fills in, and returns a BPF_FIB_LKUP_RET_* code or
     * a negative errno.
     */
    int lookup(byte[] params, int offset, int flags);
}
