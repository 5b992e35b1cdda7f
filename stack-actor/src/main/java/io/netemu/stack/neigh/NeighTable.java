package io.netemu.stack.neigh;

import io.netemu.stack.sys.Sysctls;

/** STUB — to be replaced by the neighbour engineer. */
public final class NeighTable {
    public NeighTable(Sysctls sysctl) {}
    public void flushDev(int ifindex) {}
}
