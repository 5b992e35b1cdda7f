package io.netemu.node.cmd.ethtool;

import io.netemu.stack.dev.DevKind;
import java.util.List;

/**
 * The netdev feature bits as Linux 6.18 names them (the ETH_SS_FEATURES string set, in bit
 * order: ethtool prints "Actual changes" and the non-legacy part of {@code -k} in this order),
 * which of them each device kind can change ({@code hw_features}) and which are on when it is
 * created, and the kernel's fix-ups between them (netdev_fix_features, a bridge's ports).
 *
 * <p>veth, lo and bridge were read from this machine's kernel (ETHTOOL_GFEATURES on fresh
 * devices); dummy is not built into it, so its row follows drivers/net/dummy.c and
 * register_netdevice (SG, FRAGLIST, HW_CSUM, HIGHDMA, GSO_SOFTWARE, GSO_ENCAP_ALL, plus GSO and
 * GRO on, rx-gro-list, rx-udp-gro-forwarding and tx-nocache-copy changeable but off).
 */
final class FeatureTable {
    /** Names by bit; "" for bits with no name (never shown). */
    static final List<String> NAMES = List.of(
            "tx-scatter-gather", "tx-checksum-ipv4", "", "tx-checksum-ip-generic", "tx-checksum-ipv6", "highdma",
            "tx-scatter-gather-fraglist", "tx-vlan-hw-insert", "rx-vlan-hw-parse", "rx-vlan-filter", "vlan-challenged",
            "tx-generic-segmentation", "", "", "rx-gro", "rx-lro", "tx-tcp-segmentation", "tx-gso-robust",
            "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation", "tx-fcoe-segmentation",
            "tx-gre-segmentation", "tx-gre-csum-segmentation", "tx-ipxip4-segmentation", "tx-ipxip6-segmentation",
            "tx-udp_tnl-segmentation", "tx-udp_tnl-csum-segmentation", "tx-gso-partial", "tx-tunnel-remcsum-segmentation",
            "tx-sctp-segmentation", "tx-esp-segmentation", "", "tx-udp-segmentation", "tx-gso-list",
            "tx-tcp-accecn-segmentation", "tx-checksum-fcoe-crc", "tx-checksum-sctp", "rx-ntuple-filter", "rx-hashing",
            "rx-checksum", "tx-nocache-copy", "loopback", "rx-fcs", "rx-all", "tx-vlan-stag-hw-insert",
            "rx-vlan-stag-hw-parse", "rx-vlan-stag-filter", "l2-fwd-offload", "hw-tc-offload", "esp-hw-offload",
            "esp-tx-csum-hw-offload", "rx-udp_tunnel-port-offload", "tls-hw-tx-offload", "tls-hw-rx-offload", "rx-gro-hw",
            "tls-hw-record", "rx-gro-list", "macsec-hw-offload", "rx-udp-gro-forwarding", "hsr-tag-ins-offload",
            "hsr-tag-rm-offload", "hsr-fwd-offload", "hsr-dup-offload");

    static final long SG = bit("tx-scatter-gather");
    static final long IP_CSUM = bit("tx-checksum-ipv4");
    static final long HW_CSUM = bit("tx-checksum-ip-generic");
    static final long IPV6_CSUM = bit("tx-checksum-ipv6");
    static final long CSUM_MASK = IP_CSUM | HW_CSUM | IPV6_CSUM;
    static final long GSO = bit("tx-generic-segmentation");
    static final long TSO = bit("tx-tcp-segmentation");
    static final long TSO_ECN = bit("tx-tcp-ecn-segmentation");
    static final long TSO_MANGLEID = bit("tx-tcp-mangleid-segmentation");
    static final long TSO6 = bit("tx-tcp6-segmentation");
    static final long GSO_UDP_L4 = bit("tx-udp-segmentation");
    /** NETIF_F_ALL_TSO: what "TSO needs SG" drops (accecn is not in it: sg off leaves it on). */
    static final long ALL_TSO = TSO | TSO_ECN | TSO_MANGLEID | TSO6;
    /** NETIF_F_ONE_FOR_ALL: a bridge has these if one port has them. */
    static final long ONE_FOR_ALL = bits("tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation",
            "tx-tcp6-segmentation", "tx-sctp-segmentation", "tx-udp-segmentation", "tx-gso-list",
            "tx-tcp-accecn-segmentation", "tx-gso-robust", "tx-scatter-gather", "highdma", "tx-scatter-gather-fraglist",
            "vlan-challenged");
    /** NETIF_F_ALL_FOR_ALL: a bridge keeps these only if every port has them. */
    static final long ALL_FOR_ALL = bits("tx-nocache-copy", "tx-fcoe-segmentation");
    static final long VLAN_CHALLENGED = bit("vlan-challenged");
    /** NETIF_F_NEVER_CHANGE (of the named bits): shown [fixed] even where set. */
    static final long NEVER_CHANGE = VLAN_CHALLENGED;

