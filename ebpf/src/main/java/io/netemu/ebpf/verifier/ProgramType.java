package io.netemu.ebpf.verifier;

/**
 * The program types the verifier knows. Each type decides what its context looks like and which
 * exit values make sense; XDP is the only one netemu attaches today.
 */
public enum ProgramType {
    /** {@code struct xdp_md}: six u32 fields, the verdict an {@code enum xdp_action}. */
    XDP(24, 0, 4);

    /** Size of the context struct r1 points to at entry. */
    public final int ctxSize;
    /** Inclusive range r0 must lie in at the main program's exit. */
    public final long retMin, retMax;

    ProgramType(int ctxSize, long retMin, long retMax) {
        this.ctxSize = ctxSize;
        this.retMin = retMin;
        this.retMax = retMax;
    }
}
