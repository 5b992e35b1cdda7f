package io.netemu.node.cmd.ip;

import io.netemu.ebpf.sys.BpfSys;
import io.netemu.ebpf.sys.KernelProg;
import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.NetnsOp;
import io.netemu.node.cmd.NetnsOps;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code ip link}: do_iplink (ip/iplink.c, iproute2 6.1) and what rtnetlink's
 * {@code rtnl_newlink}/{@code do_setlink}/{@code rtnl_dellink} do with the request (Linux 6.x),
 * through {@link NetNs} so that routes and device actors follow.
 */
public final class IpLink extends IpPrintingObject {
    /** Link kinds Linux has that netemu does not create (yet): refused plainly, not "Unknown device type". */
    private static final Set<String> LINUX_KINDS = Set.of(
            "amt", "bareudp", "bond", "can", "dsa", "erspan", "geneve", "gre", "gretap", "gtp", "hsr", "ifb",
            "ip6erspan", "ip6gre", "ip6gretap", "ip6tnl", "ipip", "ipoib", "ipvlan", "ipvtap", "macsec", "macvlan",
            "macvtap", "netdevsim", "nlmon", "rmnet", "sit", "team", "vcan", "vlan", "vrf", "vti", "vxcan", "vxlan",
            "wwan", "xfrm", "virt_wifi", "wireguard", "tun", "tap");

    private final NetnsOps ops;
    private final LongSupplier now;
    private final BpfSys bpf;
    private final java.nio.file.Path cwd;
    private final boolean force;

    /**
     * @param ops where veth pairs, veth deletions and moves to other namespaces are recorded
     * @param now the run's clock, for the kernel log's lines
     */
    IpLink(NetnsOps ops, LongSupplier now) {
        this(ops, now, BpfSys.standalone(), java.nio.file.Path.of(""), false);
    }

    /**
     * @param bpf   the lab's BPF tables, where {@code xdp obj FILE} loads
     * @param cwd   the folder object files are named from
     * @param force {@code ip -force}: an attached XDP program may be replaced
     */
    IpLink(NetnsOps ops, LongSupplier now, BpfSys bpf, java.nio.file.Path cwd, boolean force) {
        this.ops = ops;
        this.now = now;
        this.bpf = bpf;
        this.cwd = cwd;
        this.force = force;
    }

    @Override
    void command(String w, IpCtx ctx, IprouteArgs a, NetNs ns, Printer p, StringBuilder err) {
        if (IprouteArgs.matches(w, "add")) {
            LinkRequest r = LinkRequest.parse(a, ns, true);
            if (r.xdp != null) {
                throw IpCommand.unsupported("\"ip link add ... " + r.xdp.keyword() + "\"");
            }
            if ("veth".equals(r.type)) {
                ops.add(VethRequest.parse(r, ns, p));
            } else {
                add(r, ns);
            }
        } else if (IprouteArgs.matches(w, "set") || IprouteArgs.matches(w, "change")) {
            LinkRequest r = LinkRequest.parse(a, ns, false);
            // iproute2 loads the program while parsing, before it looks the device up
            KernelProg prog = r.xdp == null ? null : LinkXdp.load(r.xdp, bpf, cwd);
            NetDev d;
            try {
                d = setLink(r, ns);
            } catch (RuntimeException e) {
                if (prog != null) {
                    bpf.release(prog.id()); // the loader's reference: the program goes again
                }
                throw e;
            }
            if (r.xdp != null) {
                LinkXdp.apply(r.xdp, prog, d, ns, bpf, force); // IFLA_XDP comes last in do_setlink
            }
        } else if (IprouteArgs.matches(w, "replace")) {
            throw IpCommand.unsupported("\"ip link replace\"");
        } else if (IprouteArgs.matches(w, "delete")) {
            LinkRequest r = LinkRequest.parse(a, ns, false);
            delete(r.device(ns), ns);
        } else if (IprouteArgs.matches(w, "show") || IprouteArgs.matches(w, "lst") || IprouteArgs.matches(w, "list")) {
            list(ctx, a, ns, p);
        } else if (IprouteArgs.matches(w, "xstats") || IprouteArgs.matches(w, "afstats") || IprouteArgs.matches(w, "property")) {
            throw IpCommand.unsupported("\"ip link " + w + "\"");
        } else if (IprouteArgs.matches(w, "help")) {
            throw CommandExit.usage(IpUsage.LINK);
        } else {
            throw CommandExit.usage("Command \"" + w + "\" is unknown, try \"ip link help\".");
        }
    }

