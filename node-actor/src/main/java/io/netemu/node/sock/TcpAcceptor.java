package io.netemu.node.sock;

import io.netemu.node.ns.NamespaceActor;
import io.netemu.stack.sock.SockInput;
import io.netemu.stack.tcp.TcpConnection;
import io.netemu.stack.tcp.TcpEvent;
import io.netemu.stack.tcp.TcpListener;
import io.netemu.stack.tcp.TcpState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A listening socket's side of its actor: the {@link TcpListener}, its children until accept(2)
 * takes them (SYN-RECV, then the accept queue; the namespace sends their segments here, through
 * the listener's port), and the hand-over: an accepted connection moves to a socket actor of its
 * own, spawned here, and the namespace learns its 4-tuple. Segments already on their way here for
 * a handed-over connection are forwarded to it.
 */
final class TcpAcceptor {
    private record Peer(int localAddr, int remoteAddr, int remotePort) {}

    private final TcpSocket sock;
    private final TcpListener listener;
    private final int backlog;
    private final Map<Peer, TcpConnection> children = new LinkedHashMap<>();
    private final Map<Peer, ActorRef<SockMsg>> handedOver = new HashMap<>();
    private final Map<Integer, Peer> handedOverIds = new HashMap<>();
    private final ArrayDeque<ActorRef<Sock.Reply>> waiting = new ArrayDeque<>();
    private boolean closed;

    TcpAcceptor(TcpSocket sock, int port, int backlog) {
        this.sock = sock;
        this.backlog = backlog;
        this.listener = new TcpListener(sock.cfg, sock.env.tcpMib(), sock.out, sock.env.isn(), port, backlog);
    }

    void onInput(SockInput in, long now) {
        switch (in) {
            case SockInput.Tcp t -> {
                Peer p = new Peer(t.localAddr(), t.remoteAddr(), t.segment().srcPort());
                ActorRef<SockMsg> moved = handedOver.get(p);
                if (moved != null) {
                    moved.tell(new SockMsg.Input(List.of(in)));
                    return;
                }
                TcpConnection c = children.get(p);
                if (c != null) {
                    c.onSegment(t.segment(), now);
                } else if (!closed && t.routeMtu() > 0) {
                    TcpConnection child = listener.onSegment(t.segment(), t.localAddr(), t.remoteAddr(), t.routeMtu(), now);
                    if (child != null) {
                        children.put(p, child);
                    }
                } else if (!closed && !t.segment().syn()) {
                    listener.onSegment(t.segment(), t.localAddr(), t.remoteAddr(), 576, now); // RST for a stray ACK
                }
            }
            case SockInput.IcmpError e -> {
                for (Map.Entry<Peer, TcpConnection> c : children.entrySet()) {
                    if (c.getKey().remoteAddr() == e.remoteAddr() && c.getKey().remotePort() == e.remotePort()) {
                        c.getValue().onIcmpError(e.type(), e.code(), e.quotedSeq(), now);
                        break;
                    }
                }
            }
            case SockInput.Udp u -> { }
        }
    }

    void onChildEvent(TcpConnection c, TcpEvent e) {
        if (e == TcpEvent.CONNECTED) {
            serveAccepts();
        } else if (e == TcpEvent.CLOSED) {
            children.values().remove(c);
        }
    }

    void accept(ActorRef<Sock.Reply> owner) {
        waiting.add(owner);
        serveAccepts();
    }

    /** accept(2) for each waiting caller while established connections are queued. */
    private void serveAccepts() {
        while (!waiting.isEmpty()) {
            TcpConnection c = listener.accept();
            if (c == null) {
                return;
            }
            Peer p = new Peer(c.localAddr(), c.remoteAddr(), c.remotePort());
            children.remove(p);
            if (c.state() == TcpState.CLOSE) {
                continue; // reset while it waited in the queue
            }
            ActorRef<Sock.Reply> owner = waiting.poll();
            int id = sock.env.ids().incrementAndGet();
            ActorRef<SockMsg> ref = sock.ctx().spawn(TcpSocket.accepted(id, sock.env, owner, c), "sock-" + id);
            sock.ctx().watchWith(ref, new SockMsg.ChildGone(id));
            handedOver.put(p, ref);
            handedOverIds.put(id, p);
            sock.env.ns().tell(new NamespaceActor.SockAdopt(id, c.localAddr(), c.localPort(), c.remoteAddr(),
                    c.remotePort(), ref));
            owner.tell(new Sock.Accepted(sock.id, 0, id, ref.narrow(), c.localAddr(), c.localPort(), c.remoteAddr(),
                    c.remotePort()));
        }
    }

    void childGone(int id) {
        Peer p = handedOverIds.remove(id);
        if (p != null) {
            handedOver.remove(p);
        }
    }

    void onTimer(long now) {
        for (TcpConnection c : new ArrayList<>(children.values())) {
            if (c.nextDeadline() <= now) {
                c.onTimer(now);
            }
        }
    }

    long nextDeadline() {
        long d = Long.MAX_VALUE;
        for (TcpConnection c : children.values()) {
            d = Math.min(d, c.nextDeadline());
        }
        return d;
    }

    /** close(2) of the listener (inet_csk_listen_stop): connections never accepted are reset. */
    void close(long now) {
        closed = true;
        waiting.clear();
        for (TcpConnection c : new ArrayList<>(children.values())) {
            c.abort(now);
        }
        children.clear();
    }

    /** The actor may stop: closed, and every accepted connection's socket (its child actors) gone. */
    boolean done() {
        return closed && handedOver.isEmpty();
    }

    /** ss: the LISTEN row (Recv-Q: the accept queue, Send-Q: the backlog), then the connections not yet accepted. */
    List<Sock.SockRow> rows() {
        List<Sock.SockRow> r = new ArrayList<>();
        if (!closed) {
            r.add(new Sock.SockRow(Sock.TCP, "LISTEN", listener.acceptQueueLen(), backlog, sock.boundAddr, listener.localPort(),
                    0, 0, null, sock.cfg.congestion()));
        }
        long now = sock.now();
        for (TcpConnection c : children.values()) {
            r.add(TcpSocket.connRow(c, now));
        }
        return r;
    }
}
