package io.netemu.node.cmd.iperf3;

import io.netemu.device.NsInbound;
import io.netemu.device.time.NetClock;
import io.netemu.device.time.NetTime;
import io.netemu.device.time.NetTimers;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.sock.Sock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * What an iperf3 client and server share: the data streams of a running test. The sender keeps
 * one write outstanding per stream (a short count waits for {@link Sock.Writable}, as a blocking
 * write would), paced to {@code -b} when set; the receiver keeps one read outstanding. Every
 * {@code -i} the streams' counters (and, on a TCP sender, TCP_INFO) become an interval report.
 */
abstract class Iperf3Process extends AbstractBehavior<Object> {
    static final int UDP_HEADER = 12;
    /** A last interval shorter than this is the end timer's own jitter after an interval tick: not reported. */
    static final double PARTIAL_MIN_SECS = 0.005;

    final ActorRef<NsInbound> ns;
    final ActorRef<CommandResult> replyTo;
    final NetTimers timers;
    final NetClock clock;
    Iperf3Options o;
    Iperf3Report report;
    final Map<Integer, Iperf3Stream> bySock = new HashMap<>();
    final List<Iperf3Stream> streams = new ArrayList<>();
    boolean sender;
    boolean running;
    long startNs;
    long endNs;
    double lastIv;
    long totalSent;
    private byte[] block;
    private int infosPending;
    private Runnable afterInfos;
    private NetTimers.Timer ivTimer;
    private NetTimers.Timer paceTimer;
    private int ticks;

    Iperf3Process(ActorContext<Object> ctx, ActorRef<NsInbound> ns, ActorRef<CommandResult> replyTo) {
        super(ctx);
        this.ns = ns;
        this.replyTo = replyTo;
        NetTime t = NetTime.get(ctx.getSystem());
        this.timers = t.timers();
        this.clock = t.clock();
    }

    double secs(long ns) {
        return (ns - startNs) / 1e9;
    }

