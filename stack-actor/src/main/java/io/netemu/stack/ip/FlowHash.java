package io.netemu.stack.ip;

import io.netemu.packet.wire.Ipv4Packet;

/**
 * The multipath hash of a flow (fib_multipath_hash, policy 0: layer 3, source and destination
 * address), 31 bits as fib_select_multipath compares it against each nexthop's upper bound.
 */
public final class FlowHash {
    private FlowHash() {}

    public static int of(Ipv4Packet ip) {
        return of(ip.src(), ip.dst());
    }

    public static int of(int src, int dst) {
        long h = (src & 0xffffffffL) * 0x9E3779B97F4A7C15L ^ (dst & 0xffffffffL) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) (h & 0x7fffffff);
    }
}
