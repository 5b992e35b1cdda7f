package io.netemu.node.cmd.ip;

import io.netemu.node.bpf.NsXdp;
import io.netemu.node.bpf.XdpAttach;
import java.util.List;

/**
 * print_linkinfo and print_linkinfo_brief (ip/ipaddress.c, iproute2 6.1): the link part of
 * {@code ip link} and {@code ip addr}, text or JSON.
 *
 * <pre>
 * 2: eth0@if2: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1500 qdisc noqueue state UP mode DEFAULT ...
 *     link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff link-netns r1
 * </pre>
 */
final class LinkFormatter {
    private LinkFormatter() {}

    /**
     * One link. {@code doLink} is true for {@code ip link} (adds {@code mode}, the alias and
     * the counters); {@code family} decides whether {@code link/ether} is shown.
     */
    static void print(Printer p, LinkView v, IpCtx ctx, boolean doLink) {
        IpOptions o = ctx.opts();
        if (o.brief()) {
            brief(p, v, ctx.family() == IpCtx.PACKET);
            return;
        }
        p.anyNum("ifindex", v.ifindex(), v.ifindex() + ": ");
        boolean mdown = nameAndLink(p, v, "%s: ");
        flags(p, v, mdown);
        p.anyNum("mtu", v.d.mtu(), "mtu " + v.d.mtu() + " ");
        XdpAttach xdp = NsXdp.attached(v.ns, v.ifindex());
        LinkXdpPrint.afterMtu(p, xdp, doLink, o.details());
        p.any("qdisc", v.d.qdisc(), "qdisc " + v.d.qdisc() + " ");
        String master = v.masterName();
        if (master != null) {
            p.any("master", master, "master " + master + " ");
        }
        if (p.json()) {
            p.jsonStr("operstate", v.operstate());
        } else {
            p.fp("state " + v.operstate() + " ");
        }
        if (doLink) {
            p.any("linkmode", "DEFAULT", "mode DEFAULT ");
        }
        p.any("group", "default", "group default ");
        int qlen = v.d.txqueuelen();
        if (qlen != 0) {
            p.anyNum("txqlen", qlen, "qlen " + qlen);
        }
        if (ctx.family() == IpCtx.UNSPEC || ctx.family() == IpCtx.PACKET || o.details()) {
            p.nl();
            p.any("link_type", v.linkType(), "    link/" + v.linkType() + " ");
            p.any("address", v.address(), v.address());
            p.fp(" brd ");
            p.any("broadcast", v.broadcast(), v.broadcast());
        }
        Integer nsid = v.nsid();
        if (nsid != null) {
            if (p.json()) {
                p.jsonNum("link_netnsid", nsid);
            } else if (v.peerNetns() != null) {
                p.fp(" link-netns " + v.peerNetns());
            } else {
                p.fp(" link-netnsid " + nsid);
            }
        }
        if (o.details()) {
            LinkDetails.print(p, v, doLink);
        }
        String alias = v.d.alias();
        if ((doLink || o.details()) && alias != null && !alias.isEmpty()) {
            p.fp(p.sl() + "    ");
            p.any("ifalias", alias, "alias " + alias);
        }
        if (doLink || o.details()) {
            LinkXdpPrint.progLine(p, xdp, o.details());
        }
        if (doLink && o.stats() > 0) {
            p.nl();
            StatsFormatter.print(p, v.ns.stats(v.ifindex()), o.stats(), ctx.human(), ctx.iec());
        }
        p.fp("\n");
    }

    /** print_linkinfo_brief: name, state, and for {@code ip link} the address and flags. */
    static void brief(Printer p, LinkView v, boolean link) {
        boolean mdown = nameAndLink(p, v, "%-16s ");
        String st = v.operstate();
        p.any("operstate", st, String.format("%-14s ", st));
        if (link) {
            p.any("address", v.address(), v.address() + " ");
            flags(p, v, mdown);
            p.fp("\n");
        }
    }

    /**
     * print_name_and_link: {@code eth0@if7} (peer in another namespace: link_index),
     * {@code veth0@veth1} (peer here: link), {@code eth0@NONE}. Returns the M-DOWN mark.
     */
    private static boolean nameAndLink(Printer p, LinkView v, String fmt) {
        String name = v.name();
        boolean mdown = false;
        if (v.d.kind() == io.netemu.stack.dev.DevKind.VETH) {
            if (v.d.peerIfindex() == 0) {
                p.jsonNull("link");
                name = name + "@NONE";
            } else if (v.peerHere()) {
                String peer = v.peerDev() == null ? "if" + v.d.peerIfindex() : v.peerDev().name();
                p.jsonStr("link", peer);
                name = name + "@" + peer;
                mdown = v.mdown();
            } else {
                p.jsonNum("link_index", v.d.peerIfindex());
                name = name + "@if" + v.d.peerIfindex();
            }
        }
        p.any("ifname", v.name(), String.format(fmt, name));
        return mdown;
    }

    /** print_link_flags: {@code <NO-CARRIER,BROADCAST,MULTICAST,UP> }, or a JSON array. */
    static void flags(Printer p, LinkView v, boolean mdown) {
        List<String> f = v.flags();
        p.openArray("flags", "<");
        for (int i = 0; i < f.size(); i++) {
            p.any(null, f.get(i), i + 1 < f.size() ? f.get(i) + "," : f.get(i));
        }
        if (mdown) {
            p.any(null, "M-DOWN", ",M-DOWN");
        }
        p.closeArray("> ");
    }
}
