package io.netemu.node.cmd.iperf3;

import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.sock.Sock;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.sock.Errno;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * {@code iperf3 -c}: connects the control connection, sends its cookie, and follows the server's
 * states: PARAM_EXCHANGE (the test's parameters as JSON), CREATE_STREAMS (-P data connections, each
 * opening with the cookie), TEST_RUNNING (write, or read under -R, for -t seconds or -n bytes),
 * then TEST_END from here, EXCHANGE_RESULTS both ways and DISPLAY_RESULTS, answered with IPERF_DONE.
 */
public final class Iperf3Client extends Iperf3Process {
    private final byte[] cookie;
    private final Iperf3Proto.Reader ctrlIn = new Iperf3Proto.Reader();
    private ActorRef<Sock.Command> ctrl;
    private int ctrlSock = -1;
    private int connectedStreams;
    private boolean awaitResults;
    private List<Iperf3Report.Side> peer;
    private final String cc;

    private Iperf3Client(ActorContext<Object> ctx, Iperf3Options o, ActorRef<NsInbound> ns,
                         ActorRef<CommandResult> replyTo) {
        super(ctx, ns, replyTo);
        this.o = o;
        this.sender = !o.reverse();
        this.cc = o.congestion() != null ? o.congestion() : "cubic";
        this.cookie = Iperf3Proto.cookie(new Random(ctx.getSelf().path().name().hashCode()));
        this.report = new Iperf3Report(sender, o.udp(), o.parallel(), o.json());
        report.line("Connecting to host " + o.host() + ", port " + o.port());
        ns.tell(new NamespaceActor.SockOpen(Sock.TCP, ctx.getSelf().narrow()));
    }

    static Behavior<Object> create(Iperf3Options o, ActorRef<NsInbound> ns, ActorRef<CommandResult> replyTo) {
        return Behaviors.setup(ctx -> new Iperf3Client(ctx, o, ns, replyTo));
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder().onAnyMessage(this::onMessage).build();
    }

