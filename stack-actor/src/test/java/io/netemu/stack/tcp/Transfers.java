package io.netemu.stack.tcp;

import io.netemu.stack.tcp.SimNet.Link;

/** Runs bulk transfers from A to B over a {@link SimNet}. */
final class Transfers {
    private Transfers() {}

    record Result(SimNet net, Bulk.Sender sender, Bulk.Receiver receiver, TcpConnection client, TcpInfo clientInfo,
                  boolean done, long elapsedNs) {
        double goodputBps() {
            return receiver.received * 8e9 / elapsedNs;
        }
    }

    static Result run(TcpConfig cfg, Link ab, Link ba, long bytes, long seed, long limitNs) {
        SimNet net = new SimNet(seed, cfg, cfg, ab, ba);
        Bulk.Sender tx = new Bulk.Sender(bytes, seed * 31 + 7);
        Bulk.Receiver rx = new Bulk.Receiver();
        net.b.listen(5001, 128);
        net.b.app = (c, e) -> {
            if (e == TcpEvent.CONNECTED) {
                net.b.listener.accept();
            }
            if (e == TcpEvent.READABLE || e == TcpEvent.CONNECTED) {
                rx.drain(c, net.now);
            }
        };
        TcpConnection[] client = new TcpConnection[1];
        net.a.app = (c, e) -> {
            if (e == TcpEvent.CONNECTED || e == TcpEvent.WRITABLE) {
                tx.pump(c, net.now);
            }
        };
        long start = net.now;
        client[0] = net.a.connect(40000, 5001);
        TcpInfo[] info = new TcpInfo[1];
        boolean done = net.runUntil(() -> {
            if (rx.eof && info[0] == null) {
                info[0] = client[0].info(net.now);
            }
            return rx.eof;
        }, limitNs);
        if (info[0] == null) {
            info[0] = client[0].info(net.now);
        }
        return new Result(net, tx, rx, client[0], info[0], done, (rx.eofAt > 0 ? rx.eofAt : net.now) - start);
    }

    /** Per-flow payload bytes the receivers read between warm-up and the end, and the client connections. */
    record Timed(SimNet net, long[] bytes, TcpConnection[] clients, long measuredNs) {
        double goodputBps(int flow) {
            return bytes[flow] * 8e9 / measuredNs;
        }

        double totalBps() {
            long sum = 0;
            for (long b : bytes) {
                sum += b;
            }
            return sum * 8e9 / measuredNs;
        }
    }

    /** {@code flows} unlimited senders from A to B, started together; measures from {@code warmupNs} to {@code durationNs}. */
    static Timed timed(TcpConfig cfg, Link ab, Link ba, int flows, long warmupNs, long durationNs, long seed) {
        return timed(cfg, ab, ba, flows, warmupNs, durationNs, seed, false);
    }

    /** As above; {@code wire} false skips the byte round trip for long runs (the codec is tested elsewhere). */
    static Timed timed(TcpConfig cfg, Link ab, Link ba, int flows, long warmupNs, long durationNs, long seed,
                       boolean wire) {
        SimNet net = new SimNet(seed, cfg, cfg, ab, ba);
        net.wire = wire;
        java.util.Map<TcpConnection, Bulk.Receiver> rxs = new java.util.HashMap<>();
        Bulk.Receiver[] byFlow = new Bulk.Receiver[flows];
        net.b.listen(5001, 128);
        net.b.app = (c, e) -> {
            if (e == TcpEvent.CONNECTED) {
                net.b.listener.accept();
                Bulk.Receiver r = new Bulk.Receiver();
                rxs.put(c, r);
                byFlow[c.remotePort() - 40000] = r;
            }
            Bulk.Receiver r = rxs.get(c);
            if (r != null && (e == TcpEvent.READABLE || e == TcpEvent.CONNECTED)) {
                r.drain(c, net.now);
            }
        };
        java.util.Map<TcpConnection, Bulk.Sender> txs = new java.util.HashMap<>();
        net.a.app = (c, e) -> {
            if (e == TcpEvent.CONNECTED || e == TcpEvent.WRITABLE) {
                txs.get(c).pump(c, net.now);
            }
        };
        TcpConnection[] clients = new TcpConnection[flows];
        for (int i = 0; i < flows; i++) {
            Bulk.Sender tx = new Bulk.Sender(-1, seed + i);
            clients[i] = net.a.connect(40000 + i, 5001);
            txs.put(clients[i], tx);
        }
        net.runFor(warmupNs);
        long[] start = new long[flows];
        for (int i = 0; i < flows; i++) {
            start[i] = byFlow[i] == null ? 0 : byFlow[i].received;
        }
        net.runFor(durationNs - warmupNs);
        long[] bytes = new long[flows];
        for (int i = 0; i < flows; i++) {
            bytes[i] = (byFlow[i] == null ? 0 : byFlow[i].received) - start[i];
        }
        return new Timed(net, bytes, clients, durationNs - warmupNs);
    }
}
