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
}
