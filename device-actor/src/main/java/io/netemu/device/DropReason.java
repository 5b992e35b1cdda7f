package io.netemu.device;

/** Why a device dropped a frame, after the kernel's {@code enum skb_drop_reason}. */
public enum DropReason {
    /** The device is administratively down (DEV_READY). */
    DEV_DOWN,
    /** No carrier: peer down or cable cut (veth_xmit to a peer that is not running). */
    NO_CARRIER,
    /** The rx ring was full (rx_missed / rx_fifo_errors). */
    RING_FULL,
    /** Larger than the receiving device's MTU plus link header (is_skb_forwardable). */
    PKT_TOO_BIG,
    /** Lost by netem's loss model (QDISC_DROP; silent to the sender). */
    QDISC_LOSS,
    /** The qdisc was at its limit (QDISC_DROP, tail drop). */
    QDISC_LIMIT
}
