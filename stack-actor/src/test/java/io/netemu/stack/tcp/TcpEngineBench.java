package io.netemu.stack.tcp;

import io.netemu.stack.tcp.SimNet.Link;

/**
 * Engine throughput: emulated payload bytes moved per second of wall time by one CUBIC flow over a
 * loss-free 10 Gbit/s path with 1 ms one-way delay and a BDP buffer, with and without the byte round trip
 * (encode, checksum, parse). Run: {@code java -cp stack-actor/target/test-classes:stack-actor/target/classes:packet/target/classes io.netemu.stack.tcp.TcpEngineBench}
 */
public final class TcpEngineBench {
    private TcpEngineBench() {}

    public static void main(String[] args) {
        long ms = SimNet.MS;
        for (boolean wire : new boolean[] {false, true}) {
            for (int run = 0; run < 4; run++) {
                long rate = 10_000_000_000L;
                Link ab = new Link(ms, rate, rate / 8 * 2 / 1000, 0, 0, 0);
                long wall = System.nanoTime();
                Transfers.Timed t = timed(wire, ab, Link.delay(ms), 10_000 * ms);
                wall = System.nanoTime() - wall;
                long bytes = t.bytes()[0];
                System.out.printf("wire=%s run %d: %.2f Gbit/s emulated goodput; %.2f Gbit/s of emulated transfer per wall second (%.0f MB/s)%n",
                        wire, run, t.totalBps() / 1e9, bytes * 8 / (wall / 1e9) / 1e9, bytes / (wall / 1e9) / 1e6);
            }
        }
    }

    private static Transfers.Timed timed(boolean wire, Link ab, Link ba, long durationNs) {
        return Transfers.timed(TcpConfig.linux(), ab, ba, 1, 0, durationNs, 1, wire);
    }
}