    private static final long VETH_HW = bits("tx-scatter-gather", "tx-checksum-ip-generic", "highdma",
            "tx-scatter-gather-fraglist", "tx-vlan-hw-insert", "rx-vlan-hw-parse", "tx-generic-segmentation", "rx-gro",
            "tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation",
            "tx-gre-segmentation", "tx-gre-csum-segmentation", "tx-ipxip4-segmentation", "tx-ipxip6-segmentation",
            "tx-udp_tnl-segmentation", "tx-udp_tnl-csum-segmentation", "tx-sctp-segmentation", "tx-udp-segmentation",
            "tx-gso-list", "tx-tcp-accecn-segmentation", "tx-checksum-sctp", "rx-checksum", "tx-nocache-copy",
            "tx-vlan-stag-hw-insert", "rx-vlan-stag-hw-parse", "rx-gro-list", "rx-udp-gro-forwarding");
    /** veth turns GRO off at creation (it only helps with XDP or forwarding); the soft-GRO flavours start off too. */
    private static final long VETH_ON = VETH_HW
            & ~bits("rx-gro", "tx-nocache-copy", "rx-gro-list", "rx-udp-gro-forwarding");

    private static final long LO_HW = bits("tx-generic-segmentation", "rx-gro", "tx-tcp-segmentation",
            "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation", "tx-sctp-segmentation",
            "tx-udp-segmentation", "tx-gso-list", "tx-tcp-accecn-segmentation", "rx-gro-list", "rx-udp-gro-forwarding");
    private static final long LO_ON = bits("tx-scatter-gather", "tx-checksum-ip-generic", "highdma",
            "tx-scatter-gather-fraglist", "vlan-challenged", "tx-generic-segmentation", "rx-gro", "tx-tcp-segmentation",
            "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation", "tx-sctp-segmentation",
            "tx-udp-segmentation", "tx-gso-list", "tx-tcp-accecn-segmentation", "tx-checksum-sctp", "rx-checksum",
            "loopback");

    private static final long BRIDGE_HW = bits("tx-scatter-gather", "tx-checksum-ip-generic", "highdma",
            "tx-scatter-gather-fraglist", "tx-vlan-hw-insert", "tx-generic-segmentation", "rx-gro", "tx-tcp-segmentation",
            "tx-gso-robust", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation",
            "tx-fcoe-segmentation", "tx-gre-segmentation", "tx-gre-csum-segmentation", "tx-ipxip4-segmentation",
            "tx-ipxip6-segmentation", "tx-udp_tnl-segmentation", "tx-udp_tnl-csum-segmentation", "tx-gso-partial",
            "tx-tunnel-remcsum-segmentation", "tx-sctp-segmentation", "tx-esp-segmentation", "tx-udp-segmentation",
            "tx-gso-list", "tx-tcp-accecn-segmentation", "tx-nocache-copy", "tx-vlan-stag-hw-insert", "rx-gro-list",
            "rx-udp-gro-forwarding");
    private static final long BRIDGE_ON = BRIDGE_HW & ~bits("tx-nocache-copy", "rx-gro-list", "rx-udp-gro-forwarding");

    private static final long DUMMY_ON = bits("tx-scatter-gather", "tx-checksum-ip-generic", "highdma",
            "tx-scatter-gather-fraglist", "tx-generic-segmentation", "rx-gro", "tx-tcp-segmentation",
            "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation", "tx-gre-segmentation",
            "tx-gre-csum-segmentation", "tx-ipxip4-segmentation", "tx-ipxip6-segmentation", "tx-udp_tnl-segmentation",
            "tx-udp_tnl-csum-segmentation", "tx-sctp-segmentation", "tx-udp-segmentation", "tx-gso-list",
            "tx-tcp-accecn-segmentation");
    private static final long DUMMY_HW = DUMMY_ON | bits("tx-nocache-copy", "rx-gro-list", "rx-udp-gro-forwarding");

    /** ethtool's legacy flags (off_flag_def): short and long names, and the kernel names they stand for. */
    record Legacy(String shortName, String longName, String pattern) {}

