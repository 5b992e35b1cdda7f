package io.netemu.stack.route;

import io.netemu.stack.NetException;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the FIB in step with addresses and devices as net/ipv4/fib_frontend.c does
 * (fib_add_ifaddr, fib_del_ifaddr, fib_netdev_event, fib_disable_ip).
 *
 * <p>For {@code 10.0.1.2/24} on an up {@code eth0} Linux 6.x makes exactly: in main
 * {@code 10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2}; in local
 * {@code local 10.0.1.2 dev eth0 proto kernel scope host src 10.0.1.2} and
 * {@code broadcast 10.0.1.255 dev eth0 proto kernel scope link src 10.0.1.2} (no network-address
 * broadcast route since Linux 5.x). The local route exists even while the device is down.
 */
public final class FibFrontend {
    private FibFrontend() {}

    /** fib_add_ifaddr: the local route; then, if the device is up, the broadcast routes and the prefix route. */
    public static void addrAdded(Fib fib, NetDev dev, InetAddr a) {
        addrAdded(fib, dev, a, List.of(a));
    }

    /** fib_add_ifaddr, with the device's addresses to find a secondary's primary (whose address is the routes' source). */
    public static void addrAdded(Fib fib, NetDev dev, InetAddr a, List<InetAddr> addrsOnDev) {
        InetAddr prim = a;
        if (a.secondary()) {
            prim = primaryOf(a, addrsOnDev);
            if (prim == null) {
                prim = primaryFromFib(fib, dev, a);
            }
        }
        int prefix = a.network();
        magicAdd(fib, RouteType.LOCAL, a.local(), 32, prim, dev);
        if (!dev.adminUp()) {
            return;
        }
        if (a.broadcast() != 0 && a.broadcast() != 0xFFFF_FFFF) {
            magicAdd(fib, RouteType.BROADCAST, a.broadcast(), 32, prim, dev);
        }
        if (prefix >>> 24 != 0 && !a.secondary() && (prefix != a.local() || a.prefixLen() < 32)) {
            magicAdd(fib, prefixType(dev), prefix, a.prefixLen(), prim, dev);
            if (a.prefixLen() < 31) {
                magicAdd(fib, RouteType.BROADCAST, prefix | ~a.netmask(), 32, prim, dev);
            }
        }
    }

    /**
     * fib_del_ifaddr: removes the routes the address brought unless another address of the device
     * still needs them; then, if it was the device's last address, every route via the device
     * (fib_disable_ip with force). {@code remaining} are the namespace's addresses after the removal.
     */
    public static void addrRemoved(Fib fib, NetDev dev, InetAddr gone, List<InetAddr> remaining) {
        List<InetAddr> onDev = new ArrayList<>();
        for (InetAddr b : remaining) {
            if (b.ifindex() == dev.ifindex()) {
                onDev.add(b);
            }
        }
        int brd = gone.local() | ~gone.netmask();
        int any = gone.network();
        InetAddr prim = gone;
        boolean subnet = false;
        if (gone.secondary()) {
            prim = primaryOf(gone, onDev);     // null when the primary went first: match any source
        } else if (any >>> 24 != 0 && (any != gone.local() || gone.prefixLen() < 32)) {
            magicDel(fib, prefixType(dev), any, gone.prefixLen(), prim, dev);
            subnet = true;
        }
        boolean localOk = false;
        boolean brdOk = false;
        boolean brd0Ok = false;
        boolean brd1Ok = false;
        InetAddr prim1 = null;
        boolean samePrefsrc = false;
        int primLocal = prim == null ? 0 : prim.local();
        for (InetAddr b : onDev) {
            if (b.secondary()) {
                if (prim != null && b.prefixLen() == prim.prefixLen() && prim.inSubnet(b.local())) {
                    prim1 = prim;
                } else {
                    if (!samePrefsrc) {
                        continue;
                    }
                    if (prim1 == null || b.prefixLen() != prim1.prefixLen() || !prim1.inSubnet(b.local())) {
                        prim1 = primaryOf(b, onDev);
                    }
                    if (prim1 == null || prim1.local() != primLocal) {
                        continue;
                    }
                }
            } else {
                if (primLocal != b.local()) {
                    continue;
                }
                prim1 = b;
                if (prim != prim1) {
                    samePrefsrc = true;
                }
            }
            localOk |= gone.local() == b.local();
            brdOk |= gone.broadcast() == b.broadcast();
            brd1Ok |= brd == b.broadcast();
            brd0Ok |= any == b.broadcast();
            if (prim1 == b && b.prefixLen() < 31) {
                int brd1 = b.local() | ~b.netmask();
                int any1 = b.network();
                if (any1 >>> 24 != 0) {
                    brdOk |= gone.broadcast() == brd1 || gone.broadcast() == any1;
                    brd1Ok |= brd == brd1 || brd == any1;
                    brd0Ok |= any == brd1 || any == any1;
                }
            }
        }
        if (!brdOk) {
            magicDel(fib, RouteType.BROADCAST, gone.broadcast(), 32, prim, dev);
        }
        if (subnet && gone.prefixLen() < 31) {
            if (!brd1Ok) {
                magicDel(fib, RouteType.BROADCAST, brd, 32, prim, dev);
            }
            if (!brd0Ok) {
                magicDel(fib, RouteType.BROADCAST, any, 32, prim, dev);
            }
        }
        if (!localOk) {
            magicDel(fib, RouteType.LOCAL, gone.local(), 32, prim, dev);
            FibResult still = fib.lookupTable(RouteTable.LOCAL, gone.local(), 0, dev.ifindex(), Scope.UNIVERSE);
            boolean goneForGood = onDev.stream().noneMatch(b -> b.local() == gone.local());
            if (goneForGood && (still == null || still.type() != RouteType.LOCAL)) {
                fib.syncDownAddr(gone.local());
            }
        }
        if (onDev.isEmpty()) {
            fib.syncDownDev(dev.ifindex(), true);
        }
    }

