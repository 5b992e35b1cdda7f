package io.netemu.stack;

import io.netemu.packet.SkBuff;
import io.netemu.stack.arp.ArpRcv;
import io.netemu.stack.core.HotSysctls;
import io.netemu.stack.core.L2Rcv;
import io.netemu.stack.core.NfOps;
import io.netemu.stack.core.SoftDevStats;
import io.netemu.stack.core.StackCounters;
import io.netemu.stack.core.StackDrop;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.frag.IpReassembly;
import io.netemu.stack.icmp.IcmpRcv;
import io.netemu.stack.icmp.IcmpSend;
import io.netemu.stack.ip.IpForward;
import io.netemu.stack.ip.IpInput;
import io.netemu.stack.ip.IpOutput;
import io.netemu.stack.ip.NeighOutput;
import io.netemu.stack.l2.BridgeForward;
import io.netemu.stack.neigh.NeighTable;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The data path of one namespace: receive (netif_receive_skb and up), forward, local output,
 * timers. Plain code run by the namespace actor, one call at a time; it reads the namespace's
 * configuration ({@link NetNs}) and acts through {@link StackEnv}.
 */
public final class NetStack {
    private final NetNs ns;
    private final StackEnv env;
    private final StackCounters counters = new StackCounters();
    private final HotSysctls hot;
    private final NfOps nf;
    /** nf_defrag_ipv4: with conntrack loaded, fragments are reassembled before PRE_ROUTING. */
    private final IpReassembly defrag;
    private final SoftDevStats softStats = new SoftDevStats();
    private final ArrayDeque<SkBuff> loBacklog = new ArrayDeque<>();
    private final IpReassembly reasm;
    private final L2Rcv l2;
    private final ArpRcv arp;
    private final IpInput ipInput;
    private final IpForward ipForward;
    private final IpOutput ipOutput;
    private final NeighOutput neighOutput;
    private final IcmpRcv icmpRcv;
    private final IcmpSend icmpSend;
    private final BridgeForward bridge;
    private final io.netemu.stack.sock.SockTable socks;
    private final io.netemu.stack.tcp.TcpMib tcpMib = new io.netemu.stack.tcp.TcpMib();
    private final io.netemu.stack.udp.UdpMib udpMib = new io.netemu.stack.udp.UdpMib();
    private final io.netemu.stack.sock.TcpRcv tcpRcv;
    private final io.netemu.stack.udp.UdpRcv udpRcv;
    private boolean drainingBacklog;
    private int nextIdent;

    public NetStack(NetNs ns, StackEnv env) {
        this(ns, env, 0);
    }

    /** {@code seed}: the run's seed for this namespace (ephemeral port choices). */
    public NetStack(NetNs ns, StackEnv env, long seed) {
        this.ns = ns;
        this.socks = new io.netemu.stack.sock.SockTable(seed);
        this.tcpRcv = new io.netemu.stack.sock.TcpRcv(this);
        this.udpRcv = new io.netemu.stack.udp.UdpRcv(this);
        this.env = env;
        this.hot = new HotSysctls(ns.sysctl());
        this.reasm = new IpReassembly(ns.sysctl());
        this.defrag = new IpReassembly(ns.sysctl());
        this.nf = new NfOps(this);
        this.neighOutput = new NeighOutput(this);
        this.icmpSend = new IcmpSend(this);
        this.ipOutput = new IpOutput(this);
        this.ipForward = new IpForward(this);
        this.icmpRcv = new IcmpRcv(this);
        this.ipInput = new IpInput(this);
        this.arp = new ArpRcv(this);
        this.bridge = new BridgeForward(this);
        this.l2 = new L2Rcv(this);
    }

