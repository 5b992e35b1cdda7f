package io.netemu.stack.route;

import io.netemu.stack.NetException;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.DevTable;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.InetAddrs;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;

/**
 * Output route resolution for locally sent packets and {@code ip route get}, as
 * net/ipv4/route.c's ip_route_output_key_hash_rcu and __mkroute_output, with source address
 * selection (inet_select_addr). Multicast destinations are not routed specially.
 */
public final class RouteOutput {
    /** RTCF_* flags of a cached route, as {@code ip route get} shows them after {@code cache}. */
    public static final int RTCF_LOCAL = 0x8000_0000;
    public static final int RTCF_BROADCAST = 0x1000_0000;
    public static final int RTCF_MULTICAST = 0x2000_0000;

    /**
     * A resolved output route (struct rtable): type, destination, the source chosen, the gateway
     * (0 when the destination is on link), the output device, the table it came from (0 when no
     * route was used), RTCF flags, and the FIB result (null when the device was given and no route
     * matched: the destination is then assumed on link).
     */
    public record Rt(int type, int dst, int src, int gateway, int oif, int table, int flags, FibResult fib) {}

    private RouteOutput() {}

    /**
     * Resolves {@code dst}. {@code saddr} (0 for none) must be local; {@code oif} (0 for any) pins the
     * device. Fails as the kernel does: ENETUNREACH without a route, the reject types' errors
     * (No route to host, Invalid argument, Permission denied), EINVAL for a source not local.
     */
    public static Rt resolve(Fib fib, DevTable devs, InetAddrs addrs, int dst, int saddr, int oif, int tos, int flowHash)
            throws NetException {
        NetDev lo = loopback(devs);
        if (saddr != 0) {
            if (isMulticast(saddr) || saddr == 0xFFFF_FFFF || (saddr >>> 24) == 0 || !addrs.isLocal(saddr)) {
                throw NetException.invalid();
            }
        }
        NetDev dev = null;
        if (oif != 0) {
            dev = devs.get(oif);
            if (dev == null) {
                throw NetException.noDevice();
            }
            if (!dev.adminUp()) {
                throw NetException.netUnreachable();
            }
            if (dst == 0xFFFF_FFFF) {
                int src = saddr != 0 ? saddr : selectAddr(devs, addrs, oif, 0, Scope.LINK);
                return make(RouteType.UNICAST, dst, src, 0, dev, 0, null);
            }
        }
        if (dst == 0) {
            int src = saddr != 0 ? saddr : 0x7F00_0001;
            return new Rt(RouteType.LOCAL, src, src, 0, lo == null ? 0 : lo.ifindex(), 0, RTCF_LOCAL, null);
        }
        FibResult res = fib.fibLookup(dst, tos, oif, Scope.UNIVERSE);
        if (res == null) {
            if (dev == null) {
                throw NetException.netUnreachable();
            }
            int src = saddr != 0 ? saddr : selectAddr(devs, addrs, oif, 0, Scope.LINK);
            return make(RouteType.UNICAST, dst, src, 0, dev, 0, null);
        }
        Route r = res.route();
        if (RouteType.isReject(r.type())) {
            throw reject(r.type());
        }
        if (r.type() == RouteType.LOCAL) {
            int src = saddr != 0 ? saddr : r.prefSrc() != 0 ? r.prefSrc() : dst;
            return new Rt(RouteType.LOCAL, dst, src, 0, lo == null ? res.ifindex() : lo.ifindex(), r.table(),
                    RTCF_LOCAL, res);
        }
        if (oif == 0 && r.multipath()) {
            res = fib.lookup(dst, tos, 0, Scope.UNIVERSE, flowHash);
        }
        Nexthop nh = res.nexthop();
        int src = saddr;
        if (src == 0) {
            src = r.prefSrc() != 0 ? r.prefSrc() : selectAddr(devs, addrs, nh.ifindex(), nh.gateway(), r.scope());
        }
        return make(r.type(), dst, src, nh.gateway(), devs.get(nh.ifindex()), r.table(), res);
    }

    /** __mkroute_output: the type from the address (limited broadcast), RTCF flags, the gateway unless broadcast. */
    private static Rt make(int type, int dst, int src, int gateway, NetDev dev, int table, FibResult res)
            throws NetException {
        int t = type;
        if (dst == 0xFFFF_FFFF) {
            t = RouteType.BROADCAST;
        } else if (isMulticast(dst)) {
            t = RouteType.MULTICAST;
        } else if ((dst >>> 24) == 0) {
            throw NetException.invalid();
        }
        int flags = dev.kind() == DevKind.LOOPBACK ? RTCF_LOCAL : 0;
        int gw = gateway;
        if (t == RouteType.BROADCAST) {
            flags |= RTCF_BROADCAST | RTCF_LOCAL;
            gw = 0;
        } else if (t == RouteType.MULTICAST) {
            flags |= RTCF_MULTICAST;
        }
        return new Rt(t, dst, src, gw, dev.ifindex(), table, flags, res);
    }

    /**
     * inet_select_addr: the first primary address of the device within {@code scope}, preferring one
     * in {@code dst}'s subnet; failing that, the first primary of suitable scope (not link) on any
     * device, loopback first. 0 if there is none.
     */
    public static int selectAddr(DevTable devs, InetAddrs addrs, int ifindex, int dst, int scope) {
        int addr = 0;
        for (InetAddr a : addrs.onDev(ifindex)) {
            if (a.secondary() || Math.min(a.scope(), Scope.HOST) > scope) {
                continue;
            }
            if (dst == 0 || a.inSubnet(dst)) {
                return a.local();
            }
            if (addr == 0) {
                addr = a.local();
            }
        }
        if (addr != 0) {
            return addr;
        }
        for (NetDev d : devs.all()) {
            for (InetAddr a : addrs.onDev(d.ifindex())) {
                if (!a.secondary() && a.scope() != Scope.LINK && a.scope() <= scope) {
                    return a.local();
                }
            }
        }
        return 0;
    }

    /** The error a reject route gives its packets, as {@code ip route get} reports it. */
    public static NetException reject(int type) {
        return switch (type) {
            case RouteType.UNREACHABLE -> new NetException(113, "RTNETLINK answers: No route to host");
            case RouteType.PROHIBIT -> new NetException(13, "RTNETLINK answers: Permission denied");
            default -> NetException.invalid();
        };
    }

    private static NetDev loopback(DevTable devs) {
        for (NetDev d : devs.all()) {
            if (d.kind() == DevKind.LOOPBACK) {
                return d;
            }
        }
        return null;
    }

    private static boolean isMulticast(int a) {
        return (a & 0xF000_0000) == 0xE000_0000;
    }
}
