package io.netemu.node.sock;

import io.netemu.node.ns.NamespaceActor;
import io.netemu.stack.sock.Errno;
import io.netemu.stack.sock.SockInput;
import io.netemu.stack.udp.UdpMib;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A UDP socket as an actor: a receive queue bounded by its buffer (a datagram that does not fit is
 * dropped and counted, RcvbufErrors), sends through the namespace (which builds the header and
 * checksum), autobind on the first send, and connect(2) as a default peer whose ICMP errors
 * (port unreachable: ECONNREFUSED) the next call returns, as __udp4_lib_err does.
 */
public final class UdpSocket extends AbstractBehavior<SockMsg> {
    /** What a datagram costs in the receive buffer besides its payload (a small skb's truesize). */
    private static final int OVERHEAD = 768;

    private final int id;
    private final SockEnv env;
    private ActorRef<Sock.Reply> owner;
    private final ArrayDeque<SockInput.Udp> queue = new ArrayDeque<>();
    private final ArrayDeque<Sock.Send> waitingSends = new ArrayDeque<>();
    private int queued;
    private int rcvbuf;
    private boolean reuse;
    private int laddr;
    private int lport;
    private int raddr;
    private int rport;
    private boolean binding;
    private boolean connecting;
    private int sockErr;
    private Sock.Recv parked;
    private int pendingSends;

    private UdpSocket(ActorContext<SockMsg> ctx, int id, SockEnv env, ActorRef<Sock.Reply> owner, int rcvbuf) {
        super(ctx);
        this.id = id;
        this.env = env;
        this.owner = owner;
        this.rcvbuf = rcvbuf;
        if (owner != null) {
            ctx.watchWith(owner, SockMsg.OwnerGone.INSTANCE);
        }
    }

    /** socket(AF_INET, SOCK_DGRAM); {@code rcvbuf}: net.core.rmem_default. */
    public static Behavior<SockMsg> create(int id, SockEnv env, ActorRef<Sock.Reply> owner, int rcvbuf) {
        return Behaviors.setup(ctx -> new UdpSocket(ctx, id, env, owner, rcvbuf));
    }

    @Override
    public Receive<SockMsg> createReceive() {
        return newReceiveBuilder().onAnyMessage(this::onMessage).build();
    }

    private Behavior<SockMsg> onMessage(SockMsg m) {
        switch (m) {
            case SockMsg.Input in -> in.items().forEach(this::onInput);
            case Sock.Bind b -> {
                binding = true;
                env.ns().tell(new NamespaceActor.SockBind(id, b.addr(), b.port(), reuse, getContext().getSelf()));
            }
            case SockMsg.Bound b -> onBound(b);
            case Sock.Connect c -> {
                connecting = true;
                raddr = c.addr();
                rport = c.port();
                env.ns().tell(new NamespaceActor.SockConnect(id, c.addr(), c.port(), getContext().getSelf()));
            }
            case SockMsg.Routed r -> {
                connecting = false;
                if (r.errno() == 0) {
                    laddr = r.localAddr();
                    lport = r.localPort();
                } else {
                    raddr = 0;
                    rport = 0;
                }
                owner.tell(new Sock.Connected(id, r.errno(), laddr, lport, raddr, rport));
            }
            case Sock.Send s -> onSend(s);
            case SockMsg.XmitDone x -> {
                pendingSends--;
                owner.tell(new Sock.Sent(id, x.errno() == 0 ? x.bytes() : -1, x.errno()));
            }
            case Sock.Recv r -> {
                Sock.Received got = tryRecv(r.max());
                if (got != null) {
                    owner.tell(got);
                } else if (r.nonblock()) {
                    owner.tell(new Sock.Received(id, new byte[0], false, Errno.EAGAIN, 0, 0));
                } else {
                    parked = r;
                }
            }
            case Sock.Shutdown s -> owner.tell(new Sock.Done(id, "shutdown", raddr == 0 ? Errno.ENOTCONN : 0));
            case Sock.SetOpt o -> owner.tell(new Sock.Done(id, "setsockopt", setOpt(o)));
            case Sock.GetInfo g -> owner.tell(new Sock.Info(id, row()));
            case SockMsg.Snapshot s -> s.replyTo().tell(new Sock.Rows(List.of(row())));
            case Sock.Close c -> { return Behaviors.stopped(); }
            case SockMsg.OwnerGone g -> { return Behaviors.stopped(); }
            case Sock.Listen l -> owner.tell(new Sock.Done(id, "listen", Errno.EOPNOTSUPP));
            case Sock.Accept a -> owner.tell(new Sock.Accepted(id, Errno.EOPNOTSUPP, -1, null, 0, 0, 0, 0));
            case SockMsg.Listening l -> { }
            case SockMsg.Timer t -> { }
            case SockMsg.ChildGone g -> { }
        }
        return this;
    }

