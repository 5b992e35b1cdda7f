package io.netemu.cli.bench;

import io.netemu.device.NetDevice;
import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.EthernetFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The two ends of the hops benchmark: a generator that is the veth peer of the first router's
 * {@code eth0} and a sink that is the peer of the last router's {@code eth1}. Both speak
 * {@link NetDevice.Command} to the device they are joined to (carrier, frames) and answer ARP
 * requests for their address. Flow control is by credit: the sink grants one credit per
 * batch-worth of frames it received, and the generator keeps at most {@code window} batches
 * unacknowledged. A frame lost on the way leaks its share of a credit; when no credit came for
 * {@link #STALL} the generator counts a stall and starts a fresh window, so a loss can slow the
 * run but never stop it.
 */
public final class TrafficEnds {
    static final Duration STALL = Duration.ofMillis(200);

    private TrafficEnds() {}

    /** Counters shared with the benchmark's main thread (written by one actor each). */
    static final class Shared {
        final AtomicLong sentFrames = new AtomicLong();
        final AtomicLong receivedFrames = new AtomicLong();
        final AtomicLong stalls = new AtomicLong();
        final AtomicLong arpReplies = new AtomicLong();
        final AtomicLong otherFrames = new AtomicLong();
        /** The TTL the first frame arrived with at the sink, -1 until one did. */
        volatile int firstTtl = -1;
    }

    /**
     * What the benchmark tells the ends, and the sink tells the generator; serializable (Kryo),
     * since {@code netemu bench members} runs the ends on member JVMs.
     */
    public sealed interface Control {}

    public record Start() implements Control {}

    public record Stop() implements Control {}

    public record Credit(int batches) implements Control {}

    /** Answered with {@link Counts}: the counters of the end's JVM. */
    public record GetCounts(ActorRef<Counts> replyTo) implements Control {}

    /** {@link Shared} as a message. */
    public record Counts(long sentFrames, long receivedFrames, long stalls, long arpReplies, long otherFrames, int firstTtl) {
        static Counts of(Shared s) {
            return new Counts(s.sentFrames.get(), s.receivedFrames.get(), s.stalls.get(), s.arpReplies.get(),
                    s.otherFrames.get(), s.firstTtl);
        }
    }

    private enum Tick { INSTANCE }

    /** What the generator sends. */
    public record GenConfig(long mac, int ip, long dstMac, int dstIp, int ttl, int frameLen, int batch, int window) {}

    static Behavior<Object> generator(GenConfig cfg, Shared shared) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new Generator(ctx, t, cfg, shared)));
    }

    static Behavior<Object> sink(long mac, int ip, int batch, ActorRef<Object> generator, Shared shared) {
        return sink(mac, ip, batch, 1, generator, shared);
    }

    /** A sink that grants credits {@code creditBatches} batches at a time (fewer messages when the generator is far away). */
    static Behavior<Object> sink(long mac, int ip, int batch, int creditBatches, ActorRef<Object> generator, Shared shared) {
        return Behaviors.setup(ctx -> new Sink(ctx, mac, ip, batch, creditBatches, generator, shared));
    }

    private static final class Generator extends AbstractBehavior<Object> {
        private final GenConfig cfg;
        private final Shared shared;
        private final byte[] template;
        private ActorRef<NetDevice.Command> peer;
        private boolean running;
        private int inFlight;
        private int port;
        private long lastCredit;

        Generator(ActorContext<Object> ctx, TimerScheduler<Object> timers, GenConfig cfg, Shared shared) {
            super(ctx);
            this.cfg = cfg;
            this.shared = shared;
            this.template = Frames.udpTemplate(cfg.mac(), cfg.dstMac(), cfg.ip(), cfg.dstIp(), cfg.ttl(), cfg.frameLen());
            timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofMillis(20));
        }

        @Override
        public Receive<Object> createReceive() {
            return newReceiveBuilder().onAnyMessage(this::on).build();
        }

        private Behavior<Object> on(Object msg) {
            switch (msg) {
                case NetDevice.SetPeer p -> {
                    peer = p.peer();
                    peer.tell(new NetDevice.PeerState(true));
                }
                case NetDevice.Receive r -> answerArp(r.frames(), peer, cfg.mac(), cfg.ip(), shared, true);
                case Start s -> {
                    running = true;
                    lastCredit = System.nanoTime();
                    fill();
                }
                case Stop s -> running = false;
                case GetCounts g -> g.replyTo().tell(Counts.of(shared));
                case Credit c -> {
                    inFlight = Math.max(0, inFlight - c.batches());
                    lastCredit = System.nanoTime();
                    fill();
                }
                case Tick t -> {
                    if (running && inFlight > 0 && System.nanoTime() - lastCredit > STALL.toNanos()) {
                        shared.stalls.incrementAndGet();
                        inFlight = 0;
                        lastCredit = System.nanoTime();
                        fill();
                    }
                }
                default -> { } // PeerState, GetCounters and the rest of a device's protocol: nothing to do
            }
            return this;
        }

        private void fill() {
            while (running && peer != null && inFlight < cfg.window()) {
                List<SkBuff> batch = new ArrayList<>(cfg.batch());
                for (int i = 0; i < cfg.batch(); i++) {
                    port = port % 65535 + 1;
                    batch.add(Frames.stamp(template, port, cfg.ip(), cfg.dstIp()));
                }
                peer.tell(new NetDevice.Receive(batch));
                inFlight++;
                shared.sentFrames.addAndGet(cfg.batch());
            }
        }
    }

    private static final class Sink extends AbstractBehavior<Object> {
        private final long mac;
        private final int ip;
        private final int batch;
        private final int creditFrames;
        private final ActorRef<Object> generator;
        private final Shared shared;
        private ActorRef<NetDevice.Command> peer;
        private int pending;

        Sink(ActorContext<Object> ctx, long mac, int ip, int batch, int creditBatches, ActorRef<Object> generator, Shared shared) {
            super(ctx);
            this.mac = mac;
            this.ip = ip;
            this.batch = batch;
            this.creditFrames = batch * Math.max(1, creditBatches);
            this.generator = generator;
            this.shared = shared;
        }

        @Override
        public Receive<Object> createReceive() {
            return newReceiveBuilder().onAnyMessage(this::on).build();
        }

        private Behavior<Object> on(Object msg) {
            switch (msg) {
                case NetDevice.SetPeer p -> {
                    peer = p.peer();
                    peer.tell(new NetDevice.PeerState(true));
                }
                case NetDevice.Receive r -> onFrames(r.frames());
                case GetCounts g -> g.replyTo().tell(Counts.of(shared));
                default -> { }
            }
            return this;
        }

        private void onFrames(List<SkBuff> frames) {
            int n = 0;
            for (int i = 0, size = frames.size(); i < size; i++) {
                SkBuff f = frames.get(i);
                if (Frames.isIpv4(f)) {
                    if (shared.firstTtl < 0) {
                        shared.firstTtl = f.getByte(EthernetFrame.HEADER_LEN + 8);
                    }
                    n++;
                }
            }
            if (n < frames.size()) {
                answerArp(frames, peer, mac, ip, shared, false);
            }
            shared.receivedFrames.addAndGet(n);
            pending += n;
            if (pending >= creditFrames) {
                generator.tell(new Credit(pending / batch));
                pending %= batch;
            }
        }
    }

    /** Answers ARP requests for {@code ip}; counts the other frames (IPv4 ones too when {@code countIpv4}). */
    private static void answerArp(List<SkBuff> frames, ActorRef<NetDevice.Command> peer, long mac, int ip, Shared shared,
                                  boolean countIpv4) {
        for (SkBuff f : frames) {
            SkBuff reply = Frames.arpReply(f, mac, ip);
            if (reply != null && peer != null) {
                peer.tell(new NetDevice.Receive(List.of(reply)));
                shared.arpReplies.incrementAndGet();
            } else if (countIpv4 || !Frames.isIpv4(f)) {
                shared.otherFrames.incrementAndGet();
            }
        }
    }
}
