package io.netemu.node.cmd.ip;

import io.netemu.stack.NetNs;
import io.netemu.stack.route.Nexthop;
import io.netemu.stack.route.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * A route as rtnetlink reports it to {@code ip} (struct rtmsg and its attributes), built from a
 * FIB route as fib_dump_info does or from an output route as rt_fill_info does. {@code uid} is
 * -1 when absent, {@code nexthops} holds RTA_MULTIPATH (empty for single-path routes).
 */
record IpRouteMsg(int type, int dst, int dstLen, boolean hasSrc, int src, int srcLen, int tos, int gateway, int oif,
                  int table, int protocol, int scope, int prefsrc, int metric, int flags, boolean cloned, int cacheFlags,
                  long uid, int iif, List<Nh> nexthops) {
    static final int RTNH_F_DEAD = 1;
    static final int RTNH_F_PERVASIVE = 2;
    static final int RTNH_F_ONLINK = 4;
    static final int RTNH_F_LINKDOWN = 16;

    /** One struct rtnexthop: gateway, device, weight (rtnh_hops + 1) and RTNH_F_* flags. */
    record Nh(int gateway, int ifindex, int weight, int flags) {}

    /** fib_dump_info: single-path routes carry gateway and device; multipath ones RTA_MULTIPATH; flags from nexthop state. */
    static IpRouteMsg of(Route r, NetNs ns) {
        int gw = 0;
        int oif = 0;
        int flags = 0;
        List<Nh> nhs = new ArrayList<>();
        if (r.nexthops().size() == 1) {
            gw = r.nexthop().gateway();
            oif = r.nexthop().ifindex();
            flags = nhFlags(r, 0, ns);
        } else if (r.multipath()) {
            boolean allDown = true;
            for (int i = 0; i < r.nexthops().size(); i++) {
                Nexthop nh = r.nexthops().get(i);
                int f = nhFlags(r, i, ns);
                allDown &= (f & RTNH_F_LINKDOWN) != 0;
                nhs.add(new Nh(nh.gateway(), nh.ifindex(), nh.weight(), f));
            }
            flags = allDown ? RTNH_F_LINKDOWN : 0;
        }
        return new IpRouteMsg(r.type(), r.dst(), r.prefixLen(), false, 0, 0, r.tos(), gw, oif, r.table(), r.protocol(),
                r.scope(), r.prefSrc(), r.metric(), flags, false, 0, -1, 0, nhs);
    }

    /**
     * fib_nexthop_info's flags: onlink; dead after its device went down; linkdown while the FIB
     * holds the nexthop RTNH_F_LINKDOWN (no carrier, or down), and then dead too when the device
     * ignores routes with linkdown (net.ipv4.conf.{all,DEV}.ignore_routes_with_linkdown).
     */
    private static int nhFlags(Route r, int i, NetNs ns) {
        Nexthop nh = r.nexthops().get(i);
        int f = nh.onlink() ? RTNH_F_ONLINK : 0;
        if (ns.fib().nexthopDead(r, i)) {
            f |= RTNH_F_DEAD;
        }
        if (ns.fib().nexthopLinkdown(r, i)) {
            f |= RTNH_F_LINKDOWN;
            if (ns.fib().ignoresLinkdown(nh.ifindex())) {
                f |= RTNH_F_DEAD;
            }
        }
        return f;
    }

    boolean hasDst() { return dstLen > 0; }
}
