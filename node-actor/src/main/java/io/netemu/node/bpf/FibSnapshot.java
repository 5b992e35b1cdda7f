package io.netemu.node.bpf;

import io.netemu.device.xdp.XdpFib;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.neigh.NeighEntry;
import io.netemu.stack.route.Fib;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What bpf_fib_lookup reads of one namespace, frozen: a private copy of the FIB, the devices
 * (MAC, MTU, IPv4 forwarding), the addresses (for BPF_FIB_LOOKUP_SRC), the NUD_VALID neighbours
 * and the multipath hash policy. Built by the namespace actor and never changed after, so device
 * actors may read it from their own threads (see {@link BpfFibLookup} for the lookup itself).
 */
public final class FibSnapshot implements XdpFib {
    /** A device as the helper needs it: dev->dev_addr, dev->mtu, IN_DEV_FORWARD, and IPv6 forwarding. */
    record Dev(int ifindex, long mac, int mtu, boolean forwarding, boolean forwarding6) {}

    final Fib fib;
    final Map<Integer, Dev> devs;
    final List<InetAddr> addrs;
    /** NUD_VALID entries only (what __ipv4_neigh_lookup_noref may hand out): (ifindex, ip) key to MAC. */
    final Map<Long, Long> neigh;
    final int hashPolicy;

    private FibSnapshot(Fib fib, Map<Integer, Dev> devs, List<InetAddr> addrs, Map<Long, Long> neigh, int hashPolicy) {
        this.fib = fib;
        this.devs = devs;
        this.addrs = addrs;
        this.neigh = neigh;
        this.hashPolicy = hashPolicy;
    }

    /** The namespace as it is now. */
    public static FibSnapshot of(NetNs ns) {
        Map<Integer, Dev> devs = new HashMap<>();
        for (NetDev d : ns.devs().all()) {
            devs.put(d.ifindex(), new Dev(d.ifindex(), d.mac(), d.mtu(), ns.sysctl().forwarding(d.name()),
                    ns.sysctl().get("net.ipv6.conf." + d.name() + ".forwarding").map("1"::equals).orElse(false)));
        }
        return new FibSnapshot(ns.fib().copy(), Map.copyOf(devs), ns.addrs().all(), neighbours(ns),
                ns.sysctl().getInt("net.ipv4.fib_multipath_hash_policy"));
    }

    /** The same FIB and devices with the neighbours as they are now (a neighbour changed, nothing else). */
    public FibSnapshot withNeighbours(Map<Long, Long> n) {
        return new FibSnapshot(fib, devs, addrs, n, hashPolicy);
    }

    /** The namespace's NUD_VALID neighbours, to compare with {@link #neighbours()} and publish when they differ. */
    public static Map<Long, Long> neighbours(NetNs ns) {
        Map<Long, Long> m = new HashMap<>();
        for (NeighEntry e : ns.neigh().entries()) {
            if (e.state().valid() && e.mac() >= 0) {
                m.put(key(e.ifindex(), e.ip()), e.mac());
            }
        }
        return Map.copyOf(m);
    }

    public Map<Long, Long> neighbours() { return neigh; }

    static long key(int ifindex, int ip) {
        return ((long) ifindex << 32) | (ip & 0xffff_ffffL);
    }

    @Override
    public int lookup(byte[] params, int offset, int flags) {
        return BpfFibLookup.lookup(this, params, offset, flags);
    }
}