    /** ip link set without its XDP part: the device, a move to another namespace, do_setlink. */
    private NetDev setLink(LinkRequest r, NetNs ns) {
        NetDev d = r.device(ns);
        NetnsOp.LinkMove move = r.netns == null ? null : LinkNetns.take(r, d);
        if (move != null && move.target().equals(ns.name())) {
            // into its own namespace nothing moves (dev_change_net_namespace stops after its checks): a plain set
            r.name = move.newName() != null ? move.newName() : r.dev;
            r.up = move.up();
            move = null;
        }
        set(r, d, ns);
        if (move != null) {
            ops.add(move);
        }
        return d;
    }

    /** ipaddr_list_link: the listing with the family forced to link. */
    @Override
    void list(IpCtx ctx, IprouteArgs a, NetNs ns, Printer p) {
        IpCtx link = ctx.withFamily(IpCtx.PACKET);
        IpFilter f = IpFilter.parse(a, ns, IpCtx.PACKET, CommandExit.usage(IpUsage.LINK));
        IpList.list(p, ns, link, f, true);
    }

    /** do_setlink, in the kernel's order: address, mtu, name, alias, flags, master, txqlen. */
    private void set(LinkRequest r, NetDev d, NetNs ns) {
        if (r.type != null) {
            if (!r.type.equals("bridge") || d.kind() != DevKind.BRIDGE) {
                throw IpCommand.unsupported("\"ip link set ... type " + r.type + "\"");
            }
            BridgeOptions.check(r.typeArgs);
        }
        if (r.address != null) {
            setAddress(d, r.address);
        }
        if (r.mtu != null) {
            setMtu(d, r.mtu, ns);
        }
        if (r.renames()) {
            LinkRename.rename(ns, d, r.name, now.getAsLong());
        }
        if (r.alias != null) {
            d.setAlias(r.alias.isEmpty() ? null : r.alias);
        }
        if (r.arp != null && r.arp != (d.kind() != DevKind.DUMMY)) {
            throw IpCommand.unsupported("\"arp " + (r.arp ? "on" : "off") + "\" on a " + d.kind().linkKind());
        }
        if (r.up != null) {
            setUp(d, r.up, ns);
        }
        LinkPromisc.set(ns, d, r.promisc, r.allmulti, now.getAsLong());
        if (r.master != null) {
            setMaster(d, r.master, ns);
        }
        if (r.qlen != null) {
            d.setTxqueuelen(r.qlen);
        }
    }

    private static void setAddress(NetDev d, byte[] mac) {
        d.setMac(macValue(mac));
    }

    /** An Ethernet address the kernel takes (eth_validate_addr): six bytes, unicast, not zero. */
    static long macValue(byte[] mac) {
        if (mac.length != 6) {
            throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
        }
        long v = 0;
        for (byte b : mac) {
            v = (v << 8) | (b & 0xff);
        }
        if (v == 0 || (v & (1L << 40)) != 0) {
            throw CommandExit.kernel("RTNETLINK answers: Cannot assign requested address");
        }
        return v;
    }

    /** dev_validate_mtu's extack messages. */
    private static void setMtu(NetDev d, int mtu, NetNs ns) {
        LinkView v = LinkView.of(ns, d);
        if (mtu < v.minMtu()) {
            throw CommandExit.kernel("Error: mtu less than device minimum.");
        }
        if (v.maxMtu() > 0 && mtu > v.maxMtu()) {
            throw CommandExit.kernel("Error: mtu greater than device maximum.");
        }
        if (mtu != d.mtu()) {
            ns.linkSetMtu(d, mtu);
        }
    }

    /** dev_change_flags(IFF_UP): bringing a device up attaches its default qdisc (dev_activate). */
    private static void setUp(NetDev d, boolean up, NetNs ns) {
        if (up && "noop".equals(d.qdisc())) {
            d.setQdisc("noqueue");
        }
        ns.linkSetUp(d, up);
    }

    /**
     * do_set_master: leave the current master first, then join the new one (br_add_if), so a
     * refused join still leaves the device released, as on Linux.
     */
    private static void setMaster(NetDev d, int master, NetNs ns) {
        if (master == d.master()) {
            return;
        }
        if (d.master() != 0) {
            NetDev old = ns.devs().get(d.master());
            ns.linkSetMaster(d, null);
            bridgeLostPort(old, ns);
        }
        if (master == 0) {
            return;
        }
        NetDev m = ns.devs().get(master);
        if (m.kind() != DevKind.BRIDGE) {
            throw CommandExit.kernel("RTNETLINK answers: Operation not supported");
        }
        if (d.kind() == DevKind.LOOPBACK) {
            throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
        }
        if (d.kind() == DevKind.BRIDGE) {
            throw CommandExit.kernel("Error: Can not enslave a bridge to a bridge.");
        }
        ns.linkSetMaster(d, m);
    }

