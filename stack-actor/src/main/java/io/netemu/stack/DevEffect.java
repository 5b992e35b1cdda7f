package io.netemu.stack;

/**
 * A change the namespace made to a device's configuration that its device actor must apply
 * (the actor drains these after each command): admin state, MTU and the NIC's ethtool
 * parameters live on both sides.
 */
public sealed interface DevEffect {
    int ifindex();

    record AdminUp(int ifindex, boolean up) implements DevEffect {}

    record Mtu(int ifindex, int mtu) implements DevEffect {}

    /** {@code ethtool -G/-L/-C/-K}: rings, channels, coalescing, features. */
    record Nic(int ifindex, io.netemu.stack.dev.NicConfig nic) implements DevEffect {}

    /** {@code tc qdisc ...}: the device's whole egress qdisc tree ({@code root} null: back to the default). */
    record Qdisc(int ifindex, io.netemu.device.qdisc.QdiscSpec root) implements DevEffect {}
}
