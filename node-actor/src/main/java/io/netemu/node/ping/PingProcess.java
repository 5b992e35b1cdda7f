package io.netemu.node.ping;

import io.netemu.device.NsInbound;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.device.time.NetTimers;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.packet.wire.IcmpType;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.stack.sock.SocketEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * iputils {@code ping} as a process actor of its namespace: opens an ICMP socket, sends echo
 * requests on its interval, prints what comes back in iputils' words, and exits 0 (some
 * reply), 1 (none, or fewer than {@code -c} by the {@code -w} deadline) or 2 (an error).
 */
public final class PingProcess extends AbstractBehavior<PingProcess.Command> {
    public interface Command {}

    /** The namespace's answer to {@link NamespaceActor.PingOpen}. */
    public record Opened(int ident, int src, int errno, int mtu, int oif) implements Command {}

    /** A socket event for this ping. */
    public record Event(SocketEvent event) implements Command {}

    /** Its own timers: the next echo, the wait after the last one, the -w deadline. */
    public enum Timer implements Command { SEND, LINGER, DEADLINE }

    private final NetTimers timers;
    private final NetClock clock;
    private final ActorRef<NsInbound> ns;
    private final ActorRef<CommandResult> replyTo;
    private final PingOptions opt;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final PingStats stats = new PingStats();
    private final Map<Integer, Long> sentAt = new HashMap<>();
    /** Sequence numbers answered once already (iputils' rcvd_tbl). */
    private final java.util.Set<Integer> answered = new java.util.HashSet<>();
    private int ident;
    private int oif;
    private long start;
    private long lastSend;
    private boolean exitScheduled;

    private PingProcess(ActorContext<Command> ctx, PingOptions opt, ActorRef<NsInbound> ns,
                        ActorRef<CommandResult> replyTo) {
        super(ctx);
        NetTime time = NetTime.get(ctx.getSystem());
        this.timers = time.timers();
        this.clock = time.clock();
        this.opt = opt;
        this.ns = ns;
        this.replyTo = replyTo;
    }

