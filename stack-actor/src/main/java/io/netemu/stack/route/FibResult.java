package io.netemu.stack.route;

/**
 * The answer of a FIB lookup (struct fib_result): the route that matched and the path chosen
 * for this flow. {@code nexthop} is null for routes of a reject type (blackhole, unreachable,
 * prohibit), whose {@link Route#type()} the caller acts on.
 */
public record FibResult(Route route, Nexthop nexthop) {
    public int type() { return route.type(); }
    public int table() { return route.table(); }
    /** The output device, 0 for reject routes. */
    public int ifindex() { return nexthop == null ? 0 : nexthop.ifindex(); }
    /** The next hop's address for this destination: the gateway, else the destination itself. */
    public int nextHop(int dst) { return nexthop == null || nexthop.gateway() == 0 ? dst : nexthop.gateway(); }
}
