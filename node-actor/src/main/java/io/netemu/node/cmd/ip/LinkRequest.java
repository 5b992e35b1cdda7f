package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.NetDev;
import java.util.List;
import java.util.Set;

/**
 * What {@code ip link add|set|delete} asks for: iplink_parse (ip/iplink.c, iproute2 6.1), with
 * its messages and exit statuses. Options iproute2 knows but netemu does not emulate are
 * recognised and refused with exit 2 rather than mistaken for a device name.
 */
final class LinkRequest {
    /** Options of iplink_parse that take one argument and that netemu does not emulate. */
    private static final Set<String> UNSUPPORTED_WITH_ARG = Set.of(
            "index", "vf", "vrf", "link-netns", "link-netnsid", "gso_max_size", "gso_max_segs",
            "gro_max_size", "gso_ipv4_max_size", "gro_ipv4_max_size", "parentdev", "numtxqueues", "numrxqueues");
    private static final List<String> ON_OFF_FLAGS = List.of("multicast", "allmulticast", "promisc", "trailers");

    Boolean up;
    String name;
    String dev;
    byte[] address;
    Integer mtu;
    Integer qlen;
    /** The master's ifindex, 0 for {@code nomaster}, null when not given. */
    Integer master;
    String alias;
    /** {@code arp on} (true) or {@code arp off} (false). */
    Boolean arp;
    String type;
    List<String> typeArgs = List.of();
    /** {@code netns NAME|PID} as typed: resolved by the namespace actor, which alone knows the lab's names. */
    String netns;
    /** {@code promisc on|off}, {@code allmulticast on|off}; null when not given. */
    Boolean promisc;
    Boolean allmulti;
    /** {@code xdp... off|obj FILE|pinned PATH}; null when not given. */
    XdpArgs xdp;

