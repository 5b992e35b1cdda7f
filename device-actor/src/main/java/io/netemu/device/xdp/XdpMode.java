package io.netemu.device.xdp;

/**
 * Where the program is attached, as {@code ip link set dev X xdp|xdpdrv|xdpgeneric} chooses:
 * veth has native (driver) XDP, so {@code xdp} means DRV, as on Linux. Both run at NAPI poll in
 * the device actor; the mode is what {@code ip link} and bpftool report.
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
