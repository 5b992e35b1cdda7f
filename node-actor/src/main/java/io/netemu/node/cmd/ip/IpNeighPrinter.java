package io.netemu.node.cmd.ip;

import io.netemu.node.cmd.LinkNames;
import io.netemu.node.cmd.json.JsonWriter;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.MacAddress;
import io.netemu.stack.NetNs;
import io.netemu.stack.neigh.NeighEntry;

/** One neighbour as iproute2 6.1's print_neigh / print_neigh_brief writes it, in text or JSON. */
final class IpNeighPrinter {
    private final IpOptions opts;
    private final NetNs ns;
    private final long now;
    /** The device filter: iproute2 leaves out "dev X" when it filters on a device. */
    private final boolean devFiltered;
    private final StringBuilder out;
    private final JsonWriter json;

    IpNeighPrinter(IpOptions opts, NetNs ns, long now, boolean devFiltered, StringBuilder out, boolean json) {
        this.opts = opts;
        this.ns = ns;
        this.now = now;
        this.devFiltered = devFiltered;
        this.out = out;
        this.json = json ? JsonWriter.escapingApostrophes(out, opts.pretty()) : null;
        if (this.json != null) {
            this.json.startArray();
        }
    }

    void print(NeighEntry e) {
        String dst = Ipv4Address.format(e.ip());
        String dev = LinkNames.name(ns, e.ifindex());
        String lladdr = e.hasLladdr() ? new MacAddress(e.mac()).toString() : null;
        if (json != null) {
            json(e, dst, dev, lladdr);
            return;
        }
        if (opts.brief()) {
            out.append(String.format("%-39s ", dst));
            if (!devFiltered) {
                out.append(String.format("%-16s ", dev));
            }
            if (lladdr != null) {
                out.append(lladdr);
            }
            out.append('\n');
            return;
        }
        out.append(dst).append(' ');
        if (!devFiltered) {
            out.append("dev ").append(dev).append(' ');
        }
        if (lladdr != null) {
            out.append("lladdr ").append(lladdr).append(' ');
        }
        if (opts.stats() > 0) {
            if (e.refcnt() != 0) {
                out.append(" ref ").append(e.refcnt());
            }
            out.append(" used ").append(secs(e.usedNanos())).append('/').append(secs(e.confirmedNanos()))
                    .append('/').append(secs(e.updatedNanos()));
            out.append("probes ").append(e.probes()).append(' ');
        }
        if (e.state().bits() != 0) {
            out.append(e.state().name()).append(' ');
        }
        out.append('\n');
    }

    private void json(NeighEntry e, String dst, String dev, String lladdr) {
        json.startObject();
        json.name("dst").string(dst);
        if (!devFiltered) {
            json.name("dev").string(dev);
        }
        if (lladdr != null) {
            json.name("lladdr").string(lladdr);
        }
        if (!opts.brief()) {
            if (opts.stats() > 0) {
                if (e.refcnt() != 0) {
                    json.name("refcnt").number(e.refcnt());
                }
                json.name("used").number(secs(e.usedNanos()));
                json.name("confirmed").number(secs(e.confirmedNanos()));
                json.name("updated").number(secs(e.updatedNanos()));
                json.name("probes").number(e.probes());
            }
            if (e.state().bits() != 0) {
                json.name("state").startArray().string(e.state().name()).endArray();
            }
        }
        json.endObject();
    }

    /** Closes the JSON array (new_json_obj / delete_json_obj); nothing for text. */
    void finish() {
        if (json != null) {
            json.endArray();
            json.finish();
        }
    }

    /** nda_cacheinfo times: clock ticks since {@code t}, shown in whole seconds. */
    private long secs(long t) {
        return Math.max(0, now - t) / 1_000_000_000L;
    }
}