    /**
     * NETDEV_UP: the addresses' routes again (fib_add_ifaddr each), and dead multipath nexthops via
     * the device revive; they stay LINKDOWN until the device has carrier.
     */
    public static void devUp(Fib fib, NetDev dev, List<InetAddr> addrsOnDev) {
        for (InetAddr a : addrsOnDev) {
            addrAdded(fib, dev, a, addrsOnDev);
        }
        fib.syncUp(dev.ifindex(), true, dev.carrier()); // fib_sync_up(DEAD), with LINKDOWN when IFF_LOWER_UP
    }

    /**
     * NETDEV_DOWN (fib_disable_ip without force): every route via the device goes, kernel and
     * static alike, except host-scope (local) routes; a multipath route loses only its
     * nexthops via the device (shown {@code dead linkdown}) and goes when none is left.
     */
    public static void devDown(Fib fib, NetDev dev, List<InetAddr> addrsOnDev) {
        fib.syncDownDev(dev.ifindex(), false);
    }

    /** A secondary's primary when the caller did not pass the device's addresses: the primary's own local route in the subnet. */
    private static InetAddr primaryFromFib(Fib fib, NetDev dev, InetAddr a) {
        for (Route r : fib.table(RouteTable.LOCAL)) {
            if (r.type() == RouteType.LOCAL && r.prefixLen() == 32 && r.dst() != a.local() && r.prefSrc() == r.dst()
                    && a.inSubnet(r.dst()) && r.usesDev(dev.ifindex())) {
                return new InetAddr(a.ifindex(), r.dst(), a.prefixLen(), 0, a.scope(), a.label(), false);
            }
        }
        return a;
    }

    private static int prefixType(NetDev dev) {
        return dev.kind() == DevKind.LOOPBACK ? RouteType.LOCAL : RouteType.UNICAST;
    }

    /** inet_ifa_byprefix: the primary address of the device in {@code a}'s subnet. */
    private static InetAddr primaryOf(InetAddr a, List<InetAddr> addrs) {
        for (InetAddr b : addrs) {
            if (!b.secondary() && b.ifindex() == a.ifindex() && b.prefixLen() == a.prefixLen() && b.inSubnet(a.local())) {
                return b;
            }
        }
        return null;
    }

    /** fib_magic(RTM_NEWROUTE): local and broadcast routes in local, unicast in main; proto kernel; EEXIST ignored. */
    private static void magicAdd(Fib fib, int type, int dst, int len, InetAddr prim, NetDev dev) {
        try {
            fib.insert(magic(type, dst, len, prim.local(), dev), Fib.NLM_F_CREATE | Fib.NLM_F_APPEND);
        } catch (NetException ignored) {
            // the route is there already (another address brought it)
        }
    }

    /** fib_magic(RTM_DELROUTE); ESRCH ignored. */
    private static void magicDel(Fib fib, int type, int dst, int len, InetAddr prim, NetDev dev) {
        try {
            fib.delete(magic(type, dst, len, prim == null ? 0 : prim.local(), dev));
        } catch (NetException ignored) {
            // nothing to delete
        }
    }

    private static Route magic(int type, int dst, int len, int prefSrc, NetDev dev) {
        int table = type == RouteType.UNICAST ? RouteTable.MAIN : RouteTable.LOCAL;
        int scope = type == RouteType.LOCAL ? Scope.HOST : Scope.LINK;
        return new Route(table, type, dst, len, 0, RouteProtocol.KERNEL, scope, prefSrc, 0,
                List.of(Nexthop.dev(dev.ifindex())));
    }
}
