package io.netemu.ebpf.xdp;

/**
 * An attached XDP program as the NIC runs it on each received frame, before any SkBuff exists.
 *
 * <p>The per-frame path is {@link #runFrame}: it returns the verdict as the kernel's action code
 * and leaves the rest of the outcome in the hook, read through the accessors until the next run,
 * so a run allocates nothing. {@link #run} wraps the same in an {@link XdpResult} of its own.
 */
public interface XdpHook {
    /** The program id shown by {@code ip link} ("prog/xdp id N") and bpftool. */
    int progId();

    /**
     * Runs the program on {@code frame[offset .. offset+length)} and returns the verdict's code
     * ({@link XdpAction#ordinal()}: an invalid return value or a trap is ABORTED already). The
     * accessors below describe this run until the next one.
     */
    int runFrame(byte[] frame, int offset, int length, int ingressIfindex, int rxQueue, XdpEnv env);

    /**
     * The frame as the last run left it: {@code frameArray()[frameOffset() .. +frameLength())}.
     * Either the caller's frame or the hook's own buffer, which the next run overwrites: copy
     * what must outlive the run.
     */
    byte[] frameArray();

    int frameOffset();

    int frameLength();

    /** For REDIRECT: the target's ifindex in the namespace that resolved it; 0 otherwise. */
    int redirectIfindex();

    /** For REDIRECT: the namespace that resolved the ifindex, null for the program's own. */
    String redirectNetns();

    /** Why the last run ended in ABORTED, or null. */
    String trace();

    /** As {@link #runFrame}, the outcome in a result of its own (the frame copied if the program changed it). */
    default XdpResult run(byte[] frame, int offset, int length, int ingressIfindex, int rxQueue, XdpEnv env) {
        XdpAction action = XdpAction.of(runFrame(frame, offset, length, ingressIfindex, rxQueue, env));
        byte[] out = frameArray();
        int off = frameOffset(), len = frameLength();
        if (out != frame) {
            out = java.util.Arrays.copyOfRange(out, off, off + len);
            off = 0;
        }
        return new XdpResult(action, out, off, len, redirectIfindex(), redirectNetns(), trace());
    }
}
