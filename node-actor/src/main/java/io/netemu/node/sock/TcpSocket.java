package io.netemu.node.sock;

import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.device.time.NetTimers;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.stack.sock.Errno;
import io.netemu.stack.sock.SockInput;
import io.netemu.stack.tcp.TcpConfig;
import io.netemu.stack.tcp.TcpConnection;
import io.netemu.stack.tcp.TcpEvent;
import io.netemu.stack.tcp.TcpState;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A TCP socket as an actor: it owns its {@link TcpConnection} (or, listening, a {@link TcpAcceptor})
 * and the connection's one timer, so connections run in parallel. The namespace is the IP layer: it
 * hands segments in ({@link SockMsg.Input}) and sends what the connection emits. The actor outlives
 * close(2) while the connection finishes (FIN-WAIT, TIME-WAIT) and stops when it is CLOSED.
 */
public final class TcpSocket extends AbstractBehavior<SockMsg> {
    final int id;
    final SockEnv env;
    final NetClock clock;
    private final NetTimers timers;
    final SockOut out = new SockOut();
    ActorRef<Sock.Reply> owner;
    TcpConfig cfg;
    private boolean reuse;
    /** The address bind(2) gave (0: any), for the LISTEN row. */
    int boundAddr;
    private boolean nodelay;
    TcpConnection conn;
    private TcpAcceptor acceptor;
    private boolean connecting;
    private boolean closed;
    private boolean shutRd;
    private int sockErr;
    private Sock.Recv parked;
    private boolean wantWritable;
    private int connectAddr;
    private int connectPort;
    private NetTimers.Timer timer;
    private long armedAt = Long.MAX_VALUE;

    private TcpSocket(ActorContext<SockMsg> ctx, int id, SockEnv env, ActorRef<Sock.Reply> owner, TcpConnection conn) {
        super(ctx);
        this.id = id;
        this.env = env;
        this.cfg = env.tcp();
        NetTime t = NetTime.get(ctx.getSystem());
        this.clock = t.clock();
        this.timers = t.timers();
        this.owner = owner;
        this.conn = conn;
        if (conn != null) {
            conn.rebind(out);
        }
        if (owner != null) {
            ctx.watchWith(owner, SockMsg.OwnerGone.INSTANCE);
        }
    }

    /** socket(AF_INET, SOCK_STREAM): a fresh socket. */
    public static Behavior<SockMsg> create(int id, SockEnv env, ActorRef<Sock.Reply> owner) {
        return Behaviors.setup(ctx -> new TcpSocket(ctx, id, env, owner, null));
    }

    /** The socket accept(2) returns: the connection moves here from the listener (a local spawn, never a message). */
    static Behavior<SockMsg> accepted(int id, SockEnv env, ActorRef<Sock.Reply> owner, TcpConnection conn) {
        return Behaviors.setup(ctx -> {
            TcpSocket s = new TcpSocket(ctx, id, env, owner, conn);
            s.arm();
            return s;
        });
    }

    long now() {
        return clock.nanos();
    }

    ActorContext<SockMsg> ctx() {
        return getContext();
    }

    @Override
    public Receive<SockMsg> createReceive() {
        return newReceiveBuilder().onAnyMessage(this::onMessage).build();
    }

    private Behavior<SockMsg> onMessage(SockMsg m) {
        switch (m) {
            case SockMsg.Input in -> onInput(in.items());
            case SockMsg.Timer t -> onTimer();
            case Sock.Bind b -> env.ns().tell(new NamespaceActor.SockBind(id, b.addr(), b.port(), reuse, getContext().getSelf()));
            case SockMsg.Bound b -> {
                if (b.errno() == 0) {
                    boundAddr = b.addr();
                }
                owner.tell(new Sock.Done(id, "bind", b.errno()));
            }
            case Sock.Connect c -> onConnect(c);
            case SockMsg.Routed r -> onRouted(r);
            case Sock.Listen l -> onListen(l);
            case SockMsg.Listening l -> onListening(l);
            case Sock.Accept a -> {
                if (acceptor == null) {
                    owner.tell(new Sock.Accepted(id, Errno.EINVAL, -1, null, 0, 0, 0, 0));
                } else {
                    acceptor.accept(a.owner() != null ? a.owner() : owner);
                }
            }
            case Sock.Send s -> onSend(s);
            case Sock.Recv r -> onRecv(r);
            case Sock.Shutdown s -> onShutdown(s.how());
            case Sock.Close c -> onClose();
            case SockMsg.OwnerGone g -> {
                owner = getContext().getSystem().ignoreRef();
                onClose();
            }
            case Sock.SetOpt o -> owner.tell(new Sock.Done(id, "setsockopt", setOpt(o)));
            case Sock.GetInfo g -> owner.tell(new Sock.Info(id, row()));
            case SockMsg.Snapshot s -> s.replyTo().tell(new Sock.Rows(acceptor != null ? acceptor.rows() : List.of(row())));
            case SockMsg.ChildGone g -> { if (acceptor != null) acceptor.childGone(g.sock()); }
            case SockMsg.XmitDone x -> { }
        }
        return after();
    }

