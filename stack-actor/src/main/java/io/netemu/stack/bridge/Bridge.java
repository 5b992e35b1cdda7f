package io.netemu.stack.bridge;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forwarding database and port list of one bridge device (net/bridge/br_fdb.c, the
 * forwarding decision of br_handle_frame_finish). STP off and no VLAN filtering, so a port is
 * either forwarding or disabled and entries are keyed by MAC alone. Expired entries are removed
 * lazily, when next looked at, which is when br_fdb_cleanup would have removed them.
 */
public final class Bridge {
    /** The default ageing_time, 300 s (BR_DEFAULT_AGEING_TIME). */
    public static final long DEFAULT_AGEING_NANOS = 300_000_000_000L;
    /** {@link #lookup}: the destination is unknown or a group address: flood. */
    public static final int FLOOD = 0;
    /** {@link #lookup}: the destination is one of the bridge's own addresses: deliver up. */
    public static final int LOCAL = -1;

    private static final class Fdb {
        final long mac;
        int port;
        final boolean local;
        final boolean isStatic;
        long updated;
        long used;

        Fdb(long mac, int port, boolean local, long now) {
            this.mac = mac;
            this.port = port;
            this.local = local;
            this.isStatic = local;
            this.updated = now;
            this.used = now;
        }
    }

    private static final class Port {
        long mac;
        boolean forwarding = true;

        Port(long mac) { this.mac = mac; }
    }

    private final int brIfindex;
    private long brMac;
    private long ageing = DEFAULT_AGEING_NANOS;
    /** The latest time any call brought: local entries made by port events carry it. */
    private long lastNow;
    /** Oldest first; Linux keeps fdb_list newest first (hlist_add_head), so listings reverse it. */
    private final LinkedHashMap<Long, Fdb> fdb = new LinkedHashMap<>();
    private final LinkedHashMap<Integer, Port> ports = new LinkedHashMap<>();

    public Bridge(int brIfindex, long brMac) {
        this.brIfindex = brIfindex;
        this.brMac = brMac;
        addLocal(0, brMac, 0);
    }

    public int ifindex() { return brIfindex; }
    public long mac() { return brMac; }

    /** br_add_if: the port's address becomes a local entry (fdb_add_local). Ports start forwarding. */
    public void portAdded(int ifindex, long portMac) {
        ports.put(ifindex, new Port(portMac));
        addLocal(ifindex, portMac, lastNow);
    }

    /** br_del_if: every entry of the port goes (br_fdb_delete_by_port, do_all); a local address another port or the bridge shares moves there. */
    public void portRemoved(int ifindex) {
        for (Fdb f : List.copyOf(fdb.values())) {
            if (f.port == ifindex) {
                if (f.local) {
                    deleteLocal(ifindex, f);
                } else {
                    fdb.remove(f.mac);
                }
            }
        }
        ports.remove(ifindex);
    }

    /** A port's address changed (br_fdb_changeaddr). */
    public void portMacChanged(int ifindex, long newMac) {
        Port p = ports.get(ifindex);
        if (p == null) {
            return;
        }
        p.mac = newMac;
        for (Fdb f : List.copyOf(fdb.values())) {
            if (f.port == ifindex && f.local) {
                deleteLocal(ifindex, f);
                break;
            }
        }
        addLocal(ifindex, newMac, lastNow);
    }

    /** The bridge device's address changed (br_fdb_change_mac_address). */
    public void bridgeMacChanged(long newMac) {
        Fdb f = fdb.get(brMac);
        if (f != null && f.local && f.port == 0) {
            deleteLocal(0, f);
        }
        brMac = newMac;
        addLocal(0, newMac, lastNow);
    }

    /**
     * The port went forwarding (bridge up, port up with carrier) or disabled (br_stp_disable_port:
     * its learned entries are flushed, br_fdb_delete_by_port without do_all).
     */
    public void setPortEnabled(int ifindex, boolean enabled) {
        Port p = ports.get(ifindex);
        if (p == null) {
            return;
        }
        p.forwarding = enabled;
        if (!enabled) {
            fdb.values().removeIf(f -> f.port == ifindex && !f.isStatic);
        }
    }

    public boolean isPortForwarding(int ifindex) {
        Port p = ports.get(ifindex);
        return p != null && p.forwarding;
    }

