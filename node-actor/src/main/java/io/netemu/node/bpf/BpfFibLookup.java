package io.netemu.node.bpf;

import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.Scope;
import io.netemu.stack.route.FibResult;
import io.netemu.stack.route.MultipathHash;
import io.netemu.stack.route.Nexthop;
import io.netemu.stack.route.RouteTable;
import io.netemu.stack.route.RouteType;

/**
 * bpf_xdp_fib_lookup and bpf_ipv4_fib_lookup (net/core/filter.c, Linux 6.18) over a
 * {@link FibSnapshot}: the same checks in the same order, so a program sees the codes and the
 * partly filled {@code struct bpf_fib_lookup} the kernel leaves (ifindex, rt_metric and the
 * gateway are written before the neighbour lookup, so they are there with NO_NEIGH too).
 *
 * <p>Layout (uapi bpf.h): family 0, l4_protocol 1, sport 2, dport 4 (both network order),
 * tot_len/mtu_result 6 (host order), ifindex 8, tos/rt_metric 12, ipv4_src 16, ipv4_dst 32,
 * h_vlan_proto 48, h_vlan_TCI 50 (tbid 48 as input), smac 52, dmac 58 (mark 52 as input); 64
 * bytes. Host order is little-endian (x86-64).
 *
 * <p>Not modelled: lightweight tunnels (no UNSUPP_LWT: netemu has no encap routes), route MTU
 * metrics and PMTU exceptions (the MTU is the egress device's), policy rules beyond the three
 * default ones (so BPF_FIB_LOOKUP_MARK changes nothing), IPv6 routing (an AF_INET6 lookup stops
 * at the forwarding check or answers NOT_FWDED).
 */
final class BpfFibLookup {
    static final int SUCCESS = 0, BLACKHOLE = 1, UNREACHABLE = 2, PROHIBIT = 3, NOT_FWDED = 4, FWD_DISABLED = 5,
            NO_NEIGH = 7, FRAG_NEEDED = 8;
    static final int DIRECT = 1, OUTPUT = 1 << 1, SKIP_NEIGH = 1 << 2, TBID = 1 << 3, SRC = 1 << 4, MARK = 1 << 5;
    /** BPF_FIB_LOOKUP_MASK: any other flag is -EINVAL. */
    private static final int MASK = DIRECT | OUTPUT | SKIP_NEIGH | TBID | SRC | MARK;
    private static final int AF_INET = 2, AF_INET6 = 10;
    private static final int ENODEV = 19, EINVAL = 22, EAFNOSUPPORT = 97;
    /** IPTOS_RT_MASK: the TOS bits routing looks at. */
    private static final int IPTOS_RT_MASK = 0x1c;

    private static final int FAMILY = 0, L4_PROTOCOL = 1, SPORT = 2, DPORT = 4, TOT_LEN = 6, IFINDEX = 8, TOS = 12,
            IPV4_SRC = 16, IPV4_DST = 32, VLAN_PROTO = 48, VLAN_TCI = 50, TBID_OFF = 48, SMAC = 52, DMAC = 58;

    private BpfFibLookup() {}

    static int lookup(FibSnapshot s, byte[] p, int o, int flags) {
        if ((flags & ~MASK) != 0) {
            return -EINVAL;
        }
        return switch (p[o + FAMILY] & 0xff) {
            case AF_INET -> ipv4(s, p, o, flags);
            case AF_INET6 -> ipv6(s, p, o);
            default -> -EAFNOSUPPORT;
        };
    }