    /** A bridge whose last port left has no carrier (br_port_carrier_check on removal). */
    private static void bridgeLostPort(NetDev br, NetNs ns) {
        if (br != null && br.kind() == DevKind.BRIDGE && ns.devs().ports(br.ifindex()).isEmpty()) {
            ns.carrierChanged(br.ifindex(), false); // NETDEV_CHANGE: its routes go linkdown
        }
    }

    /** rtnl_newlink for the kinds netemu creates here: bridge and dummy (veth: {@link VethRequest}). */
    private void add(LinkRequest r, NetNs ns) {
        if (r.type == null) {
            throw CommandExit.fail("Not enough information: \"type\" argument is required");
        }
        DevKind kind = switch (r.type) {
            case "bridge" -> DevKind.BRIDGE;
            case "dummy" -> DevKind.DUMMY;
            default -> null;
        };
        if (kind == DevKind.DUMMY && !r.typeArgs.isEmpty()) {
            throw CommandExit.fail("Garbage instead of arguments \"" + r.typeArgs.get(0) + " ...\". Try \"ip link help\".");
        }
        if (kind == DevKind.BRIDGE) {
            BridgeOptions.check(r.typeArgs);
        }
        String name = r.name;
        if (name != null && name.length() >= IpParse.IFNAMSIZ) {
            throw CommandExit.kernel("Error: Attribute failed policy validation.");
        }
        if (name != null && ns.devs().byName(name) != null) {
            throw CommandExit.kernel("RTNETLINK answers: File exists");
        }
        if (kind == null) {
            if (LINUX_KINDS.contains(r.type)) {
                throw IpCommand.unsupported("link type \"" + r.type + "\"");
            }
            throw CommandExit.kernel("Error: Unknown device type.");
        }
        if (r.netns != null) {
            throw IpCommand.unsupported("\"ip link add ... netns\" of a " + r.type);
        }
        if (name == null) {
            name = freeName(ns, r.type);
        }
        if (!IpParse.kernelValidName(name)) {
            throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
        }
        int mtu = r.mtu == null ? 1500 : r.mtu;
        boolean limited = kind == DevKind.BRIDGE;
        if (r.mtu != null && limited && mtu < 68) {
            throw CommandExit.kernel("Error: mtu less than device minimum.");
        }
        if (r.mtu != null && (limited && mtu > 65535 || mtu < 0)) {
            throw CommandExit.kernel(mtu < 0 ? "Error: mtu less than device minimum."
                    : "Error: mtu greater than device maximum.");
        }
        long mac = r.address != null ? macValue(r.address) : derivedMac(ns.name(), name);
        if (r.master != null && r.master != 0 && kind == DevKind.BRIDGE) {
            throw CommandExit.kernel("Error: Can not enslave a bridge to a bridge.");
        }
        NetDev d = ns.addDevice(name, kind, mac, mtu);
        d.setQdisc("noop");
        d.setTxqueuelen(r.qlen != null ? r.qlen : 1000);
        if (kind == DevKind.BRIDGE && r.address != null) {
            d.setCarrier(false); // as Linux does for a bridge given its address at birth
        }
        // no alias: rtnl_create_link takes no IFLA_IFALIAS, so "ip link add ... alias X" sets none
        if (Boolean.TRUE.equals(r.up)) {
            setUp(d, true, ns);
        }
        LinkPromisc.set(ns, d, r.promisc, r.allmulti, now.getAsLong());
        if (r.master != null && r.master != 0) {
            setMaster(d, r.master, ns);
        }
    }

    /** dev_alloc_name for a request without a name: "bridge0", "dummy1"... */
    private static String freeName(NetNs ns, String kind) {
        for (int i = 0; ; i++) {
            if (ns.devs().byName(kind + i) == null) {
                return kind + i;
            }
        }
    }

    /** rtnl_dellink: loopback has no dellink; a veth takes its peer along, wherever it lives. */
    private void delete(NetDev d, NetNs ns) {
        switch (d.kind()) {
            case LOOPBACK -> throw CommandExit.kernel("RTNETLINK answers: Operation not supported");
            case VETH -> ops.add(new NetnsOp.VethDelete(d.name()));
            default -> {
                NetDev master = d.master() == 0 ? null : ns.devs().get(d.master());
                ns.linkDelete(d);
                bridgeLostPort(master, ns);
            }
        }
    }

    /**
     * A stable address for a device made by {@code ip link add}: the first six bytes of
     * SHA-256("NODE/IFNAME"), locally administered and unicast, as the lab derives its own.
     */
    static long derivedMac(String node, String ifname) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((node + "/" + ifname).getBytes(StandardCharsets.UTF_8));
            long v = (h[0] & 0xFC) | 0x02;
            for (int i = 1; i < 6; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
