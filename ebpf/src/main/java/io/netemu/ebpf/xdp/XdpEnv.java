package io.netemu.ebpf.xdp;

/** What helpers ask of the world around the program: the NIC's clock, randomness, log, FIB. */
public interface XdpEnv {
    /** bpf_ktime_get_ns: monotonic nanoseconds on the lab's clock. */
    long ktimeNs();

    /** bpf_get_prandom_u32, from the lab's seeded generator. */
    int prandomU32();

    /** One bpf_trace_printk line, formatted, as {@code bpftool prog tracelog} shows it. */
    void trace(String line);

    /**
     * bpf_fib_lookup against the namespace's FIB: reads and fills the {@code struct
     * bpf_fib_lookup} at {@code params[offset ..]} (64 bytes) and returns a BPF_FIB_LKUP_RET_* code.
     */
    int fibLookup(byte[] params, int offset, int flags);
}
