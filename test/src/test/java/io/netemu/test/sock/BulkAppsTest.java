package io.netemu.test.sock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.sock.Sock;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The bulk sender against a scripted socket. The wrong digest OffloadTransferTest saw with TSO on
 * came from here: a short write arms Writable, the sender sends again at once, and when Writable
 * overtakes that second Send's answer the sender sent the same bytes twice (and, counting both,
 * stopped short of the end: same length, different bytes). TSO only changed the timing.
 */
class BulkAppsTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    @Test
    void aWritableThatOvertakesASentDoesNotSendBytesTwice() {
        byte[] data = BulkApps.payload(4 * 65536, 7);
        TestProbe<NsInbound> ns = KIT.createTestProbe();
        TestProbe<Sock.Command> sock = KIT.createTestProbe();
        TestProbe<CommandResult> done = KIT.createTestProbe();
        ActorRef<Object> app = KIT.spawn(BulkApps.sender(ns.getRef(), 1, 5001, data, done.getRef()));
        ns.expectMessageClass(NamespaceActor.SockOpen.class);
        app.tell(new Sock.Opened(1, sock.getRef(), 0));
        sock.expectMessageClass(Sock.Connect.class);
        app.tell(new Sock.Connected(1, 0, 1, 40000, 2, 5001));

        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Sock.Send first = sock.expectMessageClass(Sock.Send.class);
        stream.write(first.data(), 0, 1000); // a short write: the socket arms Writable
        app.tell(new Sock.Sent(1, 1000, 0));
        Sock.Send second = sock.expectMessageClass(Sock.Send.class);
        app.tell(new Sock.Writable(1)); // room again, before the answer to the second Send
        stream.writeBytes(second.data());
        app.tell(new Sock.Sent(1, second.data().length, 0));
        while (stream.size() < data.length) {
            Sock.Send next = sock.expectMessageClass(Sock.Send.class);
            stream.writeBytes(next.data());
            app.tell(new Sock.Sent(1, next.data().length, 0));
        }
        sock.expectMessageClass(Sock.Close.class);
        sock.expectNoMessage(Duration.ofMillis(50));
        assertEquals(0, BulkApps.Result.of(done.receiveMessage()).errno());
        assertArrayEquals(data, stream.toByteArray());
    }
}
