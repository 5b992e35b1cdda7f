package io.netemu.node.ns;

import io.netemu.device.NsInbound;
import io.netemu.node.sock.Sock;
import io.netemu.node.sock.SockEnv;
import io.netemu.node.sock.SockMsg;
import io.netemu.node.sock.TcpSocket;
import io.netemu.node.sock.UdpSocket;
import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.core.IpMib;
import io.netemu.stack.NetStack;
import io.netemu.stack.ip.IpOutput;
import io.netemu.stack.ip.Pmtudisc;
import io.netemu.stack.sock.Errno;
import io.netemu.stack.sock.SockInput;
import io.netemu.stack.sock.SockTable;
import io.netemu.stack.sock.TcpRcv;
import io.netemu.stack.sock.TcpSysctls;
import io.netemu.stack.tcp.TcpIsn;
import io.netemu.stack.udp.UdpSend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The namespace's half of the socket layer: it spawns socket actors (its children), keeps the
 * {@link SockTable} (binds, 4-tuples, listeners) the IP layer demultiplexes with, sends what the
 * sockets emit, and hands each socket its input as one message per namespace message handled.
 */
final class NsSockets {
    private final ActorContext<NsInbound> ctx;
    private final NetStack stack;
    private final TcpIsn isn;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, ActorRef<SockMsg>> refs = new HashMap<>();
    private final LinkedHashMap<Integer, List<SockInput>> pending = new LinkedHashMap<>();

    NsSockets(ActorContext<NsInbound> ctx, NetStack stack, long seed) {
        this.ctx = ctx;
        this.stack = stack;
        this.isn = new TcpIsn(seed);
    }

