package io.netemu.node.cmd;

import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;

/** iproute2's lib/ll_map.c name lookup, shared by {@code ip} and {@code bridge}. */
public final class LinkNames {
    private LinkNames() {}

    /** ll_index_to_name: the device's name, or {@code ifN} when this namespace has no device N. */
    public static String name(NetNs ns, int ifindex) {
        NetDev d = ns.devs().get(ifindex);
        return d == null ? "if" + ifindex : d.name();
    }
}
