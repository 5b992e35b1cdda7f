package io.netemu.stack;

import io.netemu.stack.bridge.Bridge;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.DevStats;
import io.netemu.stack.dev.DevTable;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.InetAddrs;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.neigh.NeighTable;
import io.netemu.stack.netfilter.Netfilter;
import io.netemu.stack.route.Fib;
import io.netemu.stack.route.FibFrontend;
import io.netemu.stack.sys.KernelLog;
import io.netemu.stack.sys.Sysctls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of one network namespace (Linux's {@code struct net}): devices, addresses,
 * FIB, neighbours, bridges and sysctls, kept consistent as the kernel keeps them (an address
 * brings its connected and local routes, a device going down takes its routes with it).
 * Plain state, owned by one namespace actor; the data path reads it.
 */
public final class NetNs {
    private final String name;
    private final DevTable devs = new DevTable();
    private final InetAddrs addrs = new InetAddrs();
    private final Fib fib = new Fib();
    private final NeighTable neigh;
    private final Sysctls sysctl = new Sysctls();
    private final Map<Integer, Bridge> bridges = new HashMap<>(2);
    private final Map<Integer, DevStats> stats = new HashMap<>(4);
    private final Map<Integer, java.util.List<io.netemu.stack.dev.QueueStats>> queueStats = new HashMap<>(4);
    private final List<DevEffect> effects = new ArrayList<>(2);
    private final Map<Integer, io.netemu.device.qdisc.QdiscStats> qdiscStats = new HashMap<>(4);
    /** The next qdisc handle major to hand out (the kernel's qdisc_alloc_handle: 8001:, 8002:, ...). */
    private int nextQdiscHandle = 0x8001;
    private final Netfilter netfilter = new Netfilter();
    private final KernelLog klog = new KernelLog();
    private final NetnsIds netnsIds = new NetnsIds();
    /** Per-namespace state of optional subsystems (iptables tables, nft rulesets...), created on first use. */
    private final Map<Class<?>, Object> attachments = new HashMap<>(2);
    /** Packets that waited for ARP on a device that went down or lost carrier: dropped (NEIGH_DEAD). */
    private long flushedQueued;

    /** A lab node's namespace: {@code lo} up with 127.0.0.1/8 (topology-format.md "Boot"). */
    public NetNs(String name) {
        this(name, true);
    }

    /**
     * A namespace; {@code loUp == false} is a fresh one as {@code ip netns add} makes it:
     * {@code lo} down, no address until it is brought up.
     */
    public NetNs(String name, boolean loUp) {
        this.name = name;
        this.neigh = new NeighTable(sysctl);
        fib.setLinkState(new Fib.LinkState() {
            @Override
            public boolean carrier(int ifindex) {
                NetDev d = devs.get(ifindex);
                return d == null || d.carrier();
            }

            @Override
            public boolean ignoreRoutesWithLinkdown(int ifindex) {
                NetDev d = devs.get(ifindex);
                return d != null && sysctl.confOr(d.name(), "ignore_routes_with_linkdown");
            }
        });
        NetDev lo = devs.create("lo", DevKind.LOOPBACK, 0L, 65536);
        sysctl.deviceAdded("lo");
        if (loUp) {
            linkSetUp(lo, true);
        }
    }

    public String name() { return name; }
    public DevTable devs() { return devs; }
    public InetAddrs addrs() { return addrs; }
    public Fib fib() { return fib; }
    public NeighTable neigh() { return neigh; }
    public Sysctls sysctl() { return sysctl; }
    public Bridge bridge(int ifindex) { return bridges.get(ifindex); }
    public Netfilter netfilter() { return netfilter; }
    public KernelLog klog() { return klog; }
    public NetnsIds netnsIds() { return netnsIds; }

    /**
     * The namespace's instance of an optional subsystem, created by {@code create} on first use,
     * as a kernel module's per-netns state (net_generic) is: namespaces that never use iptables
     * or nft carry nothing for them.
     */
    public <T> T attachment(Class<T> type, java.util.function.Supplier<T> create) {
        Object o = attachments.get(type);
        if (o == null) {
            o = create.get();
            attachments.put(type, o);
        }
        return type.cast(o);
    }

    /** The instance if it exists, else null. */
    public <T> T attachmentIfPresent(Class<T> type) { return type.cast(attachments.get(type)); }

    /** The device's counters as last read from its actor (the namespace actor refreshes them before commands). */
    public DevStats stats(int ifindex) { return stats.getOrDefault(ifindex, DevStats.ZERO); }
    public void setStats(int ifindex, DevStats s) { stats.put(ifindex, s); }

    /** Creates a device, down, as {@code ip link add} and veth creation do. */
    public NetDev addDevice(String devName, DevKind kind, long mac, int mtu) {
        return adoptDevice(devName, kind, mac, mtu, 0);
    }

    /**
     * A device moving in from another namespace: listed under its name, with its old ifindex if
     * free here, down and without addresses (dev_change_net_namespace).
     */
    public NetDev adoptDevice(String devName, DevKind kind, long mac, int mtu, int wantedIfindex) {
        NetDev d = devs.create(devName, kind, mac, mtu, wantedIfindex);
        sysctl.deviceAdded(devName);
        if (kind == DevKind.BRIDGE) {
            bridges.put(d.ifindex(), new Bridge(d.ifindex(), d.mac()));
        }
        return d;
    }

    /** Unregisters a device (deleted, vanished with its peer, or moved away): its addresses, routes and neighbours go. */
    public void linkDelete(NetDev d) {
        linkSetUp(d, false);
        for (NetDev port : devs.ports(d.ifindex())) {
            linkSetMaster(port, null);
        }
        for (InetAddr a : addrs.onDev(d.ifindex())) {
            addrs.remove(a);
        }
        fib.flushDev(d.ifindex());
        flushedQueued += neigh.ifDown(d.ifindex()).size();
        bridges.remove(d.ifindex());
        sysctl.deviceRemoved(d.name());
        devs.remove(d);
        stats.remove(d.ifindex());
        queueStats.remove(d.ifindex());
        qdiscStats.remove(d.ifindex());
    }

    /** {@code ip link set DEV up|down}: routes come and go with the device (NETDEV_UP / fib_disable_ip). */
    public void linkSetUp(NetDev d, boolean up) {
        if (d.adminUp() == up) {
            return;
        }
        d.setAdminUp(up);
        if (up && "noop".equals(d.qdisc())) {
            d.setQdisc("noqueue");
        }
        effects.add(new DevEffect.AdminUp(d.ifindex(), up));
        if (up) {
            FibFrontend.devUp(fib, d, addrs.onDev(d.ifindex()));
            if (d.kind() == DevKind.LOOPBACK) {
                loopbackAddress(d);
            }
        } else {
            FibFrontend.devDown(fib, d, addrs.onDev(d.ifindex()));
            flushedQueued += neigh.ifDown(d.ifindex()).size(); // admin down forgets every entry, permanent ones too
        }
    }

    /** inetdev_event(NETDEV_UP) on a loopback: 127.0.0.1/8 scope host, unless it is there already. */
    private void loopbackAddress(NetDev lo) {
        if (addrs.find(lo.ifindex(), 0x7F000001, 8) == null) {
            try {
                addrAdd(new InetAddr(lo.ifindex(), 0x7F000001, 8, 0, io.netemu.stack.dev.Scope.HOST, lo.name(), false));
            } catch (NetException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code ethtool -G/-L/-C/-K}: the device actor applies it too. */
    public void setNic(NetDev d, io.netemu.stack.dev.NicConfig nic) {
        d.applyNic(nic);
        effects.add(new DevEffect.Nic(d.ifindex(), nic));
    }

    /** Per-queue counters as last read from the device actor (refreshed before {@code ethtool -S} and softnet reads). */
    public java.util.List<io.netemu.stack.dev.QueueStats> queueStats(int ifindex) {
        return queueStats.getOrDefault(ifindex, java.util.List.of());
    }
    public void setQueueStats(int ifindex, java.util.List<io.netemu.stack.dev.QueueStats> q) { queueStats.put(ifindex, q); }

    /**
     * {@code tc qdisc add|change|replace|del}: the device's egress qdisc tree becomes {@code root}
     * (null: back to the default), and the device actor applies it too.
     */
    public void setQdisc(NetDev d, io.netemu.device.qdisc.QdiscSpec root) {
        recordQdisc(d, root);
        effects.add(new DevEffect.Qdisc(d.ifindex(), root));
    }

    /** Records a tree only: for a device actor born with it (a lab link's netem gets the next free handle). */
    public void attachQdisc(NetDev d, io.netemu.device.qdisc.NetemConfig netem) {
        recordQdisc(d, netem == null ? null : new io.netemu.device.qdisc.QdiscSpec(allocQdiscHandle(), netem, null));
    }

    private void recordQdisc(NetDev d, io.netemu.device.qdisc.QdiscSpec root) {
        if (root == null || d.qdiscRoot() == null || d.qdiscRoot().handle() != root.handle()) {
            qdiscStats.remove(d.ifindex()); // a new root qdisc starts from zero
        }
        d.setQdiscRoot(root);
        d.setQdisc(root != null ? root.config().kind() : d.adminUp() ? "noqueue" : "noop");
    }

    /** qdisc_alloc_handle: the next automatic handle major (8001:, 8002:, ...). */
    public int allocQdiscHandle() {
        return nextQdiscHandle++;
    }

    /** The root qdisc's counters as last read from the device actor (refreshed before {@code tc -s}). */
    public io.netemu.device.qdisc.QdiscStats qdiscStats(int ifindex) {
        return qdiscStats.getOrDefault(ifindex, io.netemu.device.qdisc.QdiscStats.ZERO);
    }
    public void setQdiscStats(int ifindex, io.netemu.device.qdisc.QdiscStats q) { qdiscStats.put(ifindex, q); }

    public void linkSetMtu(NetDev d, int mtu) {
        d.setMtu(mtu);
        effects.add(new DevEffect.Mtu(d.ifindex(), mtu));
    }

    /** {@code ip link set DEV master BR | nomaster}. */
    public void linkSetMaster(NetDev port, NetDev master) {
        Bridge old = bridges.get(port.master());
        if (old != null) {
            old.portRemoved(port.ifindex());
        }
        port.setMaster(master == null ? 0 : master.ifindex());
        if (master != null) {
            bridges.get(master.ifindex()).portAdded(port.ifindex(), port.mac());
        }
    }

    /**
     * The device actor reports carrier (a cable cut or restored): NETDEV_CHANGE. Routes stay, their
     * nexthops via the device flagged LINKDOWN (fib_sync_down_dev) or cleared again if the device
     * is up (fib_sync_up); with ignore_routes_with_linkdown lookups then avoid them.
     */
    public void carrierChanged(int ifindex, boolean carrier) {
        NetDev d = devs.get(ifindex);
        if (d != null) {
            boolean changed = d.carrier() != carrier;
            d.setCarrier(carrier);
            if (!carrier) {
                flushedQueued += neigh.flushDev(ifindex).size(); // carrier loss keeps permanent entries
            }
            if (changed && !carrier) {
                fib.syncDownCarrier(ifindex);
            } else if (changed && d.adminUp()) {
                fib.syncUpCarrier(ifindex);
            }
        }
    }

    /** {@code ip addr add}: the address, then its local, broadcast and prefix routes if the device is up. */
    public InetAddr addrAdd(InetAddr a) throws NetException {
        if (addrs.find(a.ifindex(), a.local(), a.prefixLen()) != null) {
            throw NetException.exists();
        }
        InetAddr added = addrs.add(a);
        NetDev d = devs.get(a.ifindex());
        FibFrontend.addrAdded(fib, d, added, addrs.onDev(d.ifindex())); // it checks the device's state itself
        return added;
    }

    /** {@code ip addr del}; the routes it brought go with it. */
    public void addrDel(InetAddr a) throws NetException {
        InetAddr have = addrs.find(a.ifindex(), a.local(), a.prefixLen());
        if (have == null) {
            throw NetException.cannotAssign();
        }
        NetDev d = devs.get(a.ifindex());
        for (InetAddr gone : addrs.remove(have)) {
            FibFrontend.addrRemoved(fib, d, gone, addrs.all());
        }
    }

    /** Packets dropped from neighbour queues when their device went down or lost carrier. */
    public long flushedQueued() { return flushedQueued; }

    /** What device actors must now apply; cleared by the call. */
    public List<DevEffect> drainEffects() {
        if (effects.isEmpty()) {
            return List.of();
        }
        List<DevEffect> out = List.copyOf(effects);
        effects.clear();
        return out;
    }
}
