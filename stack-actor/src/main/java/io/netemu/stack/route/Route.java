package io.netemu.stack.route;

import io.netemu.stack.dev.Scope;
import java.util.List;

/**
 * One route (struct fib_alias with its fib_info): table, type (RouteType), destination
 * {@code dst/prefixLen}, TOS, protocol (RouteProtocol), scope (RT_SCOPE_*), preferred source
 * (0 for none), metric (priority) and its paths. Reject types have no nexthops; a route with
 * more than one nexthop is multipath. Used as a selector by {@link Fib#delete}.
 */
public record Route(int table, int type, int dst, int prefixLen, int tos, int protocol, int scope, int prefSrc,
                    int metric, List<Nexthop> nexthops) {
    public Route {
        if (prefixLen < 0 || prefixLen > 32) {
            throw new IllegalArgumentException("prefix length out of 0..32: " + prefixLen);
        }
        nexthops = nexthops == null ? List.of() : List.copyOf(nexthops);
    }

    /** {@code ip route add DST/LEN via GW dev DEV}: a static (proto boot) route in main, scope global. */
    public static Route via(int dst, int prefixLen, int gateway, int ifindex) {
        return new Route(RouteTable.MAIN, RouteType.UNICAST, dst, prefixLen, 0, RouteProtocol.BOOT, 0, 0, 0,
                List.of(Nexthop.via(gateway, ifindex)));
    }

    /** {@code ip route add DST/LEN dev DEV}: a proto boot route in main, scope link. */
    public static Route dev(int dst, int prefixLen, int ifindex) {
        return new Route(RouteTable.MAIN, RouteType.UNICAST, dst, prefixLen, 0, RouteProtocol.BOOT, Scope.LINK, 0, 0,
                List.of(Nexthop.dev(ifindex)));
    }

    public int netmask() { return prefixLen == 0 ? 0 : -1 << (32 - prefixLen); }

    public boolean multipath() { return nexthops.size() > 1; }

    /** The first (for single-path routes the only) nexthop, or null for reject routes. */
    public Nexthop nexthop() { return nexthops.isEmpty() ? null : nexthops.get(0); }

    /** True when some nexthop goes out of this device. */
    public boolean usesDev(int ifindex) {
        for (Nexthop nh : nexthops) {
            if (nh.ifindex() == ifindex) {
                return true;
            }
        }
        return false;
    }

    public Route withNexthops(List<Nexthop> nhs) {
        return new Route(table, type, dst, prefixLen, tos, protocol, scope, prefSrc, metric, nhs);
    }

    public Route withTable(int t) {
        return new Route(t, type, dst, prefixLen, tos, protocol, scope, prefSrc, metric, nexthops);
    }
}
