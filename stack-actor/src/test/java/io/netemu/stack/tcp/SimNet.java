package io.netemu.stack.tcp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * A deterministic discrete-event path for TCP tests: a virtual clock, two hosts, and per direction a
 * link with a bottleneck (rate, drop-tail buffer), one-way delay, random loss and reordering (a
 * packet held back by extra delay), all from one seed. Segments cross as real bytes with checksums.
 */
final class SimNet {
    static final long MS = 1_000_000L;
    static final int A = 0x0a000001;
    static final int B = 0x0a000002;

    private record Ev(long t, long n, Runnable r) {}

    private final PriorityQueue<Ev> events = new PriorityQueue<>((x, y) ->
            x.t != y.t ? Long.compare(x.t, y.t) : Long.compare(x.n, y.n));
    private long n;
    long now;
    final Random rnd;
    final TcpMib mibA = new TcpMib();
    final TcpMib mibB = new TcpMib();
    final Host a;
    final Host b;
    boolean wire = true; // encode and parse every segment

    SimNet(long seed, TcpConfig cfgA, TcpConfig cfgB, Link ab, Link ba) {
        rnd = new Random(seed);
        a = new Host(A, cfgA, mibA, new TcpIsn(seed), ab);
        b = new Host(B, cfgB, mibB, new TcpIsn(seed + 1), ba);
        ab.net = this;
        ba.net = this;
        ab.to = b;
        ba.to = a;
    }

    void at(long t, Runnable r) {
        events.add(new Ev(t, n++, r));
    }

    /** Runs events until {@code done} holds or the clock passes {@code limitNs}; returns whether done held. */
    boolean runUntil(BooleanSupplier done, long limitNs) {
        while (!done.getAsBoolean()) {
            Ev e = events.peek();
            if (e == null || e.t > limitNs) {
                now = Math.max(now, Math.min(limitNs, e == null ? limitNs : e.t));
                return done.getAsBoolean();
            }
            events.poll();
            now = e.t;
            e.r.run();
        }
        return true;
    }

    void runFor(long ns) {
        long end = now + ns;
        runUntil(() -> false, end);
        now = end;
    }

    /** One direction of the path. */
    static final class Link {
        final long delayNs;
        final long rateBps;      // 0: no bottleneck
        final long bufferBytes;
        final double loss;
        final double reorder;
        final long reorderNs;
        SimNet net;
        Host to;
        long busyUntil;
        long sent;
        long lost;
        long queueDrops;
        long bytesDelivered;
        /** Drops the next segments matching this (for scripted loss), then clears itself. */
        java.util.function.Predicate<TcpSegment> dropIf;

        Link(long delayNs, long rateBps, long bufferBytes, double loss, double reorder, long reorderNs) {
            this.delayNs = delayNs;
            this.rateBps = rateBps;
            this.bufferBytes = bufferBytes;
            this.loss = loss;
            this.reorder = reorder;
            this.reorderNs = reorderNs;
        }

        static Link delay(long delayNs) {
            return new Link(delayNs, 0, 0, 0, 0, 0);
        }

        void send(int src, int dst, TcpSegment seg) {
            sent++;
            if (dropIf != null && dropIf.test(seg)) {
                lost++;
                return;
            }
            if (loss > 0 && net.rnd.nextDouble() < loss) {
                lost++;
                return;
            }
            int ipLen = seg.bufferLen() + 20;
            long depart = net.now;
            if (rateBps > 0) {
                long backlog = Math.max(0, busyUntil - net.now) * rateBps / 8_000_000_000L;
                if (backlog + ipLen > bufferBytes) {
                    queueDrops++;
                    return;
                }
                long start = Math.max(net.now, busyUntil);
                busyUntil = start + ipLen * 8_000_000_000L / rateBps;
                depart = busyUntil;
            }
            long arrive = depart + delayNs;
            if (reorder > 0 && net.rnd.nextDouble() < reorder) {
                arrive += reorderNs;
            }
            Object frame = net.wire ? seg.toBytes(src, dst) : seg;
            net.at(arrive, () -> {
                bytesDelivered += ipLen;
                to.receive(src, frame);
            });
        }
    }

