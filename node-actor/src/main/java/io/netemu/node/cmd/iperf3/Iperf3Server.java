package io.netemu.node.cmd.iperf3;

import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.sock.Sock;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.sock.Errno;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * {@code iperf3 -s}: listens on its port; a client's control connection (its cookie) starts a test
 * that this end drives: PARAM_EXCHANGE, CREATE_STREAMS (data connections accepted on the same port
 * and known by the cookie; UDP streams by their first datagram), TEST_START and TEST_RUNNING; the
 * client's TEST_END stops it, results go both ways, DISPLAY_RESULTS. Then it listens for the next
 * test, until killed, or exits after one with {@code -1}. Its output is what iperf3 -s prints.
 */
public final class Iperf3Server extends Iperf3Process {
    private final Iperf3Options cmd;
    private final StringBuilder log = new StringBuilder();
    private ActorRef<Sock.Command> listener;
    private ActorRef<Sock.Command> ctrl;
    private int ctrlSock = -1;
    private int ctrlRemoteAddr, ctrlRemotePort;
    private Iperf3Proto.Reader ctrlIn;
    private byte[] cookie;
    private boolean awaitParams;
    private boolean awaitResults;
    private int test;
    private int readyStreams;
    private ActorRef<Sock.Command> udpListener;
    private int udpListenerSock = -1;

    private Iperf3Server(ActorContext<Object> ctx, Iperf3Options cmd, ActorRef<NsInbound> ns,
                         ActorRef<CommandResult> replyTo) {
        super(ctx, ns, replyTo);
        this.cmd = cmd;
        this.o = cmd;
        ns.tell(new NamespaceActor.SockOpen(Sock.TCP, ctx.getSelf().narrow()));
    }

    static Behavior<Object> create(Iperf3Options o, ActorRef<NsInbound> ns, ActorRef<CommandResult> replyTo) {
        return Behaviors.setup(ctx -> new Iperf3Server(ctx, o, ns, replyTo));
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder().onAnyMessage(this::onMessage).build();
    }

    private Behavior<Object> onMessage(Object m) {
        switch (m) {
            case Sock.Opened op -> onOpened(op);
            case Sock.Done d -> { return onDone(d); }
            case Sock.Accepted a -> onAccepted(a);
            case Sock.Connected c -> { }
            case Sock.Received r -> { return onReceived(r); }
            case Sock.Sent s -> {
                Iperf3Stream st = bySock.get(s.sock());
                if (st != null) {
                    onSent(st, s);
                }
            }
            case Sock.Writable w -> {
                Iperf3Stream st = bySock.get(w.sock());
                if (st != null) {
                    onWritable(st);
                }
            }
            case Sock.Info i -> onInfo(i);
            case Iperf3Tick t -> onTick(t);
            default -> { }
        }
        return this;
    }

    private void banner() {
        test++;
        String dashes = "-----------------------------------------------------------\n";
        log.append(dashes).append("Server listening on ").append(cmd.port()).append(" (test #").append(test)
                .append(")\n").append(dashes);
    }

    private void onOpened(Sock.Opened op) {
        if (listener == null) {
            listener = op.socket();
            listener.tell(new Sock.SetOpt("SO_REUSEADDR", 1, null));
            listener.tell(new Sock.Bind(0, cmd.port()));
            return;
        }
        // a UDP socket for the next UDP stream, bound to the server's port
        udpListener = op.socket();
        udpListenerSock = op.sock();
        udpListener.tell(new Sock.SetOpt("SO_REUSEADDR", 1, null));
        udpListener.tell(new Sock.Bind(0, cmd.port()));
    }

    private Behavior<Object> onDone(Sock.Done d) {
        if (d.op().equals("bind") && d.sock() == udpListenerSock) {
            udpListener.tell(new Sock.Recv(65535, false));
            return this;
        }
        if (d.op().equals("bind") || d.op().equals("listen")) {
            if (d.errno() != 0) {
                return exit(1, log.toString(), "iperf3: error - unable to start listener for connections: "
                        + Errno.strerror(d.errno()) + "\niperf3: exiting\n");
            }
            if (d.op().equals("bind")) {
                listener.tell(new Sock.Listen(5));
            } else {
                banner();
                listener.tell(new Sock.Accept(null));
            }
        }
        return this;
    }

