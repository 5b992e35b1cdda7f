package io.netemu.stack.route;

import io.netemu.stack.NetException;
import io.netemu.stack.dev.DevTable;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * A route request as rtnetlink hands it to the FIB (struct fib_config): the route's fields, the
 * single-path {@code oif}/{@code gateway}/{@code onlink} (RTA_OIF, RTA_GATEWAY, RTNH_F_ONLINK)
 * and the {@code multipath} nexthops (RTA_MULTIPATH, empty if none). Table 0 means main.
 * {@link #toRoute} validates it as fib_create_info does and resolves each gateway's device.
 */
public record FibConfig(int table, int type, int dst, int prefixLen, int tos, int protocol, int scope, int prefSrc,
                        int metric, int oif, int gateway, boolean onlink, List<Nexthop> multipath) {
    private static final int ENETDOWN = 100;

    public FibConfig {
        multipath = multipath == null ? List.of() : List.copyOf(multipath);
    }

    /**
     * rtm_to_fib_config's and fib_create_info's checks, with the kernel's words (an extack
     * message as iproute2 prints it, {@code Error: ....}, or {@code RTNETLINK answers: ...}):
     * gateways must be reachable by a connected (link or host scope) route, or be declared
     * {@code onlink} on an up device; devices of device routes must be up; a preferred source
     * must be a local address.
     */
    public Route toRoute(Fib fib, DevTable devs) throws NetException {
        if ((tos & 3) != 0) {
            throw extack("Invalid dsfield (tos): ECN bits must be 0");
        }
        if (prefixLen < 32 && (dst << prefixLen) != 0) {
            throw extack("Invalid prefix for given prefix length");
        }
        int tableId = table == 0 ? RouteTable.MAIN : table;
        if (type < 0 || type > RouteType.MAX) {
            throw NetException.invalid();
        }
        if (RouteType.minScope(type) > scope) {
            throw extack("Invalid scope");
        }
        List<Nexthop> nhs = new ArrayList<>();
        if (!multipath.isEmpty()) {
            nhs.addAll(multipath);
            if (oif != 0 && nhs.get(0).ifindex() != oif) {
                throw extack("Nexthop device index does not match RTA_OIF");
            }
            if (gateway != 0 && nhs.get(0).gateway() != gateway) {
                throw extack("Nexthop gateway does not match RTA_GATEWAY");
            }
        } else {
            nhs.add(new Nexthop(gateway, oif, 1, onlink));
        }
        if (RouteType.isReject(type)) {
            if (gateway != 0 || oif != 0 || !multipath.isEmpty()) {
                throw extack("Gateway, device and multipath can not be specified for this route type");
            }
            return route(tableId, List.of());
        }
        if (type != RouteType.UNICAST && type != RouteType.LOCAL && type != RouteType.BROADCAST
                && type != RouteType.ANYCAST && type != RouteType.MULTICAST) {
            throw extack("Invalid route type");
        }
        if (scope > Scope.HOST) {
            throw extack("Invalid scope");
        }
        List<Nexthop> checked = new ArrayList<>(nhs.size());
        if (scope == Scope.HOST) {
            if (nhs.size() != 1) {
                throw extack("Route with host scope can not have multiple nexthops");
            }
            if (nhs.get(0).gateway() != 0) {
                throw extack("Route with host scope can not have a gateway");
            }
            if (devs.get(nhs.get(0).ifindex()) == null) {
                throw NetException.noDevice();
            }
            checked.addAll(nhs);
        } else {
            for (Nexthop nh : nhs) {
                checked.add(checkNh(fib, devs, nh, tableId));
            }
        }
        if (prefSrc != 0 && !validPrefsrc(fib)) {
            throw extack("Invalid prefsrc address");
        }
        return route(tableId, checked);
    }

    private Route route(int tableId, List<Nexthop> nhs) {
        return new Route(tableId, type, dst, prefixLen, tos, protocol, scope, prefSrc, metric, nhs);
    }

    /** fib_check_nh: fib_check_nh_v4_gw or fib_check_nh_nongw; the nexthop with its device resolved. */
    private Nexthop checkNh(Fib fib, DevTable devs, Nexthop nh, int tableId) throws NetException {
        if (nh.gateway() == 0) {
            if (nh.onlink()) {
                throw extack("Invalid flags for nexthop - PERVASIVE and ONLINK can not be set");
            }
            NetDev dev = devs.get(nh.ifindex());
            if (dev == null) {
                throw NetException.noDevice();
            }
            if (!dev.adminUp()) {
                throw new NetException(ENETDOWN, "Error: Device for nexthop is not up.");
            }
            return nh;
        }
        if (nh.onlink()) {
            if (scope >= Scope.LINK) {
                throw extack("Nexthop has invalid scope");
            }
            NetDev dev = devs.get(nh.ifindex());
            if (dev == null) {
                throw new NetException(NetException.ENODEV, "Error: Nexthop device required for onlink.");
            }
            if (!dev.adminUp()) {
                throw new NetException(ENETDOWN, "Error: Nexthop device is not up.");
            }
            if (addrType(fib, RouteTable.LOCAL, nh.gateway(), dev.ifindex()) != RouteType.UNICAST) {
                throw extack("Nexthop has invalid gateway");
            }
            return nh;
        }
        int lookupScope = Math.max(scope + 1, Scope.LINK);
        FibResult res = null;
        if (tableId != RouteTable.MAIN && fib.hasTable(tableId)) {
            res = fib.lookupTable(tableId, nh.gateway(), 0, nh.ifindex(), lookupScope, true);
        }
        if (res == null) { // FIB_LOOKUP_IGNORE_LINKSTATE: a gateway behind a cut cable is still valid
            res = fib.fibLookup(nh.gateway(), 0, nh.ifindex(), lookupScope, Fib.FIB_LOOKUP_IGNORE_LINKSTATE);
        }
        if (res == null || (res.type() != RouteType.UNICAST && res.type() != RouteType.LOCAL)) {
            throw extack("Nexthop has invalid gateway");
        }
        NetDev dev = devs.get(res.ifindex());
        if (dev == null) {
            throw extack("No egress device for nexthop gateway");
        }
        if (!dev.adminUp()) {
            throw new NetException(ENETDOWN, "RTNETLINK answers: Network is down");
        }
        return new Nexthop(nh.gateway(), dev.ifindex(), nh.weight(), false);
    }

    /** fib_valid_prefsrc: the preferred source must be a local address (a local route in the local table). */
    private boolean validPrefsrc(Fib fib) {
        if (type == RouteType.LOCAL && dst != 0 && prefSrc == dst) {
            return true;
        }
        int tb = table == 0 || table == RouteTable.MAIN ? RouteTable.LOCAL : table;
        int rc = addrType(fib, tb, prefSrc, 0);
        if (rc != RouteType.LOCAL && tb != RouteTable.LOCAL) {
            rc = addrType(fib, RouteTable.LOCAL, prefSrc, 0);
        }
        return rc == RouteType.LOCAL;
    }

    /** __inet_dev_addr_type: the type of an address per a table (local, broadcast...), unicast if no route says otherwise. */
    public static int addrType(Fib fib, int tableId, int addr, int ifindex) {
        if (addr == 0 || addr == 0xFFFF_FFFF) {
            return RouteType.BROADCAST;
        }
        if ((addr & 0xF000_0000) == 0xE000_0000) {
            return RouteType.MULTICAST;
        }
        FibResult r = fib.lookupTable(tableId, addr, 0, 0, Scope.UNIVERSE);
        Nexthop nh0 = r == null ? null : r.route().nexthop();
        if (r != null && (ifindex == 0 || (nh0 != null && nh0.ifindex() == ifindex))) {
            return r.type();
        }
        return RouteType.UNICAST;
    }

    private static NetException extack(String msg) {
        return new NetException(NetException.EINVAL, "Error: " + msg + ".");
    }
}
