package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.LinkNames;
import io.netemu.node.cmd.ip.IpRouteMsg.Nh;
import io.netemu.node.cmd.json.JsonWriter;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.NetNs;
import io.netemu.stack.route.RouteProtocol;
import io.netemu.stack.route.RouteTable;
import io.netemu.stack.route.RouteType;
import io.netemu.stack.dev.Scope;
import java.util.ArrayList;
import java.util.List;

/** iproute.c's print_route (with print_rt_flags, print_cache_flags, print_rta_multipath), as text or as JSON. */
final class IpRoutePrint {
    private static final int[] CACHE_BITS = {0x8000_0000, 0x4000_0000, 0x2000_0000, 0x1000_0000, 0x0800_0000,
        0x0080_0000, 0x0040_0000, 0x0002_0000, 0x0400_0000, 0x0004_0000, 0x0100_0000, 0x0020_0000, 0x0001_0000,
        0x0008_0000};
    private static final String[] CACHE_NAMES = {"local", "reject", "mc", "brd", "dst-nat", "src-nat", "masq",
        "dst-direct", "src-direct", "redirected", "redirect", "fastroute", "notify", "proxy"};

    private final NetNs ns;
    private final IpOptions opts;
    private final IpRouteFilter f;

    IpRoutePrint(NetNs ns, IpOptions opts, IpRouteFilter f) {
        this.ns = ns;
        this.opts = opts;
        this.f = f;
    }

    /** The route as one text line (plus {@code cache} and {@code nexthop} lines), trailing spaces and all. */
    void text(StringBuilder o, IpRouteMsg m) {
        boolean details = opts.details();
        String sl = opts.oneline() ? "\\" : "\n";
        if (showType(m)) {
            o.append(RouteType.name(m.type())).append(' ');
        }
        o.append(dst(m)).append(' ');
        if (m.hasSrc()) {
            o.append("from ").append(addrLen(m.src(), m.srcLen())).append(' ');
        }
        if (m.tos() != 0 && f.tosmask != -1) {
            o.append("tos ").append(IpRouteArgs.dsfieldName(m.tos())).append(' ');
        }
        if (m.gateway() != 0 && f.rviaBits() != 32) {
            o.append("via ").append(Ipv4Address.format(m.gateway())).append(' ');
        }
        if (m.oif() != 0 && f.oifmask != -1) {
            o.append("dev ").append(LinkNames.name(ns, m.oif())).append(' ');
        }
        if (m.table() != 0 && (m.table() != RouteTable.MAIN || details) && f.tb == 0) {
            o.append("table ").append(RouteTable.name(m.table())).append(' ');
        }
        if (!m.cloned()) {
            if ((m.protocol() != RouteProtocol.BOOT || details) && f.protocolmask != -1) {
                o.append("proto ").append(RouteProtocol.name(m.protocol())).append(' ');
            }
            if ((m.scope() != Scope.UNIVERSE || details) && f.scopemask != -1) {
                o.append("scope ").append(Scope.name(m.scope())).append(' ');
            }
        }
        if (m.prefsrc() != 0 && f.rprefsrcBits() != 32) {
            o.append("src ").append(Ipv4Address.format(m.prefsrc())).append(' ');
        }
        if (m.metric() != 0 && f.metricmask != -1) {
            o.append("metric ").append(Integer.toUnsignedString(m.metric())).append(' ');
        }
        for (String fl : flags(m.flags())) {
            o.append(fl).append(' ');
        }
        if (m.uid() >= 0) {
            o.append("uid ").append(m.uid()).append(' ');
        }
        if (m.cloned()) {
            o.append(sl).append("    cache ");
            List<String> c = cache(m.cacheFlags());
            if (!c.isEmpty()) {
                o.append('<').append(String.join(",", c)).append("> ");
            }
        }
        if (m.iif() != 0 && f.iifmask != -1) {
            o.append("iif ").append(LinkNames.name(ns, m.iif())).append(' ');
        }
        for (Nh nh : m.nexthops()) {
            o.append(sl).append("\tnexthop ");
            if (nh.gateway() != 0) {
                o.append("via ").append(Ipv4Address.format(nh.gateway())).append(' ');
            }
            o.append("dev ").append(LinkNames.name(ns, nh.ifindex())).append(' ');
            o.append("weight ").append(nh.weight()).append(' ');
            for (String fl : flags(nh.flags())) {
                o.append(fl).append(' ');
            }
        }
        o.append('\n');
    }