    public NetNs ns() { return ns; }
    public StackEnv env() { return env; }
    public StackCounters counters() { return counters; }
    public HotSysctls hot() { return hot; }
    public NfOps nf() { return nf; }
    public IpReassembly defrag() { return defrag; }
    public SoftDevStats softStats() { return softStats; }
    public NeighTable neigh() { return ns.neigh(); }
    public IpReassembly reasm() { return reasm; }
    public ArpRcv arp() { return arp; }
    public IpInput ipInput() { return ipInput; }
    public IpForward ipForward() { return ipForward; }
    public IpOutput ipOutput() { return ipOutput; }
    public NeighOutput neighOutput() { return neighOutput; }
    public IcmpRcv icmpRcv() { return icmpRcv; }
    public IcmpSend icmpSend() { return icmpSend; }
    public BridgeForward bridge() { return bridge; }
    public L2Rcv l2() { return l2; }
    /** The socket tables: bound ports, established 4-tuples, listeners. */
    public io.netemu.stack.sock.SockTable socks() { return socks; }
    /** The namespace's TCP counters, shared with its connections (in their socket actors). */
    public io.netemu.stack.tcp.TcpMib tcpMib() { return tcpMib; }
    public io.netemu.stack.udp.UdpMib udpMib() { return udpMib; }
    public io.netemu.stack.sock.TcpRcv tcpRcv() { return tcpRcv; }
    public io.netemu.stack.udp.UdpRcv udpRcv() { return udpRcv; }

    /** An IP identification for a locally built datagram (one counter per namespace). */
    public int nextIpIdent() {
        nextIdent = (nextIdent + 1) & 0xffff;
        return nextIdent;
    }

    /** A NAPI batch from a device actor: each frame through netif_receive_skb, in order. */
    public void receiveBatch(int ifindex, List<SkBuff> frames) {
        for (int i = 0, n = frames.size(); i < n; i++) {
            l2.netifReceive(ifindex, frames.get(i));
        }
        drainBacklog();
    }

    /**
     * Loopback transmit: the frame (data at the IP header) is received again on {@code lo}
     * after the current packet is done, as loopback_xmit's netif_rx does.
     */
    public void loopback(SkBuff ipPacket) {
        softStats.tx(ns.devs().byName("lo").ifindex(), ipPacket.len() + 14);
        if (loBacklog.size() >= hot.maxBacklog()) {
            counters.drop(StackDrop.BACKLOG_FULL);
            return;
        }
        loBacklog.add(ipPacket);
        drainBacklog();
    }

    private void drainBacklog() {
        if (drainingBacklog) {
            return;
        }
        drainingBacklog = true;
        try {
            SkBuff skb;
            while ((skb = loBacklog.poll()) != null) {
                NetDev lo = ns.devs().byName("lo");
                softStats.rx(lo.ifindex(), skb.len() + 14);
                ipInput.ipRcv(lo, skb);
            }
        } finally {
            drainingBacklog = false;
        }
    }

    /** Timers that came due: neighbour solicitations and failures, fragment queues that expired. */
    public void tick() {
        long now = env.now();
        neighOutput.tick(now);
        icmpSend.reassemblyExpired(reasm.expire(now));
        icmpSend.reassemblyExpired(defrag.expire(now));
        drainBacklog();
        armTimers();
    }

    /** Asks the actor to wake at the earliest pending deadline (none when idle). */
    public void armTimers() {
        long next = Math.min(ns.neigh().nextDeadline(), Math.min(reasm.nextDeadline(), defrag.nextDeadline()));
        if (next != Long.MAX_VALUE) {
            env.wakeAt(next);
        }
    }

    /**
     * Runs work queued by a command or socket call: packets an {@code ip neigh} change released
     * (sent) or failed (dropped, with ICMP host unreachable), loopback frames; then arms timers.
     */
    public void settle() {
        for (NeighTable.Released r : ns.neigh().drainReleased()) {
            NetDev dev = ns.devs().get(r.ifindex());
            for (SkBuff skb : r.skbs()) {
                if (dev != null) {
                    neighOutput.sendResolved(dev, skb, r.mac());
                }
            }
        }
        for (NeighTable.Failure f : ns.neigh().drainFailures()) {
            for (SkBuff skb : f.dropped()) {
                counters.drop(StackDrop.NEIGH_FAILED);
                icmpSend.send(skb, io.netemu.packet.wire.IcmpType.DEST_UNREACH, io.netemu.packet.wire.IcmpType.DestUnreach.HOST, 0);
            }
        }
        drainBacklog();
        armTimers();
    }
}