    static final List<Legacy> LEGACY = List.of(
            new Legacy("rx", "rx-checksumming", "rx-checksum"),
            new Legacy("tx", "tx-checksumming", "tx-checksum-*"),
            new Legacy("sg", "scatter-gather", "tx-scatter-gather*"),
            new Legacy("tso", "tcp-segmentation-offload", "tx-tcp*-segmentation"),
            new Legacy("ufo", "udp-fragmentation-offload", "tx-udp-fragmentation"),
            new Legacy("gso", "generic-segmentation-offload", "tx-generic-segmentation"),
            new Legacy("gro", "generic-receive-offload", "rx-gro"),
            new Legacy("lro", "large-receive-offload", "rx-lro"),
            new Legacy("rxvlan", "rx-vlan-offload", "rx-vlan-hw-parse"),
            new Legacy("txvlan", "tx-vlan-offload", "tx-vlan-hw-insert"),
            new Legacy("ntuple", "ntuple-filters", "rx-ntuple-filter"),
            new Legacy("rxhash", "receive-hashing", "rx-hashing"));

    private FeatureTable() {}

    static long bit(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(name);
        }
        return 1L << i;
    }

    static long bits(String... names) {
        long m = 0;
        for (String n : names) {
            m |= bit(n);
        }
        return m;
    }

    static boolean on(long mask, int i) { return (mask & (1L << i)) != 0; }

    /** hw_features: what {@code -K} can change on this kind. */
    static long hw(DevKind k) {
        return switch (k) {
            case VETH -> VETH_HW;
            case LOOPBACK -> LO_HW;
            case BRIDGE -> BRIDGE_HW;
            case DUMMY -> DUMMY_HW;
        };
    }

    /** The features a new device of this kind has on. */
    static long defaults(DevKind k) {
        return switch (k) {
            case VETH -> VETH_ON;
            case LOOPBACK -> LO_ON;
            case BRIDGE -> BRIDGE_ON;
            case DUMMY -> DUMMY_ON;
        };
    }

    /** ethtool's flag_pattern_match: the name, or with one '*' its prefix and suffix. */
    static boolean matches(String name, String pattern) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return name.equals(pattern);
        }
        String pre = pattern.substring(0, star);
        String post = pattern.substring(star + 1);
        return name.length() + 1 >= pattern.length() && name.startsWith(pre) && name.endsWith(post);
    }

    /**
     * netdev_fix_features, the rules that touch features these devices can change: TSO needs SG
     * and a checksum, mangleid needs TSO, ECN alone is dropped, UDP segmentation needs a
     * checksum for both families, software GSO needs SG (each checked on this machine with
     * {@code -K ... off} on a veth: "[not requested]" lines).
     */
    static long fix(long f) {
        if ((f & ALL_TSO) != 0 && (f & SG) == 0) {
            f &= ~ALL_TSO;
        }
        if ((f & TSO) != 0 && (f & HW_CSUM) == 0 && (f & IP_CSUM) == 0) {
            f &= ~(TSO | TSO_ECN);
        }
        if ((f & TSO6) != 0 && (f & HW_CSUM) == 0 && (f & IPV6_CSUM) == 0) {
            f &= ~TSO6;
        }
        if ((f & TSO_MANGLEID) != 0 && (f & TSO) == 0) {
            f &= ~TSO_MANGLEID;
        }
        if ((f & ALL_TSO) == TSO_ECN) {
            f &= ~TSO_ECN;
        }
        if ((f & GSO_UDP_L4) != 0 && (f & HW_CSUM) == 0 && (f & (IP_CSUM | IPV6_CSUM)) != (IP_CSUM | IPV6_CSUM)) {
            f &= ~GSO_UDP_L4;
        }
        if ((f & GSO) != 0 && (f & SG) == 0) {
            f &= ~GSO;
        }
        return f;
    }

    /**
     * br_features_recompute: with ports, a bridge has a one-for-all feature if a port has it,
     * an all-for-all one only if every port has it, and its TSO bits back as wanted.
     */
    static long bridgeWithPorts(long features, List<Long> ports) {
        if (ports.isEmpty()) {
            return features;
        }
        long mask = features;
        long all = features & ~ONE_FOR_ALL;
        for (long p : ports) {
            all = increment(all, p, mask);
        }
        return increment(all, ALL_TSO, mask);
    }

    /** netdev_increment_features. */
    private static long increment(long all, long one, long mask) {
        if ((mask & HW_CSUM) != 0) {
            mask |= CSUM_MASK;
        }
        mask |= VLAN_CHALLENGED;
        all |= one & (ONE_FOR_ALL | CSUM_MASK) & mask;
        all &= one | ~ALL_FOR_ALL;
        if ((all & HW_CSUM) != 0) {
            all &= ~(CSUM_MASK & ~HW_CSUM);
        }
        return all;
    }
}