    public static Behavior<Command> create(List<String> argv, ActorRef<NsInbound> ns, ActorRef<CommandResult> replyTo) {
        PingOptions opt;
        try {
            opt = PingOptions.parse(argv);
        } catch (PingOptions.UsageException e) {
            replyTo.tell(CommandResult.fail(2, e.getMessage()));
            return Behaviors.stopped();
        }
        return Behaviors.setup(ctx -> {
            ns.tell(new NamespaceActor.PingOpen(opt.dst(), opt.iface(), ctx.getSelf()));
            return new PingProcess(ctx, opt, ns, replyTo);
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Opened.class, this::onOpened)
                .onMessage(Event.class, m -> onEvent(m.event()))
                .onMessageEquals(Timer.SEND, this::send)
                .onMessageEquals(Timer.LINGER, this::finish)
                .onMessageEquals(Timer.DEADLINE, this::finish)
                .build();
    }

    private Behavior<Command> onOpened(Opened o) {
        if (o.errno() != 0) {
            String why = switch (o.errno()) {
                case 19 -> "SO_BINDTODEVICE " + opt.iface() + ": No such device";
                case 13 -> "connect: Permission denied";
                case 22 -> "connect: Invalid argument";
                case 113 -> "connect: No route to host";
                default -> "connect: Network is unreachable";
            };
            replyTo.tell(CommandResult.fail(2, "ping: " + why));
            return Behaviors.stopped();
        }
        ident = o.ident();
        oif = o.oif();
        out.append("PING ").append(opt.dstText()).append(" (").append(Ipv4Address.format(opt.dst())).append(") ")
                .append(opt.dataLen()).append('(').append(opt.dataLen() + 28).append(") bytes of data.\n");
        start = clock.nanos();
        lastSend = start;
        if (opt.deadlineNanos() > 0) {
            timers.schedule(getContext().getSelf(), Timer.DEADLINE, opt.deadlineNanos());
        }
        return send();
    }

    private Behavior<Command> send() {
        int seq = (int) (stats.transmitted + 1);
        stats.transmitted++;
        lastSend = clock.nanos();
        sentAt.put(seq & 0xffff, lastSend);
        answered.remove(seq & 0xffff); // rcvd_clear: the number is used again after a wrap
        ns.tell(new NamespaceActor.PingSend(ident, seq & 0xffff, opt.dst(), opt.dataLen(), opt.ttl(), opt.tos(),
                opt.pmtudisc(), oif));
        if (opt.count() != PingOptions.NO_COUNT && stats.transmitted >= opt.count() && opt.deadlineNanos() == 0) {
            scheduleExit();
        } else {
            timers.schedule(getContext().getSelf(), Timer.SEND, opt.intervalNanos());
        }
        return this;
    }

    /**
     * After the last echo of {@code -c}: wait twice the longest RTT seen (at least an interval)
     * when replies came, else the linger time ({@code -W}, 10 s), as iputils' schedule_exit.
     */
    private void scheduleExit() {
        if (exitScheduled) {
            return;
        }
        exitScheduled = true;
        long wait = stats.received > 0 ? Math.max(2 * stats.tmax() * 1000, opt.intervalNanos()) : opt.lingerNanos();
        timers.schedule(getContext().getSelf(), Timer.LINGER, wait);
    }

    private Behavior<Command> onEvent(SocketEvent e) {
        switch (e) {
            case SocketEvent.EchoReply r -> {
                Long sent = sentAt.get(r.seq());
                if (sent == null) {
                    return this; // a reply to another run's echo
                }
                // gather_statistics: a second reply to one echo (netem duplicate, a loop) is a
                // repeat: its RTT counts, the received count does not, and the line says so
                boolean dup = !answered.add(r.seq());
                if (dup) {
                    stats.repeats++;
                } else {
                    stats.received++;
                }
                stats.acknowledge(r.seq());
                long us = Math.max(0, (r.rxNanos() - sent) / 1000);
                stats.rtt(us);
                if (!opt.quiet()) {
                    out.append(r.icmpLen()).append(" bytes from ").append(Ipv4Address.format(r.from()))
                            .append(": icmp_seq=").append(r.seq()).append(" ttl=").append(r.ttl())
                            .append(" time=").append(PingStats.time(us)).append(" ms").append(dup ? " (DUP!)\n" : "\n");
                }
            }
            case SocketEvent.IcmpError ie -> {
                stats.errors++;
                stats.acknowledge(ie.seq());
                if (!opt.quiet()) {
                    out.append("From ").append(Ipv4Address.format(ie.from())).append(" icmp_seq=").append(ie.seq())
                            .append(' ').append(describe(ie.type(), ie.code(), ie.info())).append('\n');
                }
            }
            case SocketEvent.LocalError le -> {
                stats.errors++;
                if (le.errno() == 90) {
                    err.append("ping: local error: message too long, mtu=").append(le.info()).append('\n');
                } else {
                    err.append("ping: sendmsg: ").append(strerror(le.errno())).append('\n');
                }
            }
        }
        // main_loop's exit conditions
        if (opt.count() != PingOptions.NO_COUNT && stats.received + stats.errors >= opt.count()) {
            return finish();
        }
        if (opt.deadlineNanos() > 0 && stats.errors > 0) {
            return finish();
        }
        return this;
    }

    private Behavior<Command> finish() {
        // iputils measures to the last probe sent, not to the end of the wait
        long elapsedMs = (lastSend - start + 500_000) / 1_000_000;
        out.append("\n--- ").append(opt.dstText()).append(" ping statistics ---\n").append(stats.summary(elapsedMs));
        boolean ok = stats.received > 0 && !(opt.deadlineNanos() > 0 && opt.count() != PingOptions.NO_COUNT
                && stats.received < opt.count());
        replyTo.tell(new CommandResult(ok ? 0 : 1, out.toString(), err.toString()));
        ns.tell(new NamespaceActor.PingClose(ident));
        return Behaviors.stopped();
    }

    /** iputils' pr_icmph wording. */
    static String describe(int type, int code, int info) {
        if (type == IcmpType.TIME_EXCEEDED) {
            return code == 0 ? "Time to live exceeded" : code == 1 ? "Frag reassembly time exceeded"
                    : "Time exceeded, Bad Code: " + code;
        }
        if (type != IcmpType.DEST_UNREACH) {
            return "Bad ICMP type: " + type;
        }
        return switch (code) {
            case 0 -> "Destination Net Unreachable";
            case 1 -> "Destination Host Unreachable";
            case 2 -> "Destination Protocol Unreachable";
            case 3 -> "Destination Port Unreachable";
            case 4 -> "Frag needed and DF set (mtu = " + info + ")";
            case 5 -> "Source Route Failed";
            case 6 -> "Destination Net Unknown";
            case 7 -> "Destination Host Unknown";
            case 8 -> "Source Host Isolated";
            case 9 -> "Destination Net Prohibited";
            case 10 -> "Destination Host Prohibited";
            case 11 -> "Destination Net Unreachable for Type of Service";
            case 12 -> "Destination Host Unreachable for Type of Service";
            case 13 -> "Packet filtered";
            case 14 -> "Precedence Violation";
            case 15 -> "Precedence Cutoff";
            default -> "Dest Unreachable, Bad Code: " + code;
        };
    }

    private static String strerror(int errno) {
        return switch (errno) {
            case 101 -> "Network is unreachable";
            case 113 -> "No route to host";
            case 13 -> "Permission denied";
            case 22 -> "Invalid argument";
            default -> "errno " + errno;
        };
    }
}
