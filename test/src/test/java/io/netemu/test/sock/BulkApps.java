package io.netemu.test.sock;

import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.sock.Sock;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** Test-only applications over the socket API: a receiver that digests a stream, a sender that pushes one. */
final class BulkApps {
    /**
     * What an app reports: bytes moved, the SHA-256 of them, or an errno; carried in a
     * {@link CommandResult} (exit: errno, stdout: digest, stderr: bytes), a message the suite's serializer knows.
     */
    record Result(long bytes, String sha256, int errno) {
        CommandResult wire() {
            return new CommandResult(errno, sha256 == null ? "" : sha256, Long.toString(bytes));
        }

        static Result of(CommandResult r) {
            return new Result(Long.parseLong(r.stderr()), r.stdout(), r.exit());
        }
    }

    private BulkApps() {}

    static byte[] payload(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b, int off, int len) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(b, off, len);
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** listen on {@code port}, accept one connection, read to the end, report. {@code ready} hears when it listens. */
    static Behavior<Object> receiver(ActorRef<NsInbound> ns, int port, ActorRef<CommandResult> ready, ActorRef<CommandResult> done) {
        return Behaviors.setup(ctx -> {
            ns.tell(new NamespaceActor.SockOpen(Sock.TCP, ctx.getSelf().narrow()));
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            long[] total = {0};
            ActorRef<Sock.Command>[] s = new ActorRef[2];
            return Behaviors.receiveMessage(m -> {
                switch (m) {
                    case Sock.Opened o -> { s[0] = o.socket(); s[0].tell(new Sock.Bind(0, port)); }
                    case Sock.Done dn when dn.op().equals("bind") -> s[0].tell(new Sock.Listen(8));
                    case Sock.Done dn when dn.op().equals("listen") -> {
                        ready.tell(new Result(0, null, dn.errno()).wire());
                        s[0].tell(new Sock.Accept(null));
                    }
                    case Sock.Accepted a -> { s[1] = a.socket(); s[1].tell(new Sock.Recv(65536, false)); }
                    case Sock.Received r -> {
                        if (r.data().length > 0) {
                            d.update(r.data());
                            total[0] += r.data().length;
                            s[1].tell(new Sock.Recv(65536, false));
                        } else {
                            done.tell(new Result(total[0], HexFormat.of().formatHex(d.digest()), r.errno()).wire());
                            s[1].tell(new Sock.Close());
                            s[0].tell(new Sock.Close());
                            return Behaviors.stopped();
                        }
                    }
                    default -> { }
                }
                return Behaviors.same();
            });
        });
    }

    /** connect to {@code addr:port}, send {@code data} (waiting for Writable when the buffer is full), close, report. */
    static Behavior<Object> sender(ActorRef<NsInbound> ns, int addr, int port, byte[] data, ActorRef<CommandResult> done) {
        return Behaviors.setup(ctx -> {
            ns.tell(new NamespaceActor.SockOpen(Sock.TCP, ctx.getSelf().narrow()));
            int[] off = {0};
            // one Send at a time: a Writable that overtakes the Sent of a later Send must not send the
            // same bytes twice (a short write arms Writable, and the next Send may then be in flight)
            boolean[] inFlight = {false};
            ActorRef<Sock.Command>[] s = new ActorRef[1];
            Runnable push = () -> {
                if (inFlight[0]) {
                    return;
                }
                inFlight[0] = true;
                int n = Math.min(65536, data.length - off[0]);
                s[0].tell(new Sock.Send(java.util.Arrays.copyOfRange(data, off[0], off[0] + n)));
            };
            return Behaviors.receiveMessage(m -> {
                switch (m) {
                    case Sock.Opened o -> { s[0] = o.socket(); s[0].tell(new Sock.Connect(addr, port)); }
                    case Sock.Connected c -> {
                        if (c.errno() != 0) {
                            done.tell(new Result(0, null, c.errno()).wire());
                            return Behaviors.stopped();
                        }
                        push.run();
                    }
                    case Sock.Sent st -> {
                        inFlight[0] = false;
                        if (st.errno() != 0) {
                            done.tell(new Result(off[0], null, st.errno()).wire());
                            return Behaviors.stopped();
                        }
                        off[0] += st.bytes();
                        if (off[0] == data.length) {
                            s[0].tell(new Sock.Close());
                            done.tell(new Result(off[0], null, 0).wire());
                            return Behaviors.stopped();
                        }
                        if (st.bytes() > 0) {
                            push.run();
                        }
                    }
                    case Sock.Writable w -> push.run();
                    default -> { }
                }
                return Behaviors.same();
            });
        });
    }
}