    private void onBound(SockMsg.Bound b) {
        binding = false;
        if (b.errno() == 0) {
            laddr = b.addr();
            lport = b.port();
        }
        if (waitingSends.isEmpty()) {
            owner.tell(new Sock.Done(id, "bind", b.errno()));
            return;
        }
        while (!waitingSends.isEmpty()) {
            Sock.Send s = waitingSends.poll();
            if (b.errno() != 0) {
                owner.tell(new Sock.Sent(id, -1, b.errno()));
            } else {
                xmit(s);
            }
        }
    }

    private void onSend(Sock.Send s) {
        if (sockErr != 0) {
            int e = sockErr;
            sockErr = 0;
            owner.tell(new Sock.Sent(id, -1, e));
            return;
        }
        if (s.addr() == 0 && raddr == 0) {
            owner.tell(new Sock.Sent(id, -1, Errno.EDESTADDRREQ));
            return;
        }
        if (lport == 0) { // inet_autobind
            waitingSends.add(s);
            if (!binding) {
                binding = true;
                env.ns().tell(new NamespaceActor.SockBind(id, 0, 0, reuse, getContext().getSelf()));
            }
            return;
        }
        xmit(s);
    }

    private void xmit(Sock.Send s) {
        pendingSends++;
        int dst = s.addr() != 0 ? s.addr() : raddr;
        int dport = s.addr() != 0 ? s.port() : rport;
        env.ns().tell(new NamespaceActor.UdpXmit(id, laddr, lport, dst, dport, s.data(), getContext().getSelf()));
    }

    private void onInput(SockInput in) {
        switch (in) {
            case SockInput.Udp u -> {
                int cost = u.data().length + OVERHEAD;
                if (queued + cost > rcvbuf) {
                    env.udpMib().inc(UdpMib.Field.RcvbufErrors);
                    env.udpMib().inc(UdpMib.Field.InErrors);
                    return;
                }
                queue.add(u);
                queued += cost;
            }
            case SockInput.IcmpError e -> {
                // without IP_RECVERR only hard errors on a connected socket are reported (port and protocol unreachable...)
                boolean hard = e.type() == 3 && (e.code() == 2 || e.code() == 3 || e.code() >= 9 && e.code() != 11 && e.code() != 12);
                if (raddr != 0 && hard) {
                    sockErr = e.code() == 3 ? Errno.ECONNREFUSED : e.code() == 2 ? Errno.ENOPROTOOPT : Errno.EHOSTUNREACH;
                }
            }
            case SockInput.Tcp t -> { }
        }
        if (parked != null) {
            Sock.Received got = tryRecv(parked.max());
            if (got != null) {
                parked = null;
                owner.tell(got);
            }
        }
    }

    private Sock.Received tryRecv(int max) {
        SockInput.Udp u = queue.poll();
        if (u != null) {
            queued -= u.data().length + OVERHEAD;
            byte[] d = u.data().length <= max ? u.data() : java.util.Arrays.copyOf(u.data(), max);
            return new Sock.Received(id, d, false, 0, u.srcAddr(), u.srcPort());
        }
        if (sockErr != 0) {
            int e = sockErr;
            sockErr = 0;
            return new Sock.Received(id, new byte[0], false, e, 0, 0);
        }
        return null;
    }

    private int setOpt(Sock.SetOpt o) {
        switch (o.name()) {
            case "SO_REUSEADDR" -> reuse = o.value() != 0;
            case "SO_RCVBUF" -> rcvbuf = Math.max(o.value() * 2, 2304);
            case "SO_SNDBUF" -> { }
            default -> {
                return Errno.ENOPROTOOPT;
            }
        }
        return 0;
    }

    private Sock.SockRow row() {
        return new Sock.SockRow(Sock.UDP, raddr != 0 ? "ESTAB" : "UNCONN", queued, 0, laddr, lport, raddr, rport, null, null);
    }
}
