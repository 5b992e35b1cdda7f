package io.netemu.node.cmd.nc;

import io.netemu.device.NsInbound;
import io.netemu.device.time.NetTime;
import io.netemu.device.time.NetTimers;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.sock.Sock;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.sock.Errno;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * {@code nc} (OpenBSD netcat, Debian's netcat-openbsd) as a process of its namespace, over the socket
 * API: a client connects (TCP, or UDP), reports with {@code -v} in nc's words and, unless {@code -z},
 * prints what arrives until the peer closes; {@code -l} listens (SO_REUSEADDR, backlog 1), accepts one
 * connection ({@code -k}: one after another) and prints what arrives. stdin is empty, as
 * {@code < /dev/null}: {@code -N} then shuts the sending side down, {@code -q 0} quits at once.
 */
public final class NcProcess extends AbstractBehavior<Object> {
    /** nc's own timers (sent to itself: serializable). */
    public enum Timer { CONNECT_TIMEOUT, IDLE, UDP_PROBE, QUIT }

    private static final int READ = 16384;

    private final NcOptions opt;
    private final ActorRef<NsInbound> ns;
    private final ActorRef<CommandResult> replyTo;
    private final NetTimers timers;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringBuilder err = new StringBuilder();
    private ActorRef<Sock.Command> sock;
    private ActorRef<Sock.Command> conn;
    private boolean connected;
    private int udpProbes;
    private NetTimers.Timer idle;
    private long generation;

    private NcProcess(ActorContext<Object> ctx, NcOptions opt, ActorRef<NsInbound> ns, ActorRef<CommandResult> replyTo) {
        super(ctx);
        this.opt = opt;
        this.ns = ns;
        this.replyTo = replyTo;
        this.timers = NetTime.get(ctx.getSystem()).timers();
        ns.tell(new NamespaceActor.SockOpen(opt.udp() ? Sock.UDP : Sock.TCP, ctx.getSelf().narrow()));
    }

    public static Behavior<Object> create(List<String> argv, ActorRef<NsInbound> ns, ActorRef<CommandResult> replyTo) {
        NcOptions opt;
        try {
            opt = NcOptions.parse(argv);
        } catch (NcOptions.UsageException e) {
            replyTo.tell(CommandResult.fail(1, e.getMessage()));
            return Behaviors.stopped();
        }
        return Behaviors.setup(ctx -> new NcProcess(ctx, opt, ns, replyTo));
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder().onAnyMessage(this::onMessage).build();
    }

    private String proto() {
        return opt.udp() ? "udp" : "tcp";
    }

    private Behavior<Object> onMessage(Object m) {
        switch (m) {
            case Sock.Opened o -> {
                if (o.errno() != 0) {
                    return exit(1, "nc: socket: " + Errno.strerror(o.errno()) + "\n");
                }
                sock = o.socket();
                if (opt.listen()) {
                    sock.tell(new Sock.SetOpt("SO_REUSEADDR", 1, null));
                    sock.tell(new Sock.Bind(opt.addr(), opt.port()));
                } else if (opt.srcAddr() != 0 || opt.srcPort() != 0) {
                    sock.tell(new Sock.Bind(opt.srcAddr(), opt.srcPort()));
                } else {
                    connect();
                }
            }
            case Sock.Done d -> { return onDone(d); }
            case Sock.Connected c -> { return onConnected(c); }
            case Sock.Accepted a -> {
                if (a.errno() != 0) {
                    return exit(1, "nc: accept: " + Errno.strerror(a.errno()) + "\n");
                }
                conn = a.socket();
                if (opt.verbose()) {
                    err.append("Connection received on ").append(Ipv4Address.format(a.remoteAddr())).append(' ')
                            .append(a.remotePort()).append('\n');
                }
                return stdinEof();
            }
            case Sock.Received r -> { return onReceived(r); }
            case Sock.Sent s -> {
                if (opt.udp() && opt.zero() && s.errno() != 0) {
                    return exit(1, ""); // udptest: a write failed, nothing is said
                }
            }
            case Timer t -> { return onTimer(t); }
            default -> { }
        }
        return this;
    }

    private void connect() {
        sock.tell(new Sock.Connect(opt.addr(), opt.port()));
        if (opt.timeoutNanos() > 0 && !opt.udp()) {
            timers.schedule(getContext().getSelf(), Timer.CONNECT_TIMEOUT, opt.timeoutNanos());
        }
    }

    private Behavior<Object> onDone(Sock.Done d) {
        switch (d.op()) {
            case "bind" -> {
                if (d.errno() != 0) {
                    return exit(1, "nc: " + Errno.strerror(d.errno()) + "\n");
                }
                if (!opt.listen()) {
                    connect();
                } else if (opt.udp()) {
                    listening();
                    sock.tell(new Sock.Recv(READ, false));
                } else {
                    sock.tell(new Sock.Listen(1));
                }
            }
            case "listen" -> {
                if (d.errno() != 0) {
                    return exit(1, "nc: listen: " + Errno.strerror(d.errno()) + "\n");
                }
                listening();
                sock.tell(new Sock.Accept(null));
            }
            default -> { }
        }
        return this;
    }

    private void listening() {
        if (opt.verbose()) {
            err.append("Listening on ").append(opt.addr() == 0 ? "0.0.0.0" : Ipv4Address.format(opt.addr())).append(' ')
                    .append(opt.port()).append('\n');
        }
    }

    private Behavior<Object> onConnected(Sock.Connected c) {
        if (connected) {
            return this;
        }
        if (c.errno() != 0) {
            return exit(1, opt.verbose() ? "nc: connect to " + opt.host() + " port " + opt.port() + " (" + proto()
                    + ") failed: " + Errno.strerror(c.errno()) + "\n" : "");
        }
        connected = true;
        conn = sock;
        if (opt.udp() && opt.zero()) {
            conn.tell(new Sock.Recv(1, false)); // wakes with the ICMP error an "X" draws
            return udpProbe();
        }
        succeeded();
        if (opt.zero()) {
            return exit(0, "");
        }
        return stdinEof();
    }

    private void succeeded() {
        if (opt.verbose()) {
            String svc = Services.name(opt.port(), opt.udp());
            err.append("Connection to ").append(opt.host()).append(' ').append(opt.port()).append(" port [")
                    .append(proto()).append('/').append(svc == null ? "*" : svc).append("] succeeded!\n");
        }
    }

    /**
     * udptest: an "X" a second, four in all; a write that fails (the ICMP port unreachable an earlier
     * one drew, ECONNREFUSED) ends it with exit 1, unreported. The wait lets the error come back, as
     * on Linux it has arrived before the next write.
     */
    private Behavior<Object> udpProbe() {
        if (udpProbes == 4) {
            succeeded();
            return exit(0, "");
        }
        udpProbes++;
        conn.tell(new Sock.Send("X".getBytes(StandardCharsets.US_ASCII)));
        if (udpProbes == 4) {
            return udpProbe();
        }
        timers.schedule(getContext().getSelf(), Timer.UDP_PROBE, 1_000_000_000L);
        return this;
    }

    /** stdin is at its end from the start: -N shuts the write side, -q 0 quits; then read the network. */
    private Behavior<Object> stdinEof() {
        if (opt.quitNanos() == 0) {
            return exit(0, "");
        }
        if (opt.shutdownOnEof() && !opt.udp()) {
            conn.tell(new Sock.Shutdown(Sock.SHUT_WR));
        }
        if (opt.quitNanos() > 0) {
            timers.schedule(getContext().getSelf(), Timer.QUIT, opt.quitNanos());
        }
        conn.tell(new Sock.Recv(READ, false));
        armIdle();
        return this;
    }

    private void armIdle() {
        if (opt.timeoutNanos() > 0 && !opt.listen()) {
            if (idle != null) {
                idle.cancel();
            }
            generation++;
            idle = timers.schedule(getContext().getSelf(), Timer.IDLE, opt.timeoutNanos());
        }
    }

    private Behavior<Object> onReceived(Sock.Received r) {
        if (opt.udp() && opt.zero()) {
            return r.errno() == Errno.ECONNREFUSED ? exit(1, "") : this;
        }
        if (r.data().length > 0) {
            out.writeBytes(r.data());
            armIdle();
            if (opt.listen() && opt.udp() && opt.verbose() && !connected) {
                connected = true;
                err.append("Connection received on ").append(Ipv4Address.format(r.fromAddr())).append(' ')
                        .append(r.fromPort()).append('\n');
            }
            (conn != null ? conn : sock).tell(new Sock.Recv(READ, false));
            return this;
        }
        if (r.errno() != 0 && opt.udp()) {
            sock.tell(new Sock.Recv(READ, false));
            return this;
        }
        // end of stream (or an error: nc stops reading either way)
        if (opt.listen() && opt.keep() && !opt.udp()) {
            conn.tell(new Sock.Close());
            conn = null;
            sock.tell(new Sock.Accept(null));
            return this;
        }
        return exit(0, "");
    }

    private Behavior<Object> onTimer(Timer t) {
        switch (t) {
            case CONNECT_TIMEOUT -> {
                if (!connected) {
                    return exit(1, opt.verbose() ? "nc: connect to " + opt.host() + " port " + opt.port() + " ("
                            + proto() + ") timed out: " + Errno.strerror(Errno.EINPROGRESS) + "\n" : "");
                }
            }
            case UDP_PROBE -> { return udpProbe(); }
            case IDLE -> { return exit(0, ""); }
            case QUIT -> { return exit(0, ""); }
        }
        return this;
    }

    private Behavior<Object> exit(int status, String msg) {
        err.append(msg);
        if (conn != null && conn != sock) {
            conn.tell(new Sock.Close());
        }
        if (sock != null) {
            sock.tell(new Sock.Close());
        }
        replyTo.tell(new CommandResult(status, out.toString(StandardCharsets.UTF_8), err.toString()));
        return Behaviors.stopped();
    }
}
