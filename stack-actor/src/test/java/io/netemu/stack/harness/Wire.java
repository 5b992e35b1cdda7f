package io.netemu.stack.harness;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Cidr;
import io.netemu.stack.NetException;
import io.netemu.stack.NetNs;
import io.netemu.stack.NetStack;
import io.netemu.stack.StackEnv;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.InetAddr;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.dev.Scope;
import io.netemu.stack.sock.SocketEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Namespaces joined by in-memory veth pairs and one manual clock, without actors: the stack's
 * equivalent of Netty's EmbeddedChannel. Frames are delivered in FIFO order by {@link #run()};
 * timers fire when {@link #advance} passes their deadline.
 */
public final class Wire {
    /** A namespace in the harness: its configuration, its stack, and what its sockets received. */
    public final class Node implements StackEnv {
        public final NetNs ns;
        public final NetStack stack;
        public final List<SocketEvent> events = new ArrayList<>();
        long wake = Long.MAX_VALUE;

        Node(String name) {
            this.ns = new NetNs(name);
            this.stack = new NetStack(ns, this);
        }

        @Override
        public long now() { return now; }

        @Override
        public void xmit(int ifindex, SkBuff frame) {
            Port to = peers.get(new Port(this, ifindex));
            if (to != null) {
                tap.accept(frame);
                queue.add(new InFlight(to, frame));
            }
        }

        @Override
        public void toSocket(int ident, SocketEvent event) { events.add(event); }

        @Override
        public void wakeAt(long deadline) { wake = Math.min(wake, deadline); }

        public NetDev dev(String name) { return ns.devs().byName(name); }

        /** {@code ip addr add CIDR dev NAME}. */
        public Node addr(String dev, String cidr) {
            Ipv4Cidr c = Ipv4Cidr.parse(cidr);
            try {
                ns.addrAdd(new InetAddr(dev(dev).ifindex(), c.address(), c.prefixLen(), 0, Scope.UNIVERSE, dev, false));
            } catch (NetException e) {
                throw new IllegalStateException(e.getMessage());
            }
            return this;
        }

        public Node forwarding() {
            ns.sysctl().set("net.ipv4.ip_forward", "1");
            return this;
        }
    }

    private record Port(Node node, int ifindex) {}

    private record InFlight(Port to, SkBuff frame) {}

    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<Port, Port> peers = new HashMap<>();
    private final ArrayDeque<InFlight> queue = new ArrayDeque<>();
    private Consumer<SkBuff> tap = f -> { };
    private long now = 1_000_000_000L;
    private long nextMac = 0x020000000001L;
    public long delivered;

    public Node node(String name) {
        return nodes.computeIfAbsent(name, Node::new);
    }

    /** Every frame put on any link passes here first (as a capture would see it). */
    public void tap(Consumer<SkBuff> t) { this.tap = t; }

    /** A veth pair between {@code a:ifA} and {@code b:ifB}, both ends up. */
    public Wire link(String a, String ifA, String b, String ifB, int mtu) {
        Node na = node(a);
        Node nb = node(b);
        NetDev da = na.ns.addDevice(ifA, DevKind.VETH, nextMac++, mtu);
        NetDev db = nb.ns.addDevice(ifB, DevKind.VETH, nextMac++, mtu);
        na.ns.linkSetUp(da, true);
        nb.ns.linkSetUp(db, true);
        da.setCarrier(true);
        db.setCarrier(true);
        peers.put(new Port(na, da.ifindex()), new Port(nb, db.ifindex()));
        peers.put(new Port(nb, db.ifindex()), new Port(na, da.ifindex()));
        return this;
    }

    /** Delivers frames until none is left in flight. */
    public void run() {
        InFlight f;
        while ((f = queue.poll()) != null) {
            delivered++;
            f.to.node.stack.receiveBatch(f.to.ifindex, List.of(f.frame));
        }
    }

    /** Moves the clock, firing due timers (and delivering what they send) in deadline order. */
    public void advance(long nanos) {
        long until = now + nanos;
        while (true) {
            Node next = null;
            for (Node n : nodes.values()) {
                if (n.wake <= until && (next == null || n.wake < next.wake)) {
                    next = n;
                }
            }
            if (next == null) {
                break;
            }
            now = Math.max(now, next.wake);
            next.wake = Long.MAX_VALUE;
            next.stack.tick();
            run();
        }
        now = until;
    }

    public long now() { return now; }
}
