package io.netemu.ebpf.xdp;

/** An attached XDP program as the NIC runs it on each received frame, before any SkBuff exists. */
public interface XdpHook {
    /** The program id shown by {@code ip link} ("prog/xdp id N") and bpftool. */
    int progId();

    XdpResult run(byte[] frame, int offset, int length, int ingressIfindex, int rxQueue, XdpEnv env);
}