    /** iplink_parse plus the checks iplink_modify makes before talking to the kernel. */
    static LinkRequest parse(IprouteArgs a, NetNs ns, boolean create) {
        LinkRequest r = new LinkRequest();
        boolean devIsName = false;
        while (a.has()) {
            String w = a.cur();
            if (w.equals("up") || w.equals("down")) {
                r.up = w.equals("up");
            } else if (w.equals("name")) {
                String v = a.next();
                if (r.name != null) {
                    throw IprouteArgs.duparg("name", v);
                }
                if (!IpParse.validIfname(v)) {
                    throw IprouteArgs.invarg("\"name\" not a valid ifname", v);
                }
                r.name = v;
                if (r.dev == null) {
                    r.dev = v;
                    devIsName = true;
                }
            } else if (w.equals("netns")) {
                String v = a.next();
                if (r.netns != null) {
                    throw IprouteArgs.duparg("netns", v);
                }
                r.netns = v;
            } else if (UNSUPPORTED_WITH_ARG.contains(w) || IprouteArgs.matches(w, "link") && !w.startsWith("link-")) {
                a.next();
                throw IpCommand.unsupported("\"ip link " + w + "\"");
            } else if (IprouteArgs.matches(w, "address")) {
                r.address = IpParse.lladdr(a.next());
            } else if (IprouteArgs.matches(w, "broadcast") || w.equals("brd")) {
                IpParse.lladdr(a.next());
                throw IpCommand.unsupported("setting a link's broadcast address");
            } else if (IprouteArgs.matches(w, "txqueuelen") || w.equals("qlen") || IprouteArgs.matches(w, "txqlen")) {
                String v = a.next();
                if (r.qlen != null) {
                    throw IprouteArgs.duparg("txqueuelen", v);
                }
                r.qlen = IpParse.integer(v);
                if (r.qlen == null) {
                    throw IprouteArgs.invarg("Invalid \"txqueuelen\" value\n", v);
                }
            } else if (w.equals("mtu")) {
                String v = a.next();
                if (r.mtu != null) {
                    throw IprouteArgs.duparg("mtu", v);
                }
                r.mtu = IpParse.integer(v);
                if (r.mtu == null) {
                    throw IprouteArgs.invarg("Invalid \"mtu\" value\n", v);
                }
            } else if (XdpArgs.isKeyword(w)) {
                r.xdp = XdpArgs.parse(a);
            } else if (w.equals("inet") || w.startsWith("xdp")) {
                throw IpCommand.unsupported("\"ip link set ... " + w + "\"");
            } else if (ON_OFF_FLAGS.contains(w) || w.equals("arp") || IprouteArgs.matches(w, "dynamic")) {
                String v = a.next();
                String flag = IprouteArgs.matches(w, "dynamic") ? "dynamic" : w;
                if (!v.equals("on") && !v.equals("off")) {
                    throw onOff(flag, v);
                }
                switch (flag) {
                    case "arp" -> r.arp = v.equals("on");
                    case "promisc" -> r.promisc = v.equals("on");
                    case "allmulticast" -> r.allmulti = v.equals("on");
                    default -> throw IpCommand.unsupported("\"" + flag + " " + v + "\"");
                }
            } else if (w.equals("carrier") || w.equals("protodown")) {
                String v = a.next();
                if (!IprouteArgs.matches(v, "on") && !IprouteArgs.matches(v, "off")) {
                    // parse_on_off returns -EINVAL, which do_cmd negates into exit status 22
                    throw new CommandExit(22, "Error: argument of \"" + w + "\" must be one of \"off\", \"on\", not \""
                            + v + "\"");
                }
                throw IpCommand.unsupported("\"" + w + " " + v + "\"");
            } else if (IprouteArgs.matches(w, "master")) {
                String v = a.next();
                NetDev m = ns.devs().byName(v);
                if (m == null) {
                    throw IprouteArgs.invarg("Device does not exist\n", v);
                }
                r.master = m.ifindex();
            } else if (IprouteArgs.matches(w, "nomaster")) {
                r.master = 0;
            } else if (IprouteArgs.matches(w, "type")) {
                r.type = a.next();
                a.skip();
                r.typeArgs = List.copyOf(a.rest());
                break;
            } else if (IprouteArgs.matches(w, "alias")) {
                String v = a.next();
                if (v.length() >= 256) {
                    throw IprouteArgs.invarg("alias too long\n", v);
                }
                r.alias = v;
            } else if (w.equals("group") || w.equals("mode") || w.equals("state")
                    || IprouteArgs.matches(w, "addrgenmode") || w.equals("protodown_reason")) {
                r.noop(w, a.next());
            } else {
                if (IprouteArgs.matches(w, "help")) {
                    throw CommandExit.usage(IpUsage.LINK);
                }
                if (w.equals("dev")) {
                    w = a.next();
                }
                if (r.dev != null && !devIsName) {
                    throw IprouteArgs.duparg2("dev", w);
                }
                if (!IpParse.validAltIfname(w)) {
                    throw IprouteArgs.invarg("\"dev\" not a valid ifname", w);
                }
                r.dev = w;
                devIsName = false;
            }
            a.skip();
        }
        if (r.name == null) {
            r.name = r.dev;
        } else if (r.dev == null) {
            r.dev = r.name;
        }
        if (!create && r.dev != null && r.address != null && ns.devs().byName(r.dev) != null
                && r.address.length != 6) {
            throw CommandExit.fail("Invalid address length " + r.address.length + " - must be 6 bytes");
        }
        if (!create && r.dev == null) {
            throw CommandExit.usage("Not enough information: \"dev\" argument is required.");
        }
        if (create && r.name != null && !r.name.equals(r.dev)) {
            throw CommandExit.usage("both \"name\" and \"dev\" cannot be used when creating devices.");
        }
        return r;
    }

    /** Settings whose default netemu always has: accepted when they ask for it, refused otherwise. */
    private void noop(String key, String v) {
        boolean isDefault = switch (key) {
            case "group" -> v.equals("default") || v.equals("0");
            case "mode" -> v.equalsIgnoreCase("default");
            case "addrgenmode" -> v.equalsIgnoreCase("eui64");
            default -> false;
        };
        if (!isDefault) {
            throw IpCommand.unsupported("\"" + key + " " + v + "\"");
        }
    }

    /** The device to act on, or iproute2's "Cannot find device" (exit 1). */
    NetDev device(NetNs ns) {
        NetDev d = ns.devs().byName(dev);
        if (d == null) {
            throw IprouteArgs.nodev(dev);
        }
        return d;
    }

    /** A rename was asked for (name given and not the device's own). */
    boolean renames() { return name != null && !name.equals(dev); }

    /** on_off() in iplink.c: returns -1, so exit status 1. */
    private static CommandExit onOff(String msg, String val) {
        return CommandExit.fail("Error: argument of \"" + msg + "\" must be \"on\" or \"off\", not \"" + val + "\"");
    }
}
