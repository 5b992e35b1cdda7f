package io.netemu.node.cmd.bridge;

import static io.netemu.node.cmd.IprouteArgs.duparg;
import static io.netemu.node.cmd.IprouteArgs.invarg;
import static io.netemu.node.cmd.IprouteArgs.matchesOrEmpty;

import io.netemu.node.cmd.CommandExit;
import io.netemu.node.cmd.IprouteArgs;
import io.netemu.node.cmd.LinkNames;
import io.netemu.node.cmd.json.JsonWriter;
import io.netemu.packet.wire.MacAddress;
import io.netemu.stack.NetNs;
import io.netemu.stack.bridge.Bridge;
import io.netemu.stack.bridge.FdbEntry;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bridge fdb show}: fdb_show/print_fdb of iproute2 6.1 over what rtnl_fdb_dump returns:
 * device by device in ifindex order, a port's bridge entries (br_fdb_dump, newest first), then
 * the device's own address-list entries (ndo_dflt_fdb_dump; for a bridge, then its own entries).
 *
 * <p>The address lists are those of Linux with IPv6 disabled: every Ethernet device holds
 * 33:33:00:00:00:01; an up device joins 01:00:5e:00:00:01 (IGMP all-hosts); an up bridge first
 * joins the multicast-router-discovery groups 01:00:5e:00:00:6a and 33:33:00:00:00:6a.
 */
final class BridgeFdbShow {
    private static final long ALL_NODES6 = 0x3333_0000_0001L;
    private static final long ALL_HOSTS4 = 0x0100_5e00_0001L;
    private static final long MRD4 = 0x0100_5e00_006aL;
    private static final long MRD6 = 0x3333_0000_006aL;
    private static final int NUD_REACHABLE = 0x02;
    private static final int NUD_NOARP = 0x40;
    private static final int NUD_PERMANENT = 0x80;

    /** One line of the dump: an fdb neighbour message. */
    private record Msg(long mac, NetDev dev, boolean self, String master, int state, FdbEntry entry) {}

    private final BridgeCommand.Opts opts;
    private final NetNs ns;
    private final long now;

    BridgeFdbShow(BridgeCommand.Opts opts, NetNs ns, long now) {
        this.opts = opts;
        this.ns = ns;
        this.now = now;
    }

    String run(List<String> argv) {
        String filterDev = null;
        String br = null;
        int vlan = 0;
        int state = 0;
        boolean dynamic = false;
        for (IprouteArgs a = new IprouteArgs(argv); a.has(); a.skip()) {
            String w = a.cur();
            if (w.equals("brport") || w.equals("dev")) {
                filterDev = a.next();
            } else if (w.equals("br")) {
                br = a.next();
            } else if (w.equals("vlan")) {
                String v = a.next();
                if (vlan != 0) {
                    throw duparg("vlan", v);
                }
                vlan = atoi(v);
            } else if (w.equals("state")) {
                String v = a.next();
                int s = state(v);
                if (s == 0) {
                    throw invarg("invalid state", v);
                }
                state |= s;
            } else if (w.equals("dynamic")) {
                dynamic = true;
            } else if (matchesOrEmpty(w, "help")) {
                throw new CommandExit(255, BridgeUsage.FDB);
            }
        }
        NetDev brDev = null;
        if (br != null && (brDev = ns.devs().byName(br)) == null) {
            throw new CommandExit(255, "Cannot find bridge device \"" + br + "\"\n");
        }
        NetDev only = null;
        if (filterDev != null && (only = ns.devs().byName(filterDev)) == null) {
            throw BridgeCommand.nodev(filterDev);
        }
        StringBuilder out = new StringBuilder();
        JsonWriter json = opts.json() ? JsonWriter.escapingApostrophes(out, opts.pretty()).startArray() : null;
        for (Msg m : dump(brDev, only)) {
            if ((state != 0 && (m.state & state) == 0) || (vlan != 0)
                    || (dynamic && (m.state & (NUD_PERMANENT | NUD_NOARP)) != 0)) {
                continue;
            }
            if (json != null) {
                json(json, m, only != null);
            } else {
                text(out, m, only != null);
            }
        }
        if (json != null) {
            json.endArray().finish();
        }
        return out.toString();
    }

