package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.NetnsOp;
import io.netemu.stack.NetNs;
import java.util.List;

/**
 * {@code ip link add [NAME] [OPTIONS] type veth [peer [name] PEER [OPTIONS]]}: veth_parse_opt
 * (ip/link_veth.c, iproute2 6.1) reads the peer's words with iplink_parse, then the kernel
 * (veth_validate, veth_newlink) checks both ends. Whatever can be checked in this namespace is,
 * in the kernel's order (as Linux 6.x answers); the pair itself is made by the namespace actor
 * ({@link NetnsOp.VethAdd}), as an end may live in another namespace.
 *
 * <p>What the kernel ignores at creation is left out of the op: an alias (rtnl_create_link
 * takes no IFLA_IFALIAS) and the peer's master (only the device's is set, by do_set_master).
 */
final class VethRequest {
    /** ETH_MIN_MTU..ETH_MAX_MTU: is_valid_veth_mtu. */
    private static final int MIN_MTU = 68;
    private static final int MAX_MTU = 65535;

    private VethRequest() {}

    /** The pair {@code r} (parsed up to {@code type veth}) asks for, or the first refusal. */
    static NetnsOp.VethAdd parse(LinkRequest r, NetNs ns, Printer p) {
        LinkRequest peer = peer(r.typeArgs, ns, p);
        refuseUnemulated(r);
        refuseUnemulated(peer);
        if (r.master != null && r.master != 0) {
            // the device joins its master after creation (do_set_master); a peer's master is ignored
            throw IpCommand.unsupported("\"master\" when creating a veth");
        }
        // rtnl_newlink: the device's attributes, then veth_validate on each end, before any name is looked up
        policy(r.name);
        Long devMac = validate(r);
        policy(peer.name);
        Long peerMac = validate(peer);
        boolean devHere = r.netns == null;
        boolean peerHere = peer.netns == null;
        if (devHere && r.name != null && ns.devs().byName(r.name) != null) {
            throw CommandExit.kernel("RTNETLINK answers: File exists");
        }
        // veth_newlink registers the peer first...
        kernelName(peer.name);
        if (peerHere && peer.name != null && ns.devs().byName(peer.name) != null) {
            throw CommandExit.kernel("RTNETLINK answers: File exists");
        }
        if (Boolean.TRUE.equals(peer.up)) {
            // ...and opens it before the pair is joined: veth_open finds no peer
            throw CommandExit.kernel("RTNETLINK answers: Transport endpoint is not connected");
        }
        // ...then the device, whose name may be the one the peer just took
        kernelName(r.name);
        if (devHere && peerHere && r.name != null && r.name.equals(peer.name)) {
            throw CommandExit.kernel("RTNETLINK answers: File exists");
        }
        return new NetnsOp.VethAdd(end(r, devMac), end(peer, peerMac));
    }

    /**
     * veth_parse_opt: no words is a peer with no options; otherwise the first must be
     * {@code peer} (else link_veth.c's usage on stdout, exit 1) and the rest are iplink_parse's,
     * with a second {@code type} a duplicate.
     */
    private static LinkRequest peer(List<String> words, NetNs ns, Printer p) {
        if (words.isEmpty()) {
            return new LinkRequest();
        }
        if (!words.get(0).equals("peer")) {
            p.raw(IpUsage.VETH);
            throw new CommandExit(1, "");
        }
        LinkRequest peer = LinkRequest.parse(new IprouteArgs(words.subList(1, words.size())), ns, true);
        if (peer.type != null) {
            throw IprouteArgs.duparg("type", peer.type);
        }
        return peer;
    }

    /** Settings an end could be created with on Linux that the op cannot carry. */
    private static void refuseUnemulated(LinkRequest r) {
        if (Boolean.TRUE.equals(r.promisc) || Boolean.TRUE.equals(r.allmulti)) {
            throw IpCommand.unsupported("\"promisc on\" or \"allmulticast on\" when creating a veth");
        }
        if (Boolean.FALSE.equals(r.arp)) {
            throw IpCommand.unsupported("\"arp off\" on a veth");
        }
    }

    /** The IFLA_IFNAME policy: at most 15 bytes. */
    private static void policy(String name) {
        if (name != null && name.length() >= IpParse.IFNAMSIZ) {
            throw CommandExit.kernel("Error: Attribute failed policy validation.");
        }
    }

    /**
     * veth_validate: the address (6 bytes, unicast, not zero) and the MTU; then the target
     * namespace, which a directory ("", ".", "..": their fds are no namespace's) is not.
     * Returns the address, null for the kernel's random one.
     */
    private static Long validate(LinkRequest r) {
        Long mac = r.address == null ? null : IpLink.macValue(r.address);
        if (r.mtu != null && (r.mtu < MIN_MTU || r.mtu > MAX_MTU)) {
            throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
        }
        if (r.netns != null && (r.netns.isEmpty() || r.netns.equals(".") || r.netns.equals(".."))) {
            throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
        }
        return mac;
    }

    /** dev_valid_name, checked when the end is registered. */
    private static void kernelName(String name) {
        if (name != null && !IpParse.kernelValidName(name)) {
            throw CommandExit.kernel("RTNETLINK answers: Invalid argument");
        }
    }

    private static NetnsOp.VethEnd end(LinkRequest r, Long mac) {
        return new NetnsOp.VethEnd(r.name, r.netns, mac, r.mtu, r.qlen, null, Boolean.TRUE.equals(r.up));
    }
}
