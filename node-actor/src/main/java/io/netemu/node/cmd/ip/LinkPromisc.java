package io.netemu.node.cmd.ip;

import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;

/**
 * {@code promisc on|off} and {@code allmulticast on|off}: __dev_change_flags sets the user's
 * IFF_PROMISC / IFF_ALLMULTI (dev->gflags) and moves the device's counters by one, promisc
 * first. The kernel logs a line only when a counter leaves or reaches 0: a bridge port already
 * counts once (br_add_if), so switching it by hand logs nothing.
 */
final class LinkPromisc {
    private LinkPromisc() {}

    static void set(NetNs ns, NetDev d, Boolean promisc, Boolean allmulti, long now) {
        if (promisc != null && promisc != d.promisc()) {
            d.setPromisc(promisc);
            log(ns, d, promisc, "promiscuous", now);
        }
        if (allmulti != null && allmulti != d.allmulti()) {
            d.setAllmulti(allmulti);
            log(ns, d, allmulti, "allmulticast", now);
        }
    }

    /** netdev_info's "DEV: entered promiscuous mode" / "left ..." (Linux 6.x), when the count crosses 0. */
    private static void log(NetNs ns, NetDev d, boolean on, String mode, long now) {
        if (d.master() == 0) {
            ns.klog().log(now, d.name() + ": " + (on ? "entered " : "left ") + mode + " mode");
        }
    }
}