    private void onAccepted(Sock.Accepted a) {
        if (a.errno() != 0) {
            return;
        }
        if (ctrl == null) {
            ctrl = a.socket();
            ctrlSock = a.newSock();
            ctrlRemoteAddr = a.remoteAddr();
            ctrlRemotePort = a.remotePort();
            ctrlIn = new Iperf3Proto.Reader();
            ctrl.tell(new Sock.Recv(Iperf3Proto.COOKIE_SIZE, false));
            return;
        }
        int i = streams.size();
        Iperf3Stream s = new Iperf3Stream(a.newSock(), a.socket(), Iperf3Stream.serverFd(i), Iperf3Stream.streamId(i));
        s.localAddr = a.localAddr();
        s.localPort = a.localPort();
        s.remoteAddr = a.remoteAddr();
        s.remotePort = a.remotePort();
        streams.add(s);
        bySock.put(s.sock, s);
        s.ref.tell(new Sock.Recv(Iperf3Proto.COOKIE_SIZE, false));
        if (streams.size() < o.parallel()) {
            listener.tell(new Sock.Accept(null));
        }
    }

    private Behavior<Object> onReceived(Sock.Received r) {
        if (r.sock() == ctrlSock) {
            return onControl(r);
        }
        if (r.sock() == udpListenerSock) {
            return onUdpHello(r);
        }
        Iperf3Stream s = bySock.get(r.sock());
        if (s == null) {
            return this;
        }
        if (s.cookieLeft > 0) {
            s.cookieLeft -= r.data().length;
            if (r.data().length == 0) {
                return this;
            }
            if (s.cookieLeft > 0) {
                s.ref.tell(new Sock.Recv(s.cookieLeft, false));
            } else {
                streamReady(s);
            }
            return this;
        }
        onReceived(s, r);
        return this;
    }

    /** A UDP stream's first datagram: the socket connects to its sender and answers; the next stream gets a fresh socket. */
    private Behavior<Object> onUdpHello(Sock.Received r) {
        int i = streams.size();
        Iperf3Stream s = new Iperf3Stream(udpListenerSock, udpListener, Iperf3Stream.serverFd(i), Iperf3Stream.streamId(i));
        s.cookieLeft = 0;
        s.localPort = cmd.port();
        s.remoteAddr = r.fromAddr();
        s.remotePort = r.fromPort();
        streams.add(s);
        bySock.put(s.sock, s);
        udpListenerSock = -1;
        s.ref.tell(new Sock.Connect(r.fromAddr(), r.fromPort()));
        s.ref.tell(new Sock.Send(ByteBuffer.allocate(4).putInt(Iperf3Proto.UDP_CONNECT_REPLY).array()));
        if (streams.size() < o.parallel()) {
            ns.tell(new NamespaceActor.SockOpen(Sock.UDP, getContext().getSelf().narrow()));
        }
        streamReady(s);
        return this;
    }

    private void streamReady(Iperf3Stream s) {
        if (++readyStreams < o.parallel()) {
            return;
        }
        for (Iperf3Stream x : streams) {
            report.line(String.format("[%3d] local %s port %d connected to %s port %d", x.fd,
                    Ipv4Address.format(x.localAddr != 0 ? x.localAddr : s.localAddr), x.localPort,
                    Ipv4Address.format(x.remoteAddr), x.remotePort));
        }
        ctrl.tell(new Sock.Send(new byte[] {Iperf3Proto.TEST_START}));
        ctrl.tell(new Sock.Send(new byte[] {Iperf3Proto.TEST_RUNNING}));
        startData();
    }