    /** The test runs: writes or reads begin on every stream, the interval clock starts. */
    void startData() {
        running = true;
        startNs = clock.nanos();
        lastIv = 0;
        ticks = 0;
        block = new byte[o.len()];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) ('0' + i % 10); // iperf3's default payload is whatever its buffer holds; digits here
        }
        for (Iperf3Stream s : streams) {
            if (sender) {
                pump(s);
            } else {
                s.ref.tell(new Sock.Recv(o.udp() ? 65535 : o.len(), false));
            }
        }
        scheduleInterval();
    }

    private void scheduleInterval() {
        if (o.interval() > 0) {
            long next = startNs + Math.round(++ticks * o.interval() * 1e9);
            ivTimer = timers.schedule(getContext().getSelf(), Iperf3Tick.INTERVAL, Math.max(0, next - clock.nanos()));
        }
    }

    /** Offers the next block to a stream's socket, unless it is busy, full, done or ahead of -b. */
    void pump(Iperf3Stream s) {
        if (!running || s.sending || s.blocked) {
            return;
        }
        long left = o.bytes() > 0 ? o.bytes() - totalSent : Long.MAX_VALUE;
        if (left <= 0) {
            return;
        }
        if (o.rate() > 0) {
            double elapsed = (clock.nanos() - startNs) / 1e9;
            if ((s.bytes * 8.0) > o.rate() / (double) streams.size() * elapsed) {
                if (paceTimer == null) {
                    paceTimer = timers.schedule(getContext().getSelf(), Iperf3Tick.PACE, 1_000_000L);
                }
                return;
            }
        }
        byte[] data;
        if (o.udp()) {
            data = block.clone();
            long now = clock.nanos();
            ByteBuffer.wrap(data).putInt((int) (now / 1_000_000_000L)).putInt((int) (now / 1000 % 1_000_000))
                    .putInt((int) (s.packets + 1));
        } else {
            data = left < block.length ? java.util.Arrays.copyOf(block, (int) left) : block;
        }
        s.sending = true;
        s.ref.tell(new Sock.Send(data));
    }

    void onPace() {
        paceTimer = null;
        streams.forEach(this::pump);
    }

    void onSent(Iperf3Stream s, Sock.Sent m) {
        if (!s.sending) {
            return; // the answer to the cookie (or UDP hello), not to data
        }
        s.sending = false;
        if (m.errno() != 0) {
            s.blocked = true; // the peer is gone; the control connection ends the test
            return;
        }
        s.bytes += m.bytes();
        s.intervalBytes += m.bytes();
        totalSent += m.bytes();
        if (o.udp()) {
            s.packets++;
            s.intervalPackets++;
        }
        if (!o.udp() && m.bytes() < block.length && (o.bytes() == 0 || totalSent < o.bytes())) {
            s.blocked = true;
        }
        if (o.bytes() > 0 && totalSent >= o.bytes()) {
            if (running) {
                bytesDone();
            }
            return;
        }
        pump(s);
    }

    void onWritable(Iperf3Stream s) {
        s.blocked = false;
        pump(s);
    }

    void onReceived(Iperf3Stream s, Sock.Received r) {
        if (r.data().length == 0 && (r.eof() || r.errno() != 0) && !o.udp()) {
            return; // the sender closed: nothing more to read
        }
        if (running) {
            if (o.udp() && r.data().length >= UDP_HEADER) {
                ByteBuffer b = ByteBuffer.wrap(r.data());
                long sec = b.getInt() & 0xffffffffL;
                long usec = b.getInt() & 0xffffffffL;
                long seq = b.getInt() & 0xffffffffL;
                s.onDatagram(seq, sec + usec / 1e6, clock.nanos() / 1e9, r.data().length);
            } else if (!o.udp()) {
                s.bytes += r.data().length;
                s.intervalBytes += r.data().length;
            }
        }
        s.ref.tell(new Sock.Recv(o.udp() ? 65535 : o.len(), false));
    }

    /** -n: every byte is written; the client ends the test. */
    void bytesDone() {
    }

    void onTick(Iperf3Tick t) {
        switch (t) {
            case INTERVAL -> {
                if (!running) {
                    return;
                }
                double now = secs(clock.nanos());
                withInfos(() -> {
                    report.interval(streams, lastIv, now);
                    lastIv = now;
                });
                scheduleInterval();
            }
            case PACE -> onPace();
            case END -> endTimer();
        }
    }

    void endTimer() {
    }

    /** Runs {@code then} once every stream's TCP_INFO is read (at once where there is none to read). */
    void withInfos(Runnable then) {
        if (o.udp() || !sender || streams.isEmpty()) {
            then.run();
            return;
        }
        Runnable prev = afterInfos;
        afterInfos = prev == null ? then : () -> { prev.run(); then.run(); };
        if (infosPending == 0) {
            infosPending = streams.size();
            streams.forEach(s -> s.ref.tell(new Sock.GetInfo()));
        }
    }

    void onInfo(Sock.Info i) {
        Iperf3Stream s = bySock.get(i.sock());
        if (s != null && i.row() != null) {
            s.onInfo(i.row().info());
        }
        if (infosPending > 0 && --infosPending == 0 && afterInfos != null) {
            Runnable r = afterInfos;
            afterInfos = null;
            r.run();
        }
    }

    /** The test stops here: no more writes or counting; the last partial interval is reported, then {@code then}. */
    void stopData(Runnable then) {
        if (!running) {
            return;
        }
        running = false;
        endNs = clock.nanos();
        if (ivTimer != null) {
            ivTimer.cancel();
        }
        if (paceTimer != null) {
            paceTimer.cancel();
            paceTimer = null;
        }
        double end = secs(endNs);
        withInfos(() -> {
            if (end - lastIv >= partialMin() && o.interval() > 0) {
                report.interval(streams, lastIv, end);
                lastIv = end;
            }
            then.run();
        });
    }

    /** The shortest last interval reported; the client's timed end falls on an interval tick, later only by timer lag. */
    double partialMin() {
        return PARTIAL_MIN_SECS;
    }

    /** This end's totals, one side per stream, ending at {@code end} seconds. */
    List<Iperf3Report.Side> mySides() {
        List<Iperf3Report.Side> l = new ArrayList<>();
        double end = secs(endNs);
        for (Iperf3Stream s : streams) {
            long packets = sender ? s.packets : s.lastSeq;
            l.add(new Iperf3Report.Side(s.fd, s.bytes, s.retrans, s.jitter * 1000, s.lost, packets, end));
        }
        return l;
    }

    void closeStreams() {
        streams.forEach(s -> s.ref.tell(new Sock.Close()));
    }

    Behavior<Object> exit(int status, String stdout, String stderr) {
        closeStreams();
        replyTo.tell(new CommandResult(status, stdout, stderr));
        return Behaviors.stopped();
    }
}
