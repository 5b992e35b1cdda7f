package io.netemu.stack.netfilter.conntrack;

/**
 * Where a NAT target maps a connection (struct nf_nat_range2): addresses {@code minAddr..maxAddr}
 * (both 0: keep the address; several: chosen by a hash of source and destination, or of the source
 * alone when {@code persistent}), ports {@code minPort..maxPort} (both 0: keep the port if the
 * tuple stays unique, else pick one in the port's class), {@code random} for --random /
 * --random-fully (NF_NAT_RANGE_PROTO_RANDOM_ALL), and {@code masquerade}: take the address the
 * stack would use on the output device towards the destination instead of the range's.
 */
public record NatRange(int minAddr, int maxAddr, int minPort, int maxPort, boolean random, boolean persistent,
                       boolean masquerade) {
    /** To one address, keeping ports where possible (SNAT/DNAT --to ADDR). */
    public static NatRange to(int addr) { return new NatRange(addr, addr, 0, 0, false, false, false); }

    /** To one address and port range (DNAT --to ADDR:P1-P2). */
    public static NatRange to(int addr, int minPort, int maxPort) {
        return new NatRange(addr, addr, minPort, maxPort, false, false, false);
    }

    /** MASQUERADE, optionally {@code --to-ports}. */
    public static NatRange masquerade(int minPort, int maxPort, boolean random) {
        return new NatRange(0, 0, minPort, maxPort, random, false, true);
    }

    /** NF_NAT_RANGE_MAP_IPS. */
    boolean mapIps() { return minAddr != 0 || maxAddr != 0; }

    /** NF_NAT_RANGE_PROTO_SPECIFIED. */
    boolean protoSpecified() { return minPort != 0 || maxPort != 0; }

    int portMin() { return Math.min(minPort, maxPort == 0 ? minPort : maxPort); }
    int portMax() { return Math.max(minPort, maxPort); }
}