    private Behavior<Object> onControl(Sock.Received r) {
        if (r.data().length == 0) {
            return testDone(); // the client went away
        }
        if (cookie == null) {
            ctrlIn.add(r.data());
            cookie = ctrlIn.take(Iperf3Proto.COOKIE_SIZE);
            if (cookie == null) {
                ctrl.tell(new Sock.Recv(Iperf3Proto.COOKIE_SIZE - ctrlIn.available(), false));
                return this;
            }
            log.append("Accepted connection from ").append(Ipv4Address.format(ctrlRemoteAddr)).append(", port ")
                    .append(ctrlRemotePort).append('\n');
            ctrl.tell(new Sock.Send(new byte[] {Iperf3Proto.PARAM_EXCHANGE}));
            awaitParams = true;
            ctrl.tell(new Sock.Recv(65536, false));
            return this;
        }
        ctrlIn.add(r.data());
        ctrl.tell(new Sock.Recv(65536, false));
        while (true) {
            if (awaitParams || awaitResults) {
                Object j = ctrlIn.json();
                if (j == null) {
                    return this;
                }
                if (awaitParams) {
                    awaitParams = false;
                    onParams((Map<?, ?>) j);
                } else {
                    awaitResults = false;
                    return onClientResults(j);
                }
                continue;
            }
            byte[] b = ctrlIn.take(1);
            if (b == null) {
                return this;
            }
            switch (b[0]) {
                case Iperf3Proto.TEST_END -> stopData(() -> {
                    ctrl.tell(new Sock.Send(new byte[] {Iperf3Proto.EXCHANGE_RESULTS}));
                    awaitResults = true;
                });
                case Iperf3Proto.IPERF_DONE, Iperf3Proto.CLIENT_TERMINATE -> { return testDone(); }
                default -> { }
            }
        }
    }

    private void onParams(Map<?, ?> p) {
        boolean udp = Boolean.TRUE.equals(p.get("udp"));
        int par = (int) Math.max(1, CJson.num(p, "parallel"));
        boolean rev = Boolean.TRUE.equals(p.get("reverse"));
        int len = (int) CJson.num(p, "len");
        String cc = p.get("congestion") instanceof String s ? s : null;
        o = new Iperf3Options(true, null, 0, cmd.port(), cmd.oneOff(), (int) CJson.num(p, "time"),
                (long) CJson.num(p, "num"), (long) CJson.num(p, "bandwidth"), udp, par, rev,
                len > 0 ? len : udp ? Iperf3Options.UDP_BLKSIZE : Iperf3Options.TCP_BLKSIZE, cmd.json(),
                cmd.interval(), 0, cc, (int) CJson.num(p, "window"), Boolean.TRUE.equals(p.get("nodelay")));
        sender = rev;
        report = new Iperf3Report(sender, udp, par, cmd.json());
        ctrl.tell(new Sock.Send(new byte[] {Iperf3Proto.CREATE_STREAMS}));
        if (udp) {
            ns.tell(new NamespaceActor.SockOpen(Sock.UDP, getContext().getSelf().narrow()));
        } else {
            listener.tell(new Sock.Accept(null));
        }
    }

    private Behavior<Object> onClientResults(Object j) {
        List<Iperf3Report.Side> mine = mySides();
        String cc = o.congestion() != null ? o.congestion() : "cubic";
        ctrl.tell(new Sock.Send(Iperf3Proto.json(Iperf3Json.results(sender, o.udp(), cc, mine))));
        ctrl.tell(new Sock.Send(new byte[] {Iperf3Proto.DISPLAY_RESULTS}));
        report.summary(mine, null);
        if (o.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("start", Iperf3Json.start(streams, o, Iperf3Proto.cookieText(cookie), null, 0,
                    1_700_000_000L + startNs / 1_000_000_000L));
            doc.put("intervals", report.intervals);
            doc.put("end", Iperf3Json.end(report, streams, mine, Iperf3Json.sides(j, streams), cc));
            log.append(CJson.print(doc)).append('\n');
        }
        return this;
    }

    /** The test is over (or its client vanished): close its sockets, then the next test or the exit. */
    private Behavior<Object> testDone() {
        if (running) {
            stopData(() -> { });
        }
        if (report != null && !o.json()) {
            log.append(report.out);
        }
        closeStreams();
        if (ctrl != null) {
            ctrl.tell(new Sock.Close());
        }
        if (udpListener != null && udpListenerSock >= 0) {
            udpListener.tell(new Sock.Close());
        }
        streams.clear();
        bySock.clear();
        ctrl = null;
        ctrlSock = -1;
        cookie = null;
        readyStreams = 0;
        awaitParams = awaitResults = false;
        report = null;
        udpListener = null;
        udpListenerSock = -1;
        if (cmd.oneOff()) {
            listener.tell(new Sock.Close());
            return exit(0, log.toString(), "");
        }
        banner();
        listener.tell(new Sock.Accept(null));
        return this;
    }
}
