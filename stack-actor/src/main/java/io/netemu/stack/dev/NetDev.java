package io.netemu.stack.dev;

/**
 * One network device as its namespace sees it (struct net_device's configuration half).
 * The data path of a veth lives in its device actor; this object is the namespace's record of
 * what {@code ip link} shows and sets, owned and written only by the namespace actor.
 */
public final class NetDev {
    private final int ifindex;
    private final DevKind kind;
    private String name;
    private long mac;
    private int mtu;
    private boolean adminUp;
    private boolean carrier;
    private int master;
    private String qdisc;
    private int txqueuelen;
    private String alias;
    /** For a veth: the peer's ifindex in its own namespace (iproute2 prints {@code eth0@if7}). */
    private int peerIfindex;
    /** For a veth: the peer's namespace name (iproute2 prints {@code link-netns NAME}); null if unknown. */
    private String peerNetns;
    /** IFF_PROMISC as the user set it ({@code ip link set DEV promisc on}: dev->gflags), not a bridge port's count. */
    private boolean promisc;
    private NicConfig nic = NicConfig.DEFAULT;
    /** IFF_ALLMULTI as the user set it ({@code allmulticast on}). */
    private boolean allmulti;
    /** The egress qdisc tree ({@code tc qdisc ... root|parent}), or null: the default (noop/noqueue). */
    private io.netemu.device.qdisc.QdiscSpec qdiscRoot;

    public NetDev(int ifindex, String name, DevKind kind, long mac, int mtu) {
        this.ifindex = ifindex;
        this.name = name;
        this.kind = kind;
        this.mac = mac;
        this.mtu = mtu;
        // a device that was never up has no qdisc (noop); the first up attaches the default (noqueue)
        this.qdisc = "noop";
        this.txqueuelen = 1000;
        this.carrier = kind != DevKind.VETH;
    }

    public int ifindex() { return ifindex; }
    public DevKind kind() { return kind; }
    public String name() { return name; }
    public long mac() { return mac; }
    public int mtu() { return mtu; }
    public boolean adminUp() { return adminUp; }
    /** Lower layer up: carrier present (IFF_LOWER_UP). A device that is admin down reports no carrier. */
    public boolean carrier() { return carrier; }
    /** IFF_RUNNING as Linux computes it: admin up and carrier. */
    public boolean running() { return adminUp && carrier; }
    public int master() { return master; }
    public String qdisc() { return qdisc; }
    public int txqueuelen() { return txqueuelen; }
    public String alias() { return alias; }
    public int peerIfindex() { return peerIfindex; }
    public String peerNetns() { return peerNetns; }
    public boolean promisc() { return promisc; }
    /** The ethtool parameters (rings, channels, coalescing, features); change them through {@link io.netemu.stack.NetNs#setNic}. */
    public NicConfig nic() { return nic; }
    public void applyNic(NicConfig n) { this.nic = n; }
    public boolean allmulti() { return allmulti; }
    /** The egress qdisc tree, null when the device has its default qdisc; set through {@link io.netemu.stack.NetNs#setQdisc}. */
    public io.netemu.device.qdisc.QdiscSpec qdiscRoot() { return qdiscRoot; }
    public void setQdiscRoot(io.netemu.device.qdisc.QdiscSpec root) { this.qdiscRoot = root; }
    /** The root qdisc's parameters when it is a netem, else null. */
    public io.netemu.device.qdisc.NetemConfig netem() {
        return qdiscRoot != null && qdiscRoot.config() instanceof io.netemu.device.qdisc.NetemConfig n ? n : null;
    }
    /** The root qdisc's handle major ({@code 8001:}), 0 for the default. */
    public int qdiscHandle() { return qdiscRoot == null ? 0 : qdiscRoot.handle(); }

    public void setName(String n) { this.name = n; }
    public void setMac(long m) { this.mac = m; }
    public void setMtu(int m) { this.mtu = m; }
    public void setAdminUp(boolean up) { this.adminUp = up; }
    public void setCarrier(boolean c) { this.carrier = c; }
    public void setMaster(int m) { this.master = m; }
    public void setQdisc(String q) { this.qdisc = q; }
    public void setTxqueuelen(int q) { this.txqueuelen = q; }
    public void setAlias(String a) { this.alias = a; }
    public void setPromisc(boolean p) { this.promisc = p; }
    public void setAllmulti(boolean a) { this.allmulti = a; }
    public void setPeer(int peerIfindex, String peerNetns) {
        this.peerIfindex = peerIfindex;
        this.peerNetns = peerNetns;
    }

    /** Ethernet-like devices have a broadcast address and do ARP; loopback does not. */
    public boolean isEther() { return kind != DevKind.LOOPBACK; }

    /** The MTU range {@code ip link set mtu} accepts for this kind (ETH_MIN_MTU..ETH_MAX_MTU for veth). */
    public int minMtu() { return kind == DevKind.LOOPBACK ? 0 : 68; }
    public int maxMtu() { return kind == DevKind.LOOPBACK ? Integer.MAX_VALUE : 65535; }
}
