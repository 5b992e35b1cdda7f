package io.netemu.ebpf.xdp;

/**
 * {@code struct xdp_md}, the context an XDP program gets in r1, and the kernel's frame geometry
 * around the packet that the adjust helpers must respect.
 */
final class XdpMd {
    private XdpMd() {}

    static final int DATA = 0, DATA_END = 4, DATA_META = 8, INGRESS_IFINDEX = 12, RX_QUEUE_INDEX = 16,
            EGRESS_IFINDEX = 20, SIZE = 24;

    /** XDP_PACKET_HEADROOM: what drivers leave in front of the frame for adjust_head and metadata. */
    static final int HEADROOM = 256;
    /** sizeof(struct xdp_frame): kept at the buffer's start, so data and metadata never reach it. */
    static final int XDP_FRAME_SIZE = 40;
    /** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) on x86-64: the reserved end of the buffer. */
    static final int SHARED_INFO_SIZE = 320;
    /** A page, the usual frame_sz of a driver's receive buffer. */
    static final int FRAME_SIZE = 4096;
    static final int ETH_HLEN = 14;
    /** Metadata must be a multiple of 4 bytes and at most 32 (xdp_metalen_invalid). */
    static final int MAX_META = 32;
}
