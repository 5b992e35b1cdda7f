package io.netemu.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.stack.tcp.SimNet.Link;
import org.junit.jupiter.api.Test;

/** Behaviour on a 100 Mbit/s path with 10 ms one-way delay and a BDP-sized bottleneck buffer (emulated time only). */
class TcpThroughputTest {
    static final long MS = SimNet.MS;
    static final long RATE = 100_000_000L;
    static final long BDP = RATE / 8 * 20 / 1000; // 250 kB for a 20 ms RTT

    static Link bottleneck(double loss) {
        return new Link(10 * MS, RATE, BDP, loss, 0, 0);
    }

    @Test
    void oneCubicFlowFillsTheLink() {
        Transfers.Timed t = Transfers.timed(TcpConfig.linux(), bottleneck(0), Link.delay(10 * MS), 1,
                5_000 * MS, 35_000 * MS, 1);
        System.out.printf("one cubic flow: %.1f Mbit/s goodput; %s%n", t.totalBps() / 1e6,
                t.clients()[0].info(t.net().now).ssLine());
        // 1448 of every 1500 IP bytes are payload: 96.5 Mbit/s is the most goodput there is
        assertTrue(t.totalBps() >= 0.90 * RATE, "goodput " + t.totalBps());
    }

    @Test
    void twoCubicFlowsShare() {
        Transfers.Timed t = Transfers.timed(TcpConfig.linux(), bottleneck(0), Link.delay(10 * MS), 2,
                20_000 * MS, 120_000 * MS, 3);
        double a = t.goodputBps(0);
        double b = t.goodputBps(1);
        System.out.printf("two cubic flows: %.1f and %.1f Mbit/s%n", a / 1e6, b / 1e6);
        assertTrue(Math.abs(a - b) <= 0.2 * Math.max(a, b), "shares " + a + " " + b);
        assertTrue(a + b >= 0.90 * RATE);
    }

    @Test
    void onePercentLossCostsThroughputAndShowsRetransmits() {
        Transfers.Timed clean = Transfers.timed(TcpConfig.linux(), bottleneck(0), Link.delay(10 * MS), 1,
                5_000 * MS, 35_000 * MS, 5);
        Transfers.Timed lossy = Transfers.timed(TcpConfig.linux(), bottleneck(0.01), Link.delay(10 * MS), 1,
                5_000 * MS, 35_000 * MS, 5);
        TcpInfo li = lossy.clients()[0].info(lossy.net().now);
        System.out.printf("1%% loss: %.1f Mbit/s (clean %.1f); %s%n  %s%n", lossy.totalBps() / 1e6,
                clean.totalBps() / 1e6, li.ssLine(), lossy.net().mibA.nstat());
        assertTrue(lossy.totalBps() < 0.5 * clean.totalBps());
        assertTrue(li.totalRetrans() > 0);
        assertTrue(lossy.net().mibA.get(TcpMibField.RetransSegs) > 0);
        assertTrue(lossy.net().mibA.get(TcpMibField.TCPSackRecovery) > 0);
        assertTrue(lossy.net().mibA.get(TcpMibField.TCPFastRetrans) > 0);
    }
}