    /** The same route as one JSON object, keys in print order. */
    void json(JsonWriter j, IpRouteMsg m) {
        boolean details = opts.details();
        j.startObject();
        if (showType(m)) {
            j.name("type").string(RouteType.name(m.type()));
        }
        j.name("dst").string(dst(m));
        if (m.hasSrc()) {
            j.name("from").string(addrLen(m.src(), m.srcLen()));
        }
        if (m.tos() != 0 && f.tosmask != -1) {
            j.name("tos").string(IpRouteArgs.dsfieldName(m.tos()));
        }
        if (m.gateway() != 0 && f.rviaBits() != 32) {
            j.name("gateway").string(Ipv4Address.format(m.gateway()));
        }
        if (m.oif() != 0 && f.oifmask != -1) {
            j.name("dev").string(LinkNames.name(ns, m.oif()));
        }
        if (m.table() != 0 && (m.table() != RouteTable.MAIN || details) && f.tb == 0) {
            j.name("table").string(RouteTable.name(m.table()));
        }
        if (!m.cloned()) {
            if ((m.protocol() != RouteProtocol.BOOT || details) && f.protocolmask != -1) {
                j.name("protocol").string(RouteProtocol.name(m.protocol()));
            }
            if ((m.scope() != Scope.UNIVERSE || details) && f.scopemask != -1) {
                j.name("scope").string(Scope.name(m.scope()));
            }
        }
        if (m.prefsrc() != 0 && f.rprefsrcBits() != 32) {
            j.name("prefsrc").string(Ipv4Address.format(m.prefsrc()));
        }
        if (m.metric() != 0 && f.metricmask != -1) {
            j.name("metric").number(Integer.toUnsignedLong(m.metric()));
        }
        flagsJson(j, m.flags());
        if (m.uid() >= 0) {
            j.name("uid").number(m.uid());
        }
        if (m.cloned()) {
            j.name("cache").startArray();
            for (String c : cache(m.cacheFlags())) {
                j.string(c);
            }
            j.endArray();
        }
        if (m.iif() != 0 && f.iifmask != -1) {
            j.name("iif").string(LinkNames.name(ns, m.iif()));
        }
        if (!m.nexthops().isEmpty()) {
            j.name("nexthops").startArray();
            for (Nh nh : m.nexthops()) {
                j.startObject();
                if (nh.gateway() != 0) {
                    j.name("gateway").string(Ipv4Address.format(nh.gateway()));
                }
                j.name("dev").string(LinkNames.name(ns, nh.ifindex()));
                j.name("weight").number(nh.weight());
                flagsJson(j, nh.flags());
                j.endObject();
            }
            j.endArray();
        }
        j.endObject();
    }

    private boolean showType(IpRouteMsg m) {
        return (m.type() != RouteType.UNICAST || opts.details()) && (f.typemask == 0 || (f.typemask & (1L << m.type())) != 0);
    }

    private static String dst(IpRouteMsg m) {
        return m.hasDst() ? addrLen(m.dst(), m.dstLen()) : "default";
    }

    private static String addrLen(int a, int len) {
        return len != 32 ? Ipv4Address.format(a) + "/" + len : Ipv4Address.format(a);
    }

    private static void flagsJson(JsonWriter j, int flags) {
        j.name("flags").startArray();
        for (String fl : flags(flags)) {
            j.string(fl);
        }
        j.endArray();
    }

    /** print_rt_flags, in its order. */
    private static List<String> flags(int flags) {
        List<String> out = new ArrayList<>(2);
        if ((flags & IpRouteMsg.RTNH_F_DEAD) != 0) {
            out.add("dead");
        }
        if ((flags & IpRouteMsg.RTNH_F_ONLINK) != 0) {
            out.add("onlink");
        }
        if ((flags & IpRouteMsg.RTNH_F_PERVASIVE) != 0) {
            out.add("pervasive");
        }
        if ((flags & IpRouteMsg.RTNH_F_LINKDOWN) != 0) {
            out.add("linkdown");
        }
        return out;
    }

    /** print_cache_flags: the RTCF_* names, in PRTFL order. */
    private static List<String> cache(int flags) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < CACHE_BITS.length; i++) {
            if ((flags & CACHE_BITS[i]) != 0) {
                out.add(CACHE_NAMES[i]);
            }
        }
        return out;
    }
}
