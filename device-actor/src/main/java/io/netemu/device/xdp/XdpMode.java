package io.netemu.device.xdp;

/**
 * Where the program is attached, as {@code ip link set dev X xdp|xdpdrv|xdpgeneric} chooses:
 * veth has native (driver) XDP, so {@code xdp} means DRV, as on Linux. Both run at NAPI poll in
 * the device actor; besides what {@code ip link} and bpftool report, the mode decides what
 * veth's counters do, as on Linux 6.18: only native XDP moves the rq stats of {@code ethtool -S}
 * (xdp_packets, xdp_bytes, xdp_redirect, xdp_drops, xdp_tx, and rx_queue_N_drops for redirects
 * that fail) and counts RX bytes after the Ethernet header; only native XDP enables veth's NAPI,
 * so that the peer may ndo_xdp_xmit to this end and counts its TX bytes from after the header
 * too; and only native redirects go through ndo_xdp_xmit and need NAPI on the target's peer
 * (generic ones take the target's ordinary transmit).
 */
public enum XdpMode {
    DRV("xdp", "driver"), GENERIC("xdpgeneric", "generic");

    /** The flag {@code ip link} prints after mtu, and the keyword that attaches in this mode. */
    public final String ipKeyword;
    /** bpftool net's mode name. */
    public final String bpftoolName;

    XdpMode(String ipKeyword, String bpftoolName) {
        this.ipKeyword = ipKeyword;
        this.bpftoolName = bpftoolName;
    }
}