    /** An endpoint: its connections by (remote port, local port), an optional listener, and the app's event hook. */
    final class Host implements TcpOutput {
        final int addr;
        final TcpConfig cfg;
        final TcpMib mib;
        final TcpIsn isn;
        final Link out;
        final Map<Long, TcpConnection> conns = new HashMap<>();
        final Map<TcpConnection, Long> armed = new HashMap<>();
        final List<TcpSegment> sentLog = new ArrayList<>();
        /** The TSO super-segments the engine handed out (before they are cut into sentLog's segments), when logging. */
        final List<TcpSegment> gsoLog = new ArrayList<>();
        final List<TcpEvent> eventLog = new ArrayList<>();
        boolean logSegments;
        TcpListener listener;
        int mtu = 1500;
        BiConsumer<TcpConnection, TcpEvent> app = (c, e) -> { };

        Host(int addr, TcpConfig cfg, TcpMib mib, TcpIsn isn, Link out) {
            this.addr = addr;
            this.cfg = cfg;
            this.mib = mib;
            this.isn = isn;
            this.out = out;
        }

        private long key(int remotePort, int localPort) {
            return ((long) remotePort << 16) | localPort;
        }

        TcpConnection connect(int localPort, int remotePort) {
            TcpConnection c = TcpConnection.connect(cfg, mib, this, isn, addr, localPort, peer(), remotePort, mtu, now);
            conns.put(key(remotePort, localPort), c);
            arm(c);
            return c;
        }

        void listen(int port, int backlog) {
            listener = new TcpListener(cfg, mib, this, isn, port, backlog);
        }

        int peer() {
            return addr == A ? B : A;
        }

        void receive(int src, Object frame) {
            TcpSegment seg;
            if (frame instanceof byte[] bytes) {
                TcpSegment.Parsed p = TcpSegment.parse(bytes, 0, bytes.length, src, addr);
                if (!p.ok()) {
                    mib.drop(p.drop());
                    return;
                }
                seg = p.segment();
            } else {
                seg = (TcpSegment) frame;
            }
            TcpConnection c = conns.get(key(seg.srcPort(), seg.dstPort()));
            if (c != null) {
                c.onSegment(seg, now);
                arm(c);
                return;
            }
            if (listener != null && listener.localPort() == seg.dstPort()) {
                TcpConnection child = listener.onSegment(seg, addr, src, mtu, now);
                if (child != null) {
                    conns.put(key(seg.srcPort(), seg.dstPort()), child);
                    arm(child);
                }
                return;
            }
            if (!seg.rst()) {
                mib.drop(TcpDrop.NO_SOCKET);
                emitReply(addr, src, TcpListener.resetFor(seg));
            }
        }

        /** Keeps one pending timer event per connection at its next deadline. */
        void arm(TcpConnection c) {
            long d = c.nextDeadline();
            if (d == Long.MAX_VALUE) {
                return;
            }
            Long have = armed.get(c);
            if (have != null && have <= d) {
                return;
            }
            armed.put(c, d);
            at(Math.max(d, now), () -> {
                if (armed.get(c) != null && armed.get(c) == d) {
                    armed.remove(c);
                }
                if (c.nextDeadline() <= now) {
                    c.onTimer(now);
                }
                arm(c);
            });
        }

        @Override
        public void emit(TcpConnection conn, TcpSegment segment) {
            if (logSegments) {
                sentLog.add(segment);
            }
            out.send(addr, conn.remoteAddr(), segment);
        }

        @Override
        public void emitGso(TcpConnection conn, TcpSegment segment, int gsoSize) {
            if (logSegments) {
                gsoLog.add(segment);
            }
            TcpOutput.super.emitGso(conn, segment, gsoSize);
        }

        @Override
        public void emitReply(int localAddr, int remoteAddr, TcpSegment segment) {
            if (logSegments) {
                sentLog.add(segment);
            }
            out.send(localAddr, remoteAddr, segment);
        }

        @Override
        public void event(TcpConnection conn, TcpEvent event) {
            eventLog.add(event);
            if (event == TcpEvent.CLOSED) {
                conns.values().remove(conn);
            }
            app.accept(conn, event);
        }
    }
}
