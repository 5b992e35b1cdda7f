package io.netemu.stack.route;

/**
 * One path of a route (struct fib_nh): the gateway (0 when the destination is directly
 * connected), the output device, the weight 1..256 that multipath balances by, and
 * {@code onlink} (the gateway is on the link whatever the addresses say, RTNH_F_ONLINK).
 */
public record Nexthop(int gateway, int ifindex, int weight, boolean onlink) {
    /** A directly connected path via the device, weight 1. */
    public static Nexthop dev(int ifindex) { return new Nexthop(0, ifindex, 1, false); }

    /** A path via a gateway on the device, weight 1. */
    public static Nexthop via(int gateway, int ifindex) { return new Nexthop(gateway, ifindex, 1, false); }
}
