package io.netemu.node.cmd.bridge;

import static io.netemu.node.cmd.IprouteArgs.duparg;

import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.LinkNames;
import io.netemu.node.cmd.json.JsonWriter;
import io.netemu.stack.NetNs;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bridge link show}: brlink_show/print_linkinfo of iproute2 6.1 for every bridge port
 * (br_fill_ifinfo). STP is off, so a port forwards when the bridge is up and the port is up
 * with carrier, and is disabled otherwise; priority 32 and the cost br_if.c's port_cost gives
 * (2 for a veth's 10 Gb/s, 100 for devices without a speed).
 *
 * <p><b>Pitfall, as Linux:</b> the bridge message carries a veth's peer ifindex without its
 * namespace, so iproute2 names it after whatever device has that index <em>here</em>
 * ({@code p1@br0}), or {@code ifN} when none has, and adds M-DOWN when that device is down.
 */
final class BridgeLinkShow {
    private static final String DETAILS = "hairpin off guard off root_block off fastleave off learning on flood on "
            + "mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off neigh_suppress off vlan_tunnel off "
            + "isolated off locked off ";
    private static final String[] BOOL_DETAILS = {"hairpin", "guard", "root_block", "fastleave", "learning", "flood",
        "mcast_flood", "bcast_flood", "mcast_router", "mcast_to_unicast", "neigh_suppress", "vlan_tunnel", "isolated",
        "locked"};

    private final BridgeCommand.Opts opts;
    private final NetNs ns;

    BridgeLinkShow(BridgeCommand.Opts opts, NetNs ns) {
        this.opts = opts;
        this.ns = ns;
    }

    String run(List<String> argv) {
        String filter = null;
        for (IprouteArgs a = new IprouteArgs(argv); a.has(); a.skip()) {
            if (a.cur().equals("dev")) {
                String d = a.next();
                if (filter != null) {
                    throw duparg("dev", d);
                }
                filter = d;
            }
        }
        NetDev only = null;
        if (filter != null && (only = ns.devs().byName(filter)) == null) {
            throw BridgeCommand.nodev(filter);
        }
        StringBuilder out = new StringBuilder();
        JsonWriter json = opts.json() ? JsonWriter.escapingApostrophes(out, opts.pretty()).startArray() : null;
        for (NetDev d : ns.devs().all()) {
            if ((only != null && d != only) || d.master() == 0 || ns.bridge(d.master()) == null) {
                continue;
            }
            if (json != null) {
                json(json, d);
            } else {
                text(out, d);
            }
        }
        if (json != null) {
            json.endArray().finish();
        }
        return out.toString();
    }

    private void text(StringBuilder out, NetDev d) {
        out.append(d.ifindex()).append(": ").append(d.name());
        String link = link(d);
        if (link != null) {
            out.append('@').append(link);
        }
        out.append(": <").append(String.join(",", flags(d))).append("> ");
        out.append("mtu ").append(d.mtu()).append(' ');
        out.append("master ").append(LinkNames.name(ns, d.master())).append(' ');
        out.append("state ").append(state(d)).append(' ');
        out.append("priority 32 cost ").append(cost(d)).append(' ');
        if (opts.details() > 0) {
            out.append("\n    ").append(DETAILS);
        }
        out.append('\n');
    }

    private void json(JsonWriter j, NetDev d) {
        j.startObject();
        j.name("ifindex").number(d.ifindex());
        String link = link(d);
        if (link != null) {
            j.name("link").string(link);
        } else if (d.kind() == DevKind.VETH && d.peerIfindex() == 0) {
            j.name("link").nul();
        }
        j.name("ifname").string(d.name());
        j.name("flags").startArray();
        for (String f : flags(d)) {
            j.string(f);
        }
        j.endArray();
        j.name("mtu").number(d.mtu());
        j.name("master").string(LinkNames.name(ns, d.master()));
        j.name("state").string(state(d));
        j.name("priority").number(32);
        j.name("cost").number(cost(d));
        if (opts.details() > 0) {
            for (String k : BOOL_DETAILS) {
                if (k.equals("mcast_router")) {
                    j.name(k).number(1);
                } else {
                    j.name(k).bool(k.equals("learning") || k.endsWith("flood"));
                }
            }
        }
        j.endObject();
    }

    /** print_name_and_link: the name of the local device with the peer's index, ifN, or NONE for a veth without a peer. */
    private String link(NetDev d) {
        if (d.kind() != DevKind.VETH) {
            return null;
        }
        if (d.peerIfindex() == 0) {
            return opts.json() ? null : "NONE";
        }
        NetDev l = ns.devs().get(d.peerIfindex());
        return l == null ? "if" + d.peerIfindex() : l.name();
    }

    /** print_link_flags over dev_get_flags, with iproute2's M-DOWN for a local "link" device that is down. */
    private List<String> flags(NetDev d) {
        List<String> f = new ArrayList<>(6);
        if (d.adminUp() && !d.running()) {
            f.add("NO-CARRIER");
        }
        f.add("BROADCAST");
        f.add(d.kind() == DevKind.DUMMY ? "NOARP" : "MULTICAST");
        if (d.adminUp()) {
            f.add("UP");
            if (d.carrier()) {
                f.add("LOWER_UP");
            }
        }
        NetDev l = d.kind() == DevKind.VETH && d.peerIfindex() != 0 ? ns.devs().get(d.peerIfindex()) : null;
        if (l != null && !l.adminUp()) {
            f.add("M-DOWN");
        }
        return f;
    }

    private String state(NetDev d) {
        NetDev br = ns.devs().get(d.master());
        return br != null && br.adminUp() && d.adminUp() && d.carrier() ? "forwarding" : "disabled";
    }

    private static int cost(NetDev d) {
        return d.kind() == DevKind.VETH ? 2 : 100;
    }
}