    /** The ports, in the order they were added. */
    public List<Integer> ports() { return List.copyOf(ports.keySet()); }

    /** Where br_flood sends a frame that came in on {@code ingress}: every other forwarding port, newest first as br->port_list holds them. */
    public List<Integer> floodPorts(int ingress) {
        List<Integer> out = new ArrayList<>(ports.size());
        for (Map.Entry<Integer, Port> e : ports.sequencedEntrySet().reversed()) {
            if (e.getKey() != ingress && e.getValue().forwarding) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * br_fdb_update: {@code srcMac} was seen as the source of a frame on {@code port}. Group and
     * zero sources (which br_handle_frame drops) and the bridge's own addresses are not learned;
     * nothing is learned with an ageing time of 0. A known address moves to the new port.
     */
    public void learn(int port, long srcMac, long now) {
        if (!validSource(srcMac) || ageing == 0 || !ports.containsKey(port)) {
            return;
        }
        Fdb f = live(srcMac, now);
        if (f == null) {
            fdb.put(srcMac, new Fdb(srcMac, port, false, now));
        } else if (!f.local) {
            f.updated = now;
            f.port = port;
        }
    }

    /** br_fdb_find_rcu for a frame to {@code dstMac}: the port ifindex, {@link #FLOOD} (unknown or group address) or {@link #LOCAL}. */
    public int lookup(long dstMac, long now) {
        if (isGroup(dstMac)) {
            return FLOOD;
        }
        Fdb f = live(dstMac, now);
        if (f == null) {
            return FLOOD;
        }
        if (f.local) {
            return LOCAL;
        }
        f.used = now;
        return f.port;
    }

    /** True when {@code mac} is one of the bridge's own (local) addresses. */
    public boolean isLocal(long mac) {
        Fdb f = fdb.get(mac);
        return f != null && f.local;
    }

    public long ageingNanos() { return ageing; }

    /** {@code ip link set BR type bridge ageing_time T}: 0 disables learning (everything floods). */
    public void setAgeing(long nanos) { this.ageing = nanos; }

    /** br_fdb_flush: every learned entry goes. */
    public void flush() {
        fdb.values().removeIf(f -> !f.isStatic);
    }

    /** The live entries, newest first as {@code bridge fdb show} lists them. */
    public List<FdbEntry> entries(long now) {
        lastNow = Math.max(lastNow, now);
        List<FdbEntry> out = new ArrayList<>(fdb.size());
        for (Iterator<Fdb> it = fdb.sequencedValues().reversed().iterator(); it.hasNext(); ) {
            Fdb f = it.next();
            if (expired(f, now)) {
                it.remove();
            } else {
                out.add(new FdbEntry(f.mac, f.port, f.local, f.isStatic, f.updated, f.used));
            }
        }
        return out;
    }

    /** is_valid_ether_addr: neither a group address nor all zeros. */
    public static boolean validSource(long mac) {
        return mac != 0 && !isGroup(mac);
    }

    private static boolean isGroup(long mac) {
        return (mac & (1L << 40)) != 0;
    }

    private boolean expired(Fdb f, long now) {
        return !f.isStatic && now - f.updated >= ageing;
    }

    private Fdb live(long mac, long now) {
        lastNow = Math.max(lastNow, now);
        Fdb f = fdb.get(mac);
        if (f != null && expired(f, now)) {
            fdb.remove(mac);
            return null;
        }
        return f;
    }

    /** fdb_add_local: the first port with an address keeps its entry; a learned entry for it is replaced. */
    private void addLocal(int port, long mac, long now) {
        if (!validSource(mac)) {
            return;
        }
        Fdb f = fdb.get(mac);
        if (f != null) {
            if (f.local) {
                return;
            }
            fdb.remove(mac);
        }
        fdb.put(mac, new Fdb(mac, port, true, now));
    }

    /** fdb_delete_local: a local entry moves to another port (or the bridge) with the same address, else goes. */
    private void deleteLocal(int leaving, Fdb f) {
        for (Map.Entry<Integer, Port> e : ports.entrySet()) {
            if (e.getKey() != leaving && e.getValue().mac == f.mac) {
                f.port = e.getKey();
                return;
            }
        }
        if (leaving != 0 && brMac == f.mac) {
            f.port = 0;
            return;
        }
        fdb.remove(f.mac);
    }
}
