package io.netemu.ebpf.xdp;

/**
 * What an XDP program decided for one frame. {@code frame[offset .. offset+length)} is the frame
 * as the program left it (adjust_head/tail move the bounds; writes change the bytes), so the
 * caller sends exactly these bytes on TX, REDIRECT or PASS.
 *
 * @param redirectIfindex for REDIRECT, the target device's ifindex in the namespace that
 *                        resolved it (the program's own for bpf_redirect, the devmap's for
 *                        bpf_redirect_map); 0 otherwise
 * @param redirectNetns   the namespace that resolved the ifindex: null means the program's own
 * @param trace           why an ABORTED came about (an out-of-bounds access and its place), or null
 */
public record XdpResult(XdpAction action, byte[] frame, int offset, int length,
                        int redirectIfindex, String redirectNetns, String trace) {}