    boolean handle(NamespaceActor.Command m) {
        switch (m) {
            case NamespaceActor.SockOpen o -> open(o);
            case NamespaceActor.SockBind b -> b.replyTo().tell(bind(b));
            case NamespaceActor.SockConnect c -> c.replyTo().tell(connect(c));
            case NamespaceActor.SockListen l -> {
                int[] range = TcpSysctls.localPortRange(stack.ns().sysctl());
                int err = stack.socks().listen(l.sock(), range[0], range[1]);
                SockTable.Entry e = stack.socks().get(l.sock());
                l.replyTo().tell(new SockMsg.Listening(err, e == null ? 0 : e.lport()));
            }
            case NamespaceActor.SockAdopt a -> {
                stack.socks().adopt(a.sock(), a.localAddr(), a.localPort(), a.remoteAddr(), a.remotePort());
                refs.put(a.sock(), a.socket());
                ctx.watchWith(a.socket(), new NamespaceActor.SockGone(a.sock()));
            }
            case NamespaceActor.SockXmit x -> xmit(x.segments());
            case NamespaceActor.UdpXmit u -> {
                int err = UdpSend.send(stack, u.src(), u.sport(), u.dst(), u.dport(), u.data(), 0);
                u.replyTo().tell(new SockMsg.XmitDone(err, u.data().length));
            }
            case NamespaceActor.SockClosing c -> stack.socks().closing(c.sock());
            case NamespaceActor.SockRelease r -> stack.socks().release(r.sock());
            case NamespaceActor.SockGone g -> {
                stack.socks().release(g.sock());
                refs.remove(g.sock());
                pending.remove(g.sock());
            }
            case NamespaceActor.SockList l -> {
                Map<String, Long> nstat = new LinkedHashMap<>(IpMib.nstat(stack.counters(), true));
                nstat.putAll(stack.tcpMib().nstatAll());
                nstat.putAll(stack.udpMib().nstat(true));
                l.replyTo().tell(new NamespaceActor.SockListing(List.copyOf(refs.values()), List.copyOf(nstat.keySet()),
                        nstat.values().stream().mapToLong(Long::longValue).toArray()));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void open(NamespaceActor.SockOpen o) {
        if (o.proto() != Sock.TCP && o.proto() != Sock.UDP) {
            o.owner().tell(new Sock.Opened(-1, null, Errno.EINVAL));
            return;
        }
        int id = ids.incrementAndGet();
        var sys = stack.ns().sysctl();
        SockEnv env = new SockEnv(ctx.getSelf(), TcpSysctls.config(sys), stack.tcpMib(), stack.udpMib(), isn, ids,
                sys.getInt("net.core.somaxconn"));
        ActorRef<SockMsg> ref = o.proto() == Sock.TCP
                ? ctx.spawn(TcpSocket.create(id, env, o.owner()), "sock-" + id)
                : ctx.spawn(UdpSocket.create(id, env, o.owner(), sys.getInt("net.core.rmem_default")), "sock-" + id);
        stack.socks().open(id, o.proto());
        refs.put(id, ref);
        ctx.watchWith(ref, new NamespaceActor.SockGone(id));
        o.owner().tell(new Sock.Opened(id, ref.narrow(), 0));
    }

    private SockMsg.Bound bind(NamespaceActor.SockBind b) {
        if (b.addr() != 0 && !stack.ns().addrs().isLocal(b.addr()) && !Ipv4Address.isLoopback(b.addr())) {
            return new SockMsg.Bound(Errno.EADDRNOTAVAIL, 0, 0);
        }
        int[] range = TcpSysctls.localPortRange(stack.ns().sysctl());
        stack.socks().setReuse(b.sock(), b.reuse());
        int err = stack.socks().bind(b.sock(), b.addr(), b.port(), range[0], range[1]);
        SockTable.Entry e = stack.socks().get(b.sock());
        return new SockMsg.Bound(err, b.addr(), err == 0 && e != null ? e.lport() : 0);
    }

    /** ip_route_connect, then the port and the 4-tuple: ENETUNREACH/EHOSTUNREACH from routing, EADDRNOTAVAIL. */
    private SockMsg.Routed connect(NamespaceActor.SockConnect c) {
        SockTable.Entry e = stack.socks().get(c.sock());
        if (e == null) {
            return new SockMsg.Routed(Errno.EBADF, 0, 0, 0);
        }
        IpOutput.Route r = stack.ipOutput().route(c.addr(), 0);
        if (r.errno() != 0) {
            return new SockMsg.Routed(r.errno(), 0, 0, 0);
        }
        int laddr = e.laddr() != 0 ? e.laddr() : r.src();
        int[] range = TcpSysctls.localPortRange(stack.ns().sysctl());
        int err = stack.socks().connect(c.sock(), laddr, c.addr(), c.port(), range[0], range[1]);
        return new SockMsg.Routed(err, laddr, err == 0 ? e.lport() : 0, r.mtu());
    }

    /** ip_queue_xmit for each segment: DF set (IP_PMTUDISC_WANT, TCP's default), TTL from ip_default_ttl. */
    private void xmit(List<NamespaceActor.SockWire> segs) {
        int ttl = stack.hot().defaultTtl();
        for (NamespaceActor.SockWire w : segs) {
            SkBuff skb = SkBuff.wrap(w.buf(), TcpRcv.HEADROOM, w.buf().length - TcpRcv.HEADROOM);
            if (w.gsoSize() > 0) {
                skb = skb.withMeta(skb.meta().withGso(w.gsoSize(), w.gsoSegs()));
            }
            stack.ipOutput().output(w.src(), w.dst(), IpProtocol.TCP.value(), skb, ttl, 0, Pmtudisc.WANT, 0);
        }
    }

    /** The IP layer's delivery ({@code StackEnv.toSock}): batched per socket until {@link #flush}. */
    void toSock(int id, SockInput in) {
        List<SockInput> l = pending.get(id);
        if (l == null) {
            l = new ArrayList<>(4);
            pending.put(id, l);
        }
        l.add(in);
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        for (Map.Entry<Integer, List<SockInput>> e : pending.entrySet()) {
            ActorRef<SockMsg> ref = refs.get(e.getKey());
            if (ref != null) {
                ref.tell(new SockMsg.Input(e.getValue()));
            }
        }
        pending.clear();
    }
}
