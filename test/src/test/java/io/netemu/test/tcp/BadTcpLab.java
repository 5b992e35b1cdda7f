package io.netemu.test.tcp;

import io.netemu.device.NetDevice;
import io.netemu.device.capture.Captured;
import io.netemu.device.capture.Direction;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.sock.Sock;
import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.sock.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * netemu's side of {@code linux-tcp/tcp_bad_input.py}, step for step: a client (n0, 10.0.0.1) and a
 * server (n1, 10.0.0.2, port 7000) on one veth, on virtual time; a connection exchanges "hello" and
 * "world"; the client's own last segment (seen by a packet tap on its device) gives its sequence
 * numbers; the case's frames go into the client's device as if from the server's end; then the
 * client reads (non-blocking), writes one byte and is asked its state, and its counters are compared
 * with before.
 */
final class BadTcpLab implements AutoCloseable {
    static final int PORT = 7000;
    private static final long CLIENT_MAC = 0x020000000001L;
    private static final long SERVER_MAC = 0x020000000002L;

    /** What a case did, printed as the script prints it. */
    record Outcome(boolean alive, String data, int errno, int replies, Map<String, Long> deltas) {
        @Override
        public String toString() {
            return "alive=" + (alive ? 1 : 0) + " data=" + (data.isEmpty() ? "-" : data) + " err="
                    + (errno == 0 ? "0" : Errno.name(errno)) + " replies=" + replies
                    + deltas.entrySet().stream().map(e -> " " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
        }
    }

    final VirtualChain chain = new VirtualChain(2, true);
    private final int client = Ipv4Address.parse("10.0.0.1");
    private final int server = Ipv4Address.parse("10.0.0.2");
    private final List<byte[]> sent = new CopyOnWriteArrayList<>();

    BadTcpLab() {
        ActorRef<Captured> tap = chain.kit.spawn(Behaviors.receiveMessage(c -> {
            if (c.dir() == Direction.OUT) {
                for (SkBuff f : c.frames()) {
                    sent.add(java.util.Arrays.copyOfRange(f.array(), f.dataOffset(), f.tailOffset()));
                }
            }
            return Behaviors.same();
        }));
        chain.devices.get(0).get("eth0").device().tell(new NetDevice.AddTap(tap));
    }

    Outcome run(BadTcpCase k) {
        SockInbox srv = new SockInbox(chain);
        SockInbox cli = new SockInbox(chain);
        chain.nodes.get(1).tell(new NamespaceActor.SockOpen(Sock.TCP, srv.ref));
        ActorRef<Sock.Command> listener = srv.next(Sock.Opened.class).socket();
        listener.tell(new Sock.Bind(server, PORT));
        srv.next(Sock.Done.class);
        listener.tell(new Sock.Listen(8));
        srv.next(Sock.Done.class);
        listener.tell(new Sock.Accept(null));
        chain.nodes.get(0).tell(new NamespaceActor.SockOpen(Sock.TCP, cli.ref));
        ActorRef<Sock.Command> c = cli.next(Sock.Opened.class).socket();
        c.tell(new Sock.Connect(server, PORT));
        Sock.Connected conn = cli.next(Sock.Connected.class);
        ActorRef<Sock.Command> s = srv.next(Sock.Accepted.class).socket();
        c.tell(new Sock.Send("hello".getBytes(StandardCharsets.US_ASCII)));
        s.tell(new Sock.Recv(100, false));
        srv.next(Sock.Received.class);
        s.tell(new Sock.Send("world".getBytes(StandardCharsets.US_ASCII)));
        c.tell(new Sock.Recv(100, false));
        cli.next(Sock.Received.class);
        chain.runTo(chain.clock.nanos() + 300_000_000L); // delayed ACKs out: the client's last segment is its latest word
        long[] last = lastFromClient(conn.localPort(), 0);

        Map<String, Long> before = counters();
        int mark = sent.size();
        List<SkBuff> frames = new ArrayList<>();
        for (BadTcpCase.Inject i : k.frames(last[1], last[0])) {
            frames.add(SkBuff.wrap(TcpFrames.frame(CLIENT_MAC, SERVER_MAC, server, client, PORT, conn.localPort(),
                    i.seq(), i.ack(), i.flags(), i.options(), i.doff(), i.payload())));
        }
        chain.devices.get(0).get("eth0").device().tell(new NetDevice.Receive(frames));
        chain.runTo(chain.clock.nanos() + 300_000_000L);
        int replies = 0;
        for (int i = mark; i < sent.size(); i++) {
            long[] t = TcpFrames.tcpOf(sent.get(i), 0, sent.get(i).length, client);
            if (t != null && t[3] == conn.localPort()) {
                replies++;
            }
        }

        c.tell(new Sock.Recv(100, true));
        Sock.Received r = cli.next(Sock.Received.class);
        int err = r.errno() == Errno.EAGAIN ? 0 : r.errno();
        c.tell(new Sock.Send(new byte[] {'x'}));
        Sock.Sent x = cli.next(Sock.Sent.class);
        if (err == 0 && x.errno() != 0) {
            err = x.errno();
        }
        chain.runTo(chain.clock.nanos() + 100_000_000L);
        c.tell(new Sock.GetInfo());
        boolean alive = cli.next(Sock.Info.class).row().state().equals("ESTAB");
        Map<String, Long> after = counters();
        Map<String, Long> deltas = new TreeMap<>();
        after.forEach((name, v) -> {
            long d = v - before.getOrDefault(name, 0L);
            if (d != 0 && (name.startsWith("Tcp")) && !name.equals("TcpCurrEstab")) {
                deltas.put(name, d);
            }
        });
        return new Outcome(alive, new String(r.data(), StandardCharsets.US_ASCII), err, replies, deltas);
    }

    /** {seq, ack, len, port} of the client's latest segment on port {@code port}. */
    private long[] lastFromClient(int port, int from) {
        long[] got = null;
        for (int i = from; i < sent.size(); i++) {
            long[] t = TcpFrames.tcpOf(sent.get(i), 0, sent.get(i).length, client);
            if (t != null && t[3] == port) {
                got = t;
            }
        }
        if (got == null) {
            throw new AssertionError("the tap saw no segment of the client's from port " + port);
        }
        return got;
    }

    /** nstat -az of the client, by name. */
    Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        Matcher x = Pattern.compile("(?m)^(\\S+)\\s+(\\d+)").matcher(chain.ok(0, "nstat -az").stdout());
        while (x.find()) {
            m.put(x.group(1), Long.parseLong(x.group(2)));
        }
        return m;
    }

    @Override
    public void close() {
        chain.close();
    }
}
