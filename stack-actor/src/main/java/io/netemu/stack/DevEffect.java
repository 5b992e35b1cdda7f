package io.netemu.stack;

/**
 * A change the namespace made to a device's configuration that its device actor must apply
 * (the actor drains these after each command): admin state and MTU live on both sides.
 */
public sealed interface DevEffect {
    int ifindex();

    record AdminUp(int ifindex, boolean up) implements DevEffect {}

    record Mtu(int ifindex, int mtu) implements DevEffect {}
}