    private Behavior<Object> onMessage(Object m) {
        switch (m) {
            case Sock.Opened op -> onOpened(op);
            case Sock.Connected c -> { return onConnected(c); }
            case Sock.Done d -> {
                Iperf3Stream s = bySock.get(d.sock());
                if (s != null && d.op().equals("bind")) {
                    if (d.errno() != 0) {
                        return fail("unable to connect stream: " + Errno.strerror(d.errno()));
                    }
                    s.ref.tell(new Sock.Connect(o.addr(), o.port()));
                }
            }
            case Sock.Received r -> {
                if (r.sock() == ctrlSock) {
                    return onControl(r);
                }
                Iperf3Stream s = bySock.get(r.sock());
                if (s != null) {
                    onReceived(s, r);
                    if (!sender && o.bytes() > 0 && running && totalReceived() >= o.bytes()) {
                        endTest();
                    }
                }
            }
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

    private long totalReceived() {
        return streams.stream().mapToLong(s -> s.bytes).sum();
    }

    private void onOpened(Sock.Opened op) {
        if (ctrl == null) {
            ctrl = op.socket();
            ctrlSock = op.sock();
            ctrl.tell(new Sock.Connect(o.addr(), o.port()));
            return;
        }
        int i = streams.size();
        Iperf3Stream s = new Iperf3Stream(op.sock(), op.socket(), Iperf3Stream.clientFd(i), Iperf3Stream.streamId(i));
        streams.add(s);
        bySock.put(op.sock(), s);
        if (!o.udp()) {
            if (o.congestion() != null) {
                s.ref.tell(new Sock.SetOpt("TCP_CONGESTION", 0, o.congestion()));
            }
            if (o.window() > 0) {
                s.ref.tell(new Sock.SetOpt("SO_SNDBUF", o.window(), null));
                s.ref.tell(new Sock.SetOpt("SO_RCVBUF", o.window(), null));
            }
            if (o.nodelay()) {
                s.ref.tell(new Sock.SetOpt("TCP_NODELAY", 1, null));
            }
        }
        if (o.cport() > 0) {
            s.ref.tell(new Sock.Bind(0, o.cport() + i));
        } else {
            s.ref.tell(new Sock.Connect(o.addr(), o.port()));
        }
    }

    private Behavior<Object> onConnected(Sock.Connected c) {
        if (c.sock() == ctrlSock) {
            if (c.errno() != 0) {
                return fail("unable to connect to server - server may have stopped running or use a different port, "
                        + "firewall issue, etc.: " + Errno.strerror(c.errno()));
            }
            ctrl.tell(new Sock.Send(cookie));
            ctrl.tell(new Sock.Recv(65536, false));
            return this;
        }
        Iperf3Stream s = bySock.get(c.sock());
        if (c.errno() != 0) {
            return fail("unable to connect stream: " + Errno.strerror(c.errno()));
        }
        s.localAddr = c.localAddr();
        s.localPort = c.localPort();
        s.remoteAddr = c.remoteAddr();
        s.remotePort = c.remotePort();
        if (o.udp()) {
            s.ref.tell(new Sock.Send(ByteBuffer.allocate(4).putInt(Iperf3Proto.UDP_CONNECT_MSG).array()));
            s.ref.tell(new Sock.Recv(4, false)); // the server's UDP_CONNECT_REPLY
        } else {
            s.ref.tell(new Sock.Send(cookie));
        }
        if (++connectedStreams < o.parallel()) {
            openStream(); // the server numbers streams in accept order: connect them in order
        } else {
            if (o.reverse()) {
                report.line("Reverse mode, remote host " + o.host() + " is sending");
            }
            for (Iperf3Stream x : streams) {
                report.line(String.format("[%3d] local %s port %d connected to %s port %d", x.fd,
                        Ipv4Address.format(x.localAddr), x.localPort, Ipv4Address.format(x.remoteAddr), x.remotePort));
            }
        }
        return this;
    }

    private Behavior<Object> onControl(Sock.Received r) {
        if (r.data().length == 0) {
            return fail(r.errno() != 0 ? "control socket has closed unexpectedly"
                    : "the server has terminated");
        }
        ctrlIn.add(r.data());
        ctrl.tell(new Sock.Recv(65536, false));
        while (true) {
            if (awaitResults) {
                Object res = ctrlIn.json();
                if (res == null) {
                    return this;
                }
                awaitResults = false;
                peer = Iperf3Json.sides(res, streams);
                continue;
            }
            byte[] b = ctrlIn.take(1);
            if (b == null) {
                return this;
            }
            switch (b[0]) {
                case Iperf3Proto.PARAM_EXCHANGE -> ctrl.tell(new Sock.Send(Iperf3Proto.json(params())));
                case Iperf3Proto.CREATE_STREAMS -> openStream(); // one after another, as iperf3's blocking connects
                case Iperf3Proto.TEST_START -> { }
                case Iperf3Proto.TEST_RUNNING -> {
                    startData();
                    if (o.bytes() == 0) {
                        timers.schedule(getContext().getSelf(), Iperf3Tick.END, o.seconds() * 1_000_000_000L);
                    }
                }
                case Iperf3Proto.EXCHANGE_RESULTS -> {
                    ctrl.tell(new Sock.Send(Iperf3Proto.json(Iperf3Json.results(sender, o.udp(), cc, mySides()))));
                    awaitResults = true;
                }
                case Iperf3Proto.DISPLAY_RESULTS -> { return display(); }
                case Iperf3Proto.ACCESS_DENIED -> { return fail("the server is busy running a test. try again later"); }
                case Iperf3Proto.SERVER_ERROR -> { return fail("the server has terminated"); }
                case Iperf3Proto.SERVER_TERMINATE -> { return fail("the server has terminated"); }
                default -> { }
            }
        }
    }

    private void openStream() {
        ns.tell(new NamespaceActor.SockOpen(o.udp() ? Sock.UDP : Sock.TCP, getContext().getSelf().narrow()));
    }

    private Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(o.udp() ? "udp" : "tcp", true);
        p.put("omit", 0);
        if (o.bytes() == 0) {
            p.put("time", o.seconds());
        }
        p.put("num", o.bytes());
        p.put("blockcount", 0);
        if (o.nodelay()) {
            p.put("nodelay", true);
        }
        p.put("parallel", o.parallel());
        if (o.reverse()) {
            p.put("reverse", true);
        }
        if (o.window() > 0) {
            p.put("window", o.window());
        }
        p.put("len", o.len());
        if (o.rate() > 0) {
            p.put("bandwidth", o.rate());
        }
        p.put("pacing_timer", 1000);
        if (o.congestion() != null) {
            p.put("congestion", o.congestion());
        }
        p.put("client_version", Iperf3Proto.VERSION);
        return p;
    }

    @Override
    double partialMin() {
        return o.bytes() == 0 ? 0.05 * o.interval() : PARTIAL_MIN_SECS;
    }

    @Override
    void endTimer() {
        endTest();
    }

    @Override
    void bytesDone() {
        endTest();
    }

    private void endTest() {
        stopData(() -> ctrl.tell(new Sock.Send(new byte[] {Iperf3Proto.TEST_END})));
    }

    private Behavior<Object> display() {
        List<Iperf3Report.Side> mine = mySides();
        report.summary(mine, peer);
        ctrl.tell(new Sock.Send(new byte[] {Iperf3Proto.IPERF_DONE}));
        ctrl.tell(new Sock.Close());
        if (o.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("start", Iperf3Json.start(streams, o, Iperf3Proto.cookieText(cookie), o.host(), o.port(),
                    1_700_000_000L + startNs / 1_000_000_000L));
            doc.put("intervals", report.intervals);
            doc.put("end", Iperf3Json.end(report, streams, mine, peer, cc));
            return exit(0, CJson.print(doc) + "\n", "");
        }
        report.out.append("\niperf Done.\n");
        return exit(0, report.out.toString(), "");
    }

    private Behavior<Object> fail(String msg) {
        if (ctrl != null) {
            ctrl.tell(new Sock.Close());
        }
        if (o.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("start", Map.of());
            doc.put("intervals", List.of());
            doc.put("end", Map.of());
            doc.put("error", msg);
            return exit(1, CJson.print(doc) + "\n", "");
        }
        return exit(1, report.out.toString(), "iperf3: error - " + msg + "\n");
    }
}