    private static int ipv4(FibSnapshot s, byte[] p, int o, int flags) {
        FibSnapshot.Dev in = s.devs.get(le32(p, o + IFINDEX));
        if (in == null) {
            return -ENODEV;
        }
        if (!in.forwarding()) {
            return FWD_DISABLED; // IN_DEV_FORWARD of params->ifindex, whichever way the lookup goes
        }
        int oif = (flags & OUTPUT) != 0 ? in.ifindex() : 0;
        int tos = p[o + TOS] & IPTOS_RT_MASK;
        int src = be32(p, o + IPV4_SRC);
        int dst = be32(p, o + IPV4_DST);
        // fib_select_path hashes the flow (fl4: addresses, protocol, ports) when the route has paths to choose from
        int hash = MultipathHash.of(s.hashPolicy, src, dst, p[o + L4_PROTOCOL] & 0xff, be16(p, o + SPORT),
                be16(p, o + DPORT));
        FibResult res;
        if ((flags & DIRECT) != 0) {
            int table = RouteTable.MAIN; // no l3mdev (VRF) here
            if ((flags & TBID) != 0) {
                table = le32(p, o + TBID_OFF);
                putLe32(p, o + TBID_OFF, 0);
            }
            if (!s.fib.hasTable(table)) {
                return NOT_FWDED;
            }
            res = s.fib.lookupTable(table, dst, tos, oif, Scope.UNIVERSE, hash);
        } else {
            res = s.fib.lookup(dst, tos, oif, Scope.UNIVERSE, hash);
        }
        if (res == null) {
            return NOT_FWDED; // -ENETUNREACH / -EAGAIN
        }
        switch (res.type()) {
            case RouteType.UNICAST -> { }
            case RouteType.BLACKHOLE -> { return BLACKHOLE; }   // -EINVAL
            case RouteType.UNREACHABLE -> { return UNREACHABLE; } // -EHOSTUNREACH
            case RouteType.PROHIBIT -> { return PROHIBIT; }     // -EACCES
            default -> { return NOT_FWDED; }                    // local, broadcast, multicast...: not for forwarding
        }
        Nexthop nh = res.nexthop();
        FibSnapshot.Dev out = s.devs.get(nh.ifindex());
        if (out == null) {
            return NOT_FWDED;
        }
        // ip_mtu_from_fib_result: no route MTU or exception here, so the device's
        int mtu = out.mtu();
        if (le16(p, o + TOT_LEN) > mtu) {
            putLe16(p, o + TOT_LEN, mtu); // mtu_result
            return FRAG_NEEDED;
        }
        putLe32(p, o + TOS, res.route().metric()); // rt_metric
        putLe32(p, o + IFINDEX, out.ifindex());
        if ((flags & SRC) != 0) {
            int prefsrc = res.route().prefSrc();
            putBe32(p, o + IPV4_SRC, prefsrc != 0 ? prefsrc : selectAddr(s, out.ifindex(), nh.gateway(), res.route().scope()));
        }
        if (nh.gateway() != 0) {
            putBe32(p, o + IPV4_DST, nh.gateway());
        }
        if ((flags & SKIP_NEIGH) == 0) {
            Long mac = s.neigh.get(FibSnapshot.key(out.ifindex(), be32(p, o + IPV4_DST)));
            if (mac == null) {
                return NO_NEIGH; // no entry, or not NUD_VALID: the stack must resolve it
            }
            putMac(p, o + DMAC, mac);
            putMac(p, o + SMAC, out.mac());
        }
        // bpf_fib_set_fwd_params
        putLe16(p, o + VLAN_TCI, 0);
        putLe16(p, o + VLAN_PROTO, 0);
        putLe16(p, o + TOT_LEN, mtu);
        return SUCCESS;
    }

    /** bpf_ipv6_fib_lookup as far as netemu goes: the device and its IPv6 forwarding; there is no IPv6 FIB to ask. */
    private static int ipv6(FibSnapshot s, byte[] p, int o) {
        FibSnapshot.Dev in = s.devs.get(le32(p, o + IFINDEX));
        if (in == null) {
            return -ENODEV;
        }
        return in.forwarding6() ? NOT_FWDED : FWD_DISABLED;
    }

    /** inet_select_addr on the snapshot: a primary of suitable scope on the device, in the gateway's subnet if one is; else any device's. */
    private static int selectAddr(FibSnapshot s, int ifindex, int dst, int scope) {
        int addr = 0;
        for (InetAddr a : s.addrs) {
            if (a.ifindex() != ifindex || a.secondary() || Math.min(a.scope(), Scope.HOST) > scope) {
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
        for (InetAddr a : s.addrs) {
            if (!a.secondary() && a.scope() != Scope.LINK && a.scope() <= scope) {
                return a.local();
            }
        }
        return 0;
    }

    private static int le16(byte[] b, int i) { return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8; }

    private static int be16(byte[] b, int i) { return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff); }

    private static int le32(byte[] b, int i) { return le16(b, i) | le16(b, i + 2) << 16; }

    private static int be32(byte[] b, int i) { return be16(b, i) << 16 | be16(b, i + 2); }

    private static void putLe16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    private static void putLe32(byte[] b, int i, int v) {
        putLe16(b, i, v);
        putLe16(b, i + 2, v >>> 16);
    }

    private static void putBe32(byte[] b, int i, int v) {
        for (int k = 0; k < 4; k++) {
            b[i + k] = (byte) (v >>> (24 - 8 * k));
        }
    }

    private static void putMac(byte[] b, int i, long mac) {
        for (int k = 0; k < 6; k++) {
            b[i + k] = (byte) (mac >>> (40 - 8 * k));
        }
    }
}
