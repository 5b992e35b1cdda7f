package io.netemu.test.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.sock.Sock;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.sock.Errno;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's bad peers, through a router (h0 - r1 - h2), on virtual time: a connect to a closed port
 * is refused by the peer's RST; a datagram to a closed port draws an ICMP port unreachable that the
 * connected UDP socket's next recv reports as ECONNREFUSED; a server that crashes and boots again
 * answers the client's next segment on the old connection with a RST, and the client sees
 * ECONNRESET. Each with the counters Linux moves, and every namespace still answering afterwards.
 */
class BadPeerTest {
    private static final int SERVER = Ipv4Address.parse("10.0.1.2");

    @Test
    void connectToAClosedPortIsRefusedByARst() {
        try (VirtualChain c = new VirtualChain(3)) {
            CommandResult nc = c.run(0, "nc -z -v 10.0.1.2 80", 10_000_000_000L);
            assertEquals(1, nc.exit());
            assertEquals("nc: connect to 10.0.1.2 port 80 (tcp) failed: Connection refused\n", nc.stderr());
            assertEquals(1, ExactTransferTest.counter(c.ok(2, "nstat -az").stdout(), "TcpOutRsts"));
            assertEquals(1, ExactTransferTest.counter(c.ok(0, "nstat -az").stdout(), "TcpAttemptFails"));
        }
    }

    @Test
    void udpToAClosedPortIsAPortUnreachableAndECONNREFUSEDOnTheNextRecv() {
        try (VirtualChain c = new VirtualChain(3)) {
            SockInbox app = new SockInbox(c);
            c.nodes.get(0).tell(new NamespaceActor.SockOpen(Sock.UDP, app.ref));
            ActorRef<Sock.Command> s = app.next(Sock.Opened.class).socket();
            s.tell(new Sock.Connect(SERVER, 9999));
            assertEquals(0, app.next(Sock.Connected.class).errno());
            s.tell(new Sock.Send("ping".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(0, app.next(Sock.Sent.class).errno());
            s.tell(new Sock.Recv(100, false));
            assertEquals(Errno.ECONNREFUSED, app.next(Sock.Received.class).errno());
            String server = c.ok(2, "nstat -az").stdout();
            assertEquals(1, ExactTransferTest.counter(server, "UdpNoPorts"));
            assertEquals(1, ExactTransferTest.counter(server, "IcmpOutDestUnreachs"));
            assertEquals(1, ExactTransferTest.counter(c.ok(0, "nstat -az").stdout(), "IcmpInDestUnreachs"));
            // the error was reported once: the socket works on (a second datagram, a second refusal)
            s.tell(new Sock.Send("ping".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(0, app.next(Sock.Sent.class).errno());
            s.tell(new Sock.Recv(100, false));
            assertEquals(Errno.ECONNREFUSED, app.next(Sock.Received.class).errno());
        }
    }

    @Test
    void aServerThatRestartedResetsTheHalfOpenConnection() {
        try (VirtualChain c = new VirtualChain(3)) {
            SockInbox srv = new SockInbox(c);
            SockInbox cli = new SockInbox(c);
            c.nodes.get(2).tell(new NamespaceActor.SockOpen(Sock.TCP, srv.ref));
            ActorRef<Sock.Command> listener = srv.next(Sock.Opened.class).socket();
            listener.tell(new Sock.Bind(0, 7000));
            srv.next(Sock.Done.class);
            listener.tell(new Sock.Listen(8));
            srv.next(Sock.Done.class);
            listener.tell(new Sock.Accept(null));
            c.nodes.get(0).tell(new NamespaceActor.SockOpen(Sock.TCP, cli.ref));
            ActorRef<Sock.Command> s = cli.next(Sock.Opened.class).socket();
            s.tell(new Sock.Connect(SERVER, 7000));
            assertEquals(0, cli.next(Sock.Connected.class).errno());
            srv.next(Sock.Accepted.class);
            assertTrue(c.ok(0, "ss -tan").stdout().contains("ESTAB"), "established before the crash");

            c.restartLast(); // the server's host crashes and boots: no socket remembers the connection
            assertEquals(0, ExactTransferTest.counter(c.ok(2, "nstat -az").stdout(), "TcpOutRsts"));
            s.tell(new Sock.Send("still there?".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(12, cli.next(Sock.Sent.class).bytes(), "the send itself succeeds: the data is queued");
            s.tell(new Sock.Recv(100, false));
            Sock.Received r = cli.next(Sock.Received.class);
            assertEquals(Errno.ECONNRESET, r.errno(), "Connection reset by peer");
            assertEquals("Connection reset by peer", Errno.strerror(r.errno()));
            assertEquals(1, ExactTransferTest.counter(c.ok(2, "nstat -az").stdout(), "TcpOutRsts"));
            assertEquals(1, ExactTransferTest.counter(c.ok(0, "nstat -az").stdout(), "TcpEstabResets"));
            s.tell(new Sock.Send(new byte[] {1}));
            assertEquals(Errno.EPIPE, cli.next(Sock.Sent.class).errno(), "after the reset was reported: EPIPE");
            assertTrue(!c.ok(0, "ss -tan").stdout().contains("ESTAB"), "no connection left");
            c.ok(0, "ping -c 1 10.0.1.2");
        }
    }
}
