package io.netemu.stack.dev;

/**
 * One IPv4 address on a device (struct in_ifaddr): {@code local/prefixLen}, its broadcast
 * address (0 for none), scope (RT_SCOPE_*), label (the device name unless set) and whether it
 * is secondary (a second address in an existing subnet, as Linux marks it).
 */
public record InetAddr(int ifindex, int local, int prefixLen, int broadcast, int scope, String label, boolean secondary) {
    public int netmask() { return prefixLen == 0 ? 0 : -1 << (32 - prefixLen); }
    public int network() { return local & netmask(); }
    public boolean inSubnet(int addr) { return (addr & netmask()) == network(); }
}