    /** rtnl_fdb_dump with its {@code br} (IFLA_MASTER) and {@code brport} (ifi_index) filters. */
    private List<Msg> dump(NetDev brDev, NetDev only) {
        List<Msg> out = new ArrayList<>();
        for (NetDev d : ns.devs().all()) {
            if (only != null && d != only) {
                continue;
            }
            Bridge master = d.master() == 0 ? null : ns.bridge(d.master());
            boolean isBridge = ns.bridge(d.ifindex()) != null;
            if (brDev != null && ((d != brDev && master == null) || (d.master() != brDev.ifindex() && !isBridge))) {
                continue;
            }
            if (master != null) {
                masterEntries(out, master, d, d.ifindex());
            }
            if (d.kind() == DevKind.LOOPBACK) {
                continue;
            }
            for (long mac : addressList(d)) {
                out.add(new Msg(mac, d, true, null, NUD_PERMANENT, null));
            }
            Bridge own = ns.bridge(d.ifindex());
            if (own != null) {
                masterEntries(out, own, d, 0);
            }
        }
        return out;
    }

    private void masterEntries(List<Msg> out, Bridge b, NetDev dev, int port) {
        String name = LinkNames.name(ns, b.ifindex());
        for (FdbEntry e : b.entries(now)) {
            if (e.port() == port) {
                int st = e.local() ? NUD_PERMANENT : e.isStatic() ? NUD_NOARP : NUD_REACHABLE;
                out.add(new Msg(e.mac(), dev, false, name, st, e));
            }
        }
    }

    /** The device's multicast list (dev->mc), see the class comment. */
    static List<Long> addressList(NetDev d) {
        List<Long> l = new ArrayList<>(4);
        l.add(ALL_NODES6);
        if (d.adminUp()) {
            if (d.kind() == DevKind.BRIDGE) {
                l.add(MRD4);
                l.add(MRD6);
            }
            l.add(ALL_HOSTS4);
        }
        return l;
    }

    private void text(StringBuilder out, Msg m, boolean devFiltered) {
        out.append(new MacAddress(m.mac)).append(' ');
        if (!devFiltered) {
            out.append("dev ").append(m.dev.name()).append(' ');
        }
        if (opts.stats() > 0 && m.entry != null) {
            out.append("used ").append(secs(m.entry.usedNanos())).append('/').append(secs(m.entry.updatedNanos()))
                    .append(' ');
        }
        if (m.self) {
            out.append("self ");
        }
        if (m.master != null) {
            out.append("master ").append(m.master).append(' ');
        }
        out.append(stateName(m.state)).append('\n');
    }

    private void json(JsonWriter j, Msg m, boolean devFiltered) {
        j.startObject();
        j.name("mac").string(new MacAddress(m.mac).toString());
        if (!devFiltered) {
            j.name("ifname").string(m.dev.name());
        }
        if (opts.stats() > 0 && m.entry != null) {
            j.name("used").number(secs(m.entry.usedNanos()));
            j.name("updated").number(secs(m.entry.updatedNanos()));
        }
        j.name("flags").startArray();
        if (m.self) {
            j.string("self");
        }
        j.endArray();
        if (m.master != null) {
            j.name("master").string(m.master);
        }
        j.name("state").string(stateName(m.state));
        j.endObject();
    }

    /** state_n2a. */
    private static String stateName(int s) {
        if ((s & NUD_PERMANENT) != 0) {
            return "permanent";
        }
        return (s & NUD_NOARP) != 0 ? "static" : "";
    }

    /** state_a2n: permanent, static|temp, stale, reachable|dynamic, all, or a number; 0 if none. */
    private static int state(String s) {
        if (matchesOrEmpty(s, "permanent")) {
            return NUD_PERMANENT;
        } else if (matchesOrEmpty(s, "static") || matchesOrEmpty(s, "temp")) {
            return NUD_NOARP;
        } else if (matchesOrEmpty(s, "stale")) {
            return 0x04;
        } else if (matchesOrEmpty(s, "reachable") || matchesOrEmpty(s, "dynamic")) {
            return NUD_REACHABLE;
        } else if (s.equals("all")) {
            return ~0;
        }
        try {
            return Integer.decode(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private long secs(long t) {
        return Math.max(0, now - t) / 1_000_000_000L;
    }

    /** atoi: leading digits, 0 if none. */
    private static int atoi(String s) {
        int v = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)) && v < 100_000; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
