package io.netemu.test.tcp;

import io.netemu.device.NsInbound;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.sock.Sock;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Test-only applications for long transfers: a sender that writes a seeded pseudo-random stream of any
 * length (generated chunk by chunk, never held whole) and digests what the socket took, and a receiver
 * that digests what it reads. Each reports in a {@link CommandResult}: exit the errno, stdout the
 * SHA-256, stderr the byte count.
 */
final class StreamApps {
    /** Bytes offered to the socket per send(2), as iperf3's default TCP write. */
    static final int CHUNK = 128 * 1024;

    private StreamApps() {}

    static CommandResult report(int errno, MessageDigest d, long bytes) {
        return new CommandResult(errno, d == null ? "" : HexFormat.of().formatHex(d.digest()), Long.toString(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of the first {@code total} bytes of the stream {@link #sender} writes for {@code seed}. */
    static String expectedDigest(long total, long seed) {
        MessageDigest d = sha256();
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] b = new byte[CHUNK];
        for (long left = total; left > 0; left -= b.length) {
            rnd.nextBytes(b);
            d.update(b, 0, (int) Math.min(b.length, left));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** listen on {@code port}, accept one connection, read to the end, report; {@code ready} hears when it listens. */
    static Behavior<Object> receiver(ActorRef<NsInbound> ns, int port, ActorRef<CommandResult> ready,
                                     ActorRef<CommandResult> done) {
        return Behaviors.setup(ctx -> {
            ns.tell(new NamespaceActor.SockOpen(Sock.TCP, ctx.getSelf().narrow()));
            MessageDigest d = sha256();
            long[] total = {0};
            @SuppressWarnings("unchecked")
            ActorRef<Sock.Command>[] s = new ActorRef[2];
            return Behaviors.receiveMessage(m -> {
                switch (m) {
                    case Sock.Opened o -> { s[0] = o.socket(); s[0].tell(new Sock.Bind(0, port)); }
                    case Sock.Done dn when dn.op().equals("bind") -> s[0].tell(new Sock.Listen(8));
                    case Sock.Done dn when dn.op().equals("listen") -> {
                        ready.tell(report(dn.errno(), null, 0));
                        s[0].tell(new Sock.Accept(null));
                    }
                    case Sock.Accepted a -> { s[1] = a.socket(); s[1].tell(new Sock.Recv(CHUNK, false)); }
                    case Sock.Received r -> {
                        if (r.data().length > 0) {
                            d.update(r.data());
                            total[0] += r.data().length;
                            s[1].tell(new Sock.Recv(CHUNK, false));
                        } else {
                            done.tell(report(r.errno(), d, total[0]));
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

    /**
     * connect to {@code addr:port}, write {@code total} bytes of the stream seeded with {@code seed}
     * (what a short send left of a chunk goes again after {@link Sock.Writable}), close, report.
     */
    static Behavior<Object> sender(ActorRef<NsInbound> ns, int addr, int port, long total, long seed,
                                   ActorRef<CommandResult> done) {
        return Behaviors.setup(ctx -> {
            ns.tell(new NamespaceActor.SockOpen(Sock.TCP, ctx.getSelf().narrow()));
            SplittableRandom rnd = new SplittableRandom(seed);
            MessageDigest d = sha256();
            long[] sent = {0};
            byte[][] pending = {null};
            @SuppressWarnings("unchecked")
            ActorRef<Sock.Command>[] s = new ActorRef[1];
            Runnable push = () -> {
                if (pending[0] == null) {
                    byte[] b = new byte[CHUNK];
                    rnd.nextBytes(b);
                    int n = (int) Math.min(CHUNK, total - sent[0]);
                    pending[0] = n == CHUNK ? b : Arrays.copyOf(b, n);
                }
                s[0].tell(new Sock.Send(pending[0]));
            };
            return Behaviors.receiveMessage(m -> {
                switch (m) {
                    case Sock.Opened o -> { s[0] = o.socket(); s[0].tell(new Sock.Connect(addr, port)); }
                    case Sock.Connected c -> {
                        if (c.errno() != 0) {
                            done.tell(report(c.errno(), null, 0));
                            return Behaviors.stopped();
                        }
                        push.run();
                    }
                    case Sock.Sent st -> {
                        if (st.errno() != 0) {
                            done.tell(report(st.errno(), null, sent[0]));
                            return Behaviors.stopped();
                        }
                        byte[] p = pending[0];
                        d.update(p, 0, st.bytes());
                        sent[0] += st.bytes();
                        pending[0] = st.bytes() == p.length ? null : Arrays.copyOfRange(p, st.bytes(), p.length);
                        if (sent[0] == total) {
                            s[0].tell(new Sock.Close());
                            done.tell(report(0, d, sent[0]));
                            return Behaviors.stopped();
                        }
                        if (pending[0] == null) {
                            push.run(); // the buffer took it all: more may fit
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
