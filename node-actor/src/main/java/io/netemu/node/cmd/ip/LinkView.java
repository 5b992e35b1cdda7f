package io.netemu.node.cmd.ip;

import io.netemu.packet.wire.MacAddress;
import io.netemu.stack.NetNs;
import io.netemu.stack.NetnsIds;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code RTM_NEWLINK} would say about one device: the flags, operstate and link fields
 * the kernel derives from the configuration ({@code dev_get_flags}, {@code default_operstate},
 * {@code rtnl_fill_ifinfo}). Formatters read this, never the raw {@link NetDev}.
 */
final class LinkView {
    final NetNs ns;
    final NetDev d;
    private final NetnsIds nsids;

    LinkView(NetNs ns, NetDev d, NetnsIds nsids) {
        this.ns = ns;
        this.d = d;
        this.nsids = nsids;
    }

    /** The views of all devices in ifindex order, sharing one nsid table. */
    static List<LinkView> all(NetNs ns) {
        NetnsIds ids = nsids(ns);
        List<LinkView> out = new ArrayList<>();
        for (NetDev d : ns.devs().all()) {
            out.add(new LinkView(ns, d, ids));
        }
        return out;
    }

    static LinkView of(NetNs ns, NetDev d) {
        return new LinkView(ns, d, nsids(ns));
    }

    /**
     * The ids this namespace gives other namespaces, as a link dump leaves them: every veth
     * whose peer lives elsewhere has its peer's namespace given one (rtnl_fill_link_netnsid
     * allocates), in ifindex order, after those allocated before. {@code ip netns list} shows them.
     */
    static NetnsIds nsids(NetNs ns) {
        for (NetDev d : ns.devs().all()) {
            if (d.kind() == DevKind.VETH && d.peerIfindex() != 0 && d.peerNetns() != null
                    && !d.peerNetns().equals(ns.name())) {
                ns.netnsIds().alloc(d.peerNetns());
            }
        }
        return ns.netnsIds();
    }

    int ifindex() { return d.ifindex(); }
    String name() { return d.name(); }
    boolean up() { return d.adminUp(); }

    /** A veth whose peer lives in this namespace too ({@code veth0@veth1}). */
    boolean peerHere() {
        return d.kind() == DevKind.VETH && d.peerIfindex() != 0
                && (d.peerNetns() == null ? false : d.peerNetns().equals(ns.name()));
    }

    /** The nsid of a veth's peer namespace, or null when the peer is here or unknown. */
    Integer nsid() {
        if (d.kind() != DevKind.VETH || d.peerIfindex() == 0 || peerHere()) {
            return null;
        }
        return d.peerNetns() == null ? Integer.valueOf(0) : nsids.get(d.peerNetns());
    }

    /** The peer's namespace name for {@code link-netns NAME}; null prints {@code link-netnsid N}. */
    String peerNetns() { return d.peerNetns(); }

    NetDev peerDev() {
        return peerHere() ? ns.devs().get(d.peerIfindex()) : null;
    }

    /**
     * Carrier (IFF_LOWER_UP before the admin check). A bridge has carrier while any port
     * forwards (br_port_carrier_check); with no port at all it keeps what it had.
     */
    boolean carrier() {
        if (d.kind() == DevKind.BRIDGE) {
            List<NetDev> ports = ns.devs().ports(d.ifindex());
            if (!ports.isEmpty()) {
                return ports.stream().anyMatch(NetDev::running);
            }
        }
        return d.carrier();
    }

    /** default_operstate (IF_OPER_*) as iproute2 names it. */
    String operstate() {
        if (!d.adminUp()) {
            return "DOWN";
        }
        switch (d.kind()) {
            case LOOPBACK, DUMMY -> {
                return "UNKNOWN";
            }
            case BRIDGE -> {
                if (ns.devs().ports(d.ifindex()).isEmpty()) {
                    return carrier() ? "UNKNOWN" : "DOWN";
                }
                return carrier() ? "UP" : "DOWN";
            }
            default -> {
                if (carrier()) {
                    return "UP";
                }
                // default_operstate (Linux 6.12+): the lower device is looked up by iflink (the
                // peer's ifindex) in this namespace, whatever namespace the peer is in
                if (d.peerIfindex() == d.ifindex()) {
                    return "DOWN";
                }
                NetDev lower = ns.devs().get(d.peerIfindex());
                return lower != null && !lower.carrier() ? "LOWERLAYERDOWN" : "DOWN";
            }
        }
    }

    /** IFF_RUNNING: netif_oper_up. */
    private boolean running() {
        String s = operstate();
        return d.adminUp() && (s.equals("UP") || s.equals("UNKNOWN"));
    }

    /** The flag words of print_link_flags, in its order. */
    List<String> flags() {
        List<String> f = new ArrayList<>(6);
        if (d.adminUp() && !running()) {
            f.add("NO-CARRIER");
        }
        switch (d.kind()) {
            case LOOPBACK -> f.add("LOOPBACK");
            case DUMMY -> {
                f.add("BROADCAST");
                f.add("NOARP");
            }
            default -> {
                f.add("BROADCAST");
                f.add("MULTICAST");
            }
        }
        // dev_get_flags shows the user's IFF_PROMISC/IFF_ALLMULTI (gflags), not a bridge port's counts
        if (d.allmulti()) {
            f.add("ALLMULTI");
        }
        if (d.promisc()) {
            f.add("PROMISC");
        }
        if (d.adminUp()) {
            f.add("UP");
            if (carrier()) {
                f.add("LOWER_UP");
            }
        }
        return f;
    }

    /** The M-DOWN mark: the link device is in this namespace and administratively down. */
    boolean mdown() {
        NetDev p = peerDev();
        return p != null && !p.adminUp();
    }

    String linkType() { return d.kind() == DevKind.LOOPBACK ? "loopback" : "ether"; }

    String address() { return new MacAddress(d.mac()).toString(); }

    String broadcast() { return d.kind() == DevKind.LOOPBACK ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff"; }

    String masterName() {
        NetDev m = d.master() == 0 ? null : ns.devs().get(d.master());
        return m == null ? null : m.name();
    }

    /** IFLA_MIN_MTU / IFLA_MAX_MTU: loopback and dummy have no limits (0). */
    int minMtu() { return unlimitedMtu() ? 0 : 68; }

    int maxMtu() { return unlimitedMtu() ? 0 : 65535; }

    private boolean unlimitedMtu() { return d.kind() == DevKind.LOOPBACK || d.kind() == DevKind.DUMMY; }

    /** dev->promiscuity: once as a bridge port (br_add_if), once for {@code promisc on}. */
    int promiscuity() { return (d.master() != 0 ? 1 : 0) + (d.promisc() ? 1 : 0); }

    /** dev->allmulti: once as a bridge port, once for {@code allmulticast on}. */
    int allmulti() { return (d.master() != 0 ? 1 : 0) + (d.allmulti() ? 1 : 0); }

    /** IFLA_INFO_KIND, or null for loopback (which has no rtnl_link_ops). */
    String kind() { return d.kind() == DevKind.LOOPBACK ? null : d.kind().linkKind(); }
}
