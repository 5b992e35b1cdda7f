package io.netemu.device.qdisc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.packet.SkBuff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** netem's per-frame decisions, frame by frame, without actors. */
class NetemTest {
    private static SkBuff frame(int i) {
        byte[] b = new byte[100];
        b[0] = (byte) i;
        return SkBuff.wrap(b, 0, 100);
    }

    private static NetemConfig cfg(long delay, double dup, double reorder, int gap) {
        return new NetemConfig(delay, 0, 0, null, 0, 0, dup, 0, reorder, 0, gap, 0, 0, 0, 0, 0, 0, 1000, true, 9);
    }

    private static List<SkBuff> drain(Netem n, long now) {
        List<SkBuff> out = new ArrayList<>();
        for (SkBuff s = n.dequeue(now); s != null; s = n.dequeue(now)) {
            out.add(s);
        }
        return out;
    }

    @Test
    void duplicateSendsTwoCopies() {
        Netem n = new Netem(1, cfg(0, 50, 0, 0), 1);
        int sent = 0;
        for (int i = 0; i < 1000; i++) {
            n.enqueue(frame(i), 0);
            sent += drain(n, 0).size();
        }
        assertTrue(sent > 1400 && sent < 1600, "sent " + sent);
        assertEquals(sent - 1000, n.stats().duplicated());
    }

    @Test
    void reorderSendsOneInGapAtOnce() {
        Netem n = new Netem(1, cfg(10_000_000, 0, 100, 3), 1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            n.enqueue(frame(i), i * 1_000_000L);
            drain(n, i * 1_000_000L).forEach(s -> order.add((int) s.array()[s.dataOffset()]));
        }
        drain(n, 100_000_000L).forEach(s -> order.add((int) s.array()[s.dataOffset()]));
        assertEquals(List.of(2, 5, 8, 0, 1, 3, 4, 6, 7), order, "every third goes at once");
        assertEquals(3, n.stats().requeues());
    }

    @Test
    void correlatedRandomStaysUniformOnAverage() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        CorrelatedRandom c = new CorrelatedRandom(75, r);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            sum += c.next(r);
        }
        double mean = sum / 100_000 / 0xFFFFFFFFL;
        assertTrue(Math.abs(mean - 0.5) < 0.02, "mean " + mean);
    }

    @Test
    void normalTableHasUnitDeviation() {
        short[] t = NetemDist.NORMAL.table();
        double s = 0;
        double q = 0;
        for (short v : t) {
            s += v;
            q += (double) v * v;
        }
        double mean = s / t.length;
        assertTrue(Math.abs(mean) < 50, "mean " + mean);
        assertTrue(Math.abs(Math.sqrt(q / t.length - mean * mean) - NetemDist.SCALE) < 100);
    }
}