    /** After every message: events, then one batch to the namespace, then the timer; stop once nothing is left. */
    private Behavior<SockMsg> after() {
        SockOut.Ev ev;
        while ((ev = out.events.poll()) != null) {
            if (ev.conn() == conn) {
                onEvent(ev.event());
            } else if (acceptor != null) {
                acceptor.onChildEvent(ev.conn(), ev.event());
            }
        }
        out.flush(env.ns());
        arm();
        if (closed && (acceptor != null ? acceptor.done() : conn == null || conn.state() == TcpState.CLOSE)) {
            if (timer != null) {
                timer.cancel();
            }
            return Behaviors.stopped();
        }
        return this;
    }

    void arm() {
        long d = Long.MAX_VALUE;
        if (conn != null) {
            d = conn.nextDeadline();
        }
        if (acceptor != null) {
            d = Math.min(d, acceptor.nextDeadline());
        }
        if (d == armedAt) {
            return;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        armedAt = d;
        if (d != Long.MAX_VALUE) {
            timer = timers.schedule(getContext().getSelf(), SockMsg.Timer.INSTANCE, Math.max(0, d - now()));
        }
    }

    private void onTimer() {
        armedAt = Long.MAX_VALUE;
        timer = null;
        long now = now();
        if (conn != null && conn.nextDeadline() <= now) {
            conn.onTimer(now);
        }
        if (acceptor != null) {
            acceptor.onTimer(now);
        }
    }

    private void onInput(List<SockInput> items) {
        long now = now();
        for (SockInput in : items) {
            if (acceptor != null) {
                acceptor.onInput(in, now);
            } else if (conn != null) {
                switch (in) {
                    case SockInput.Tcp t -> conn.onSegment(t.segment(), now);
                    case SockInput.IcmpError e -> conn.onIcmpError(e.type(), e.code(), e.quotedSeq(), now);
                    case SockInput.Udp u -> { }
                }
            }
        }
    }

    // ---- connect ----

    private void onConnect(Sock.Connect c) {
        if (conn != null || connecting) {
            owner.tell(new Sock.Connected(id, conn != null ? Errno.EISCONN : Errno.EALREADY, 0, 0, 0, 0));
            return;
        }
        if (acceptor != null || closed) {
            owner.tell(new Sock.Connected(id, Errno.EINVAL, 0, 0, 0, 0));
            return;
        }
        connecting = true;
        connectAddr = c.addr();
        connectPort = c.port();
        env.ns().tell(new NamespaceActor.SockConnect(id, c.addr(), c.port(), getContext().getSelf()));
    }

    private void onRouted(SockMsg.Routed r) {
        if (r.errno() != 0) {
            connecting = false;
            owner.tell(new Sock.Connected(id, r.errno(), 0, 0, 0, 0));
            return;
        }
        conn = TcpConnection.connect(cfg, env.tcpMib(), out, env.isn(), r.localAddr(), r.localPort(), connectAddr,
                connectPort, r.mtu(), now());
        if (nodelay) {
            conn.setNoDelay(true, now());
        }
    }

    private void onEvent(TcpEvent e) {
        if (e == TcpEvent.CONNECTED) {
            if (connecting) {
                connecting = false;
                owner.tell(new Sock.Connected(id, 0, conn.localAddr(), conn.localPort(), conn.remoteAddr(),
                        conn.remotePort()));
            }
            return;
        }
        if (e.errno() != null) {
            int err = Errno.of(e.errno());
            if (connecting) {
                connecting = false;
                owner.tell(new Sock.Connected(id, err, 0, 0, 0, 0));
            } else {
                sockErr = err;
            }
        }
        if (e == TcpEvent.WRITABLE || (e.errno() != null && wantWritable)) {
            if (wantWritable) {
                wantWritable = false;
                owner.tell(new Sock.Writable(id));
            }
        }
        serveRecv();
    }

    // ---- listen ----

    private void onListen(Sock.Listen l) {
        if (conn != null || connecting) {
            owner.tell(new Sock.Done(id, "listen", Errno.EINVAL));
            return;
        }
        if (acceptor != null) {
            owner.tell(new Sock.Done(id, "listen", 0));
            return;
        }
        connectPort = Math.max(0, Math.min(l.backlog(), env.somaxconn()));
        env.ns().tell(new NamespaceActor.SockListen(id, getContext().getSelf()));
    }

    private void onListening(SockMsg.Listening l) {
        if (l.errno() == 0) {
            acceptor = new TcpAcceptor(this, l.port(), connectPort);
        }
        owner.tell(new Sock.Done(id, "listen", l.errno()));
    }

    // ---- data ----

    private void onSend(Sock.Send s) {
        if (sockErr != 0) {
            owner.tell(new Sock.Sent(id, -1, takeError()));
            return;
        }
        if (conn == null || connecting) {
            owner.tell(new Sock.Sent(id, -1, Errno.ENOTCONN));
            return;
        }
        TcpState st = conn.state();
        if (st != TcpState.ESTABLISHED && st != TcpState.CLOSE_WAIT) {
            owner.tell(new Sock.Sent(id, -1, Errno.EPIPE));
            return;
        }
        int n = conn.write(s.data(), 0, s.data().length, now());
        if (n < s.data().length) {
            wantWritable = true;
        }
        owner.tell(new Sock.Sent(id, n, 0));
    }

    private void onRecv(Sock.Recv r) {
        Sock.Received got = tryRecv(r.max());
        if (got != null) {
            owner.tell(got);
        } else if (r.nonblock()) {
            owner.tell(new Sock.Received(id, new byte[0], false, Errno.EAGAIN, 0, 0));
        } else {
            parked = r;
        }
    }

    private void serveRecv() {
        if (parked != null) {
            Sock.Received got = tryRecv(parked.max());
            if (got != null) {
                parked = null;
                owner.tell(got);
            }
        }
    }

    /** What recv(2) returns now, or null when it would block. */
    private Sock.Received tryRecv(int max) {
        if (conn == null) {
            return connecting ? null : new Sock.Received(id, new byte[0], false, Errno.ENOTCONN, 0, 0);
        }
        byte[] d = shutRd ? new byte[0] : conn.read(max, now());
        if (d.length > 0) {
            return new Sock.Received(id, d, false, 0, conn.remoteAddr(), conn.remotePort());
        }
        if (sockErr != 0) {
            return new Sock.Received(id, d, false, takeError(), 0, 0);
        }
        TcpState st = conn.state();
        if (shutRd || conn.eof() || st == TcpState.CLOSE || st == TcpState.TIME_WAIT || st == TcpState.LAST_ACK
                || st == TcpState.CLOSING) {
            return new Sock.Received(id, d, true, 0, conn.remoteAddr(), conn.remotePort());
        }
        return null;
    }

    private int takeError() {
        int e = sockErr;
        sockErr = 0;
        return e;
    }

    private void onShutdown(int how) {
        if (conn == null || !conn.state().synchronizedState()) {
            owner.tell(new Sock.Done(id, "shutdown", Errno.ENOTCONN));
            return;
        }
        if (how == Sock.SHUT_RD || how == Sock.SHUT_RDWR) {
            shutRd = true;
            serveRecv();
        }
        if (how == Sock.SHUT_WR || how == Sock.SHUT_RDWR) {
            conn.shutdownWrite(now());
        }
        owner.tell(new Sock.Done(id, "shutdown", 0));
    }

    private void onClose() {
        if (closed) {
            return;
        }
        closed = true;
        parked = null;
        if (acceptor != null) {
            acceptor.close(now());
            env.ns().tell(new NamespaceActor.SockRelease(id));
        } else if (conn != null) {
            conn.close(now());
            env.ns().tell(new NamespaceActor.SockClosing(id));
        }
    }

    private int setOpt(Sock.SetOpt o) {
        boolean fresh = conn == null && acceptor == null;
        switch (o.name()) {
            case "SO_REUSEADDR" -> reuse = o.value() != 0;
            case "TCP_NODELAY" -> {
                nodelay = o.value() != 0;
                if (conn != null) {
                    conn.setNoDelay(nodelay, now());
                }
            }
            case "SO_SNDBUF", "SO_RCVBUF" -> {
                if (!fresh) {
                    return Errno.EOPNOTSUPP; // buffers are fixed once the connection exists here
                }
                // Linux stores twice the value asked for, at least SOCK_MIN_*BUF, and locks it (no autotuning)
                int v = Math.max(o.value() * 2, o.name().equals("SO_SNDBUF") ? 4608 : 2304);
                cfg = o.name().equals("SO_SNDBUF") ? cfg.withWmem(cfg.wmem()[0], v, v)
                        : cfg.withRmem(cfg.rmem()[0], v, v).withModerateRcvbuf(false);
            }
            case "TCP_CONGESTION" -> {
                if (!"cubic".equals(o.text()) && !"reno".equals(o.text())) {
                    return Errno.ENOENT;
                }
                if (!fresh) {
                    return Errno.EOPNOTSUPP;
                }
                cfg = cfg.withCongestion(o.text());
            }
            default -> {
                return Errno.ENOPROTOOPT;
            }
        }
        return 0;
    }

    /** The socket as ss lists it. */
    Sock.SockRow row() {
        if (conn == null) {
            return new Sock.SockRow(Sock.TCP, "UNCONN", 0, 0, 0, 0, 0, 0, null, cfg.congestion());
        }
        return connRow(conn, now());
    }

    static Sock.SockRow connRow(TcpConnection c, long now) {
        TcpState st = c.state();
        boolean info = st != TcpState.TIME_WAIT && st != TcpState.SYN_RECV && st != TcpState.CLOSE;
        boolean queues = st != TcpState.TIME_WAIT && st != TcpState.CLOSE;
        return new Sock.SockRow(Sock.TCP, st.ssName(), queues ? c.recvQueueBytes() : 0,
                queues ? c.sendQueueBytes() : 0, c.localAddr(), c.localPort(),
                c.remoteAddr(), c.remotePort(), info ? c.info(now) : null, c.congestionControl());
    }
}
