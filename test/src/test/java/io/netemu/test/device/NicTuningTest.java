package io.netemu.test.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.netemu.device.DeviceCounters;
import io.netemu.device.DeviceEvent;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.QueueCounters;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.time.ManualNetClock;
import io.netemu.device.time.NetTime;
import io.netemu.packet.SkBuff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's knobs, each shown on counters and on the run's clock (virtual time: the test moves
 * it by hand), never on wall-clock speed: rx ring size under a burst, channels with RSS,
 * interrupt coalescing, and the NAPI weight and softirq budget.
 */
class NicTuningTest {
    private ActorTestKit kit;
    private ManualNetClock clock;
    private TestProbe<NsInbound> upperA;
    private TestProbe<NsInbound> upperB;
    private ActorRef<NetDevice.Command> a;
    private ActorRef<NetDevice.Command> b;

    @BeforeEach
    void pair() {
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                netemu.time.mode = manual
                pekko.actor.default-dispatcher.executor = "io.netemu.device.time.QuiescentExecutor"
                """).withFallback(ConfigFactory.load("application-test")));
        clock = NetTime.get(kit.system()).manual();
        upperA = kit.createTestProbe();
        upperB = kit.createTestProbe();
        a = kit.spawn(NetDevice.create(new NetDevice.Config(2, "eth0", 1500, 1024, 64, NetemConfig.NONE, 1), upperA.getRef()));
        b = kit.spawn(NetDevice.create(new NetDevice.Config(2, "eth0", 1500, 1024, 64, NetemConfig.NONE, 2), upperB.getRef()));
        a.tell(new NetDevice.SetPeer(b));
        b.tell(new NetDevice.SetPeer(a));
        a.tell(new NetDevice.SetAdminUp(true));
        b.tell(new NetDevice.SetAdminUp(true));
        upperA.expectMessageClass(DeviceEvent.CarrierChanged.class);
        upperB.expectMessageClass(DeviceEvent.CarrierChanged.class);
    }

    @AfterEach
    void shutdown() {
        kit.shutdownTestKit();
    }

    /** An Ethernet/IPv4/UDP frame of flow {@code sport} → 5001, 10.0.0.1 → 10.0.0.2. */
    private static SkBuff udp(int sport) {
        byte[] f = new byte[60];
        f[0] = 0x02; // unicast
        f[12] = 0x08;
        f[14] = 0x45;
        f[16] = 0;
        f[17] = 46;
        f[22] = 64;
        f[23] = 17;
        f[26] = 10;
        f[29] = 1;
        f[30] = 10;
        f[33] = 2;
        f[34] = (byte) (sport >>> 8);
        f[35] = (byte) sport;
        f[36] = (byte) (5001 >>> 8);
        f[37] = (byte) 5001;
        return SkBuff.wrap(f);
    }

    private static List<SkBuff> burst(int n, int flows) {
        List<SkBuff> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            frames.add(udp(40000 + i % flows));
        }
        return frames;
    }

    private DeviceCounters counters(ActorRef<NetDevice.Command> dev) {
        TestProbe<NsInbound> p = kit.createTestProbe();
        dev.tell(new NetDevice.GetCounters(p.getRef()));
        return ((DeviceEvent.Counters) p.expectMessageClass(DeviceEvent.Counters.class, Duration.ofSeconds(5))).counters();
    }

    /** Drains B's batches until {@code n} frames came up; returns how many batches (polls with frames) it took. */
    private int receive(int n) {
        int got = 0;
        int batches = 0;
        while (got < n) {
            NsInbound m = upperB.expectMessageClass(NsInbound.class, Duration.ofSeconds(5));
            if (m instanceof DeviceEvent.RxBatch rb) {
                got += rb.frames().size();
                batches++;
            }
        }
        return batches;
    }

    @Test
    void aSmallRingOverflowsUnderABurstAndALargeOneDoesNot() {
        b.tell(new NetDevice.SetQueues(1, 64, 0, 1));
        a.tell(new NetDevice.Xmit(burst(1000, 1)));
        receive(64);
        DeviceCounters small = counters(b);
        assertEquals(936, small.rxMissed(), "a burst of 1000 into 64 slots: the rest is missed");
        assertEquals(936, small.queues().get(0).drops());

        b.tell(new NetDevice.SetQueues(1, 4096, 0, 1));
        a.tell(new NetDevice.Xmit(burst(1000, 1)));
        receive(1000);
        assertEquals(936, counters(b).rxMissed(), "4096 slots hold the whole burst: no new drops");
    }

    @Test
    void channelsSpreadFlowsOverQueuesAndKeepEachFlowOnOne() {
        b.tell(new NetDevice.SetQueues(4, 1024, 0, 1));
        a.tell(new NetDevice.Xmit(burst(640, 64)));
        receive(640);
        List<QueueCounters> qs = counters(b).queues();
        assertEquals(4, qs.size());
        long busy = qs.stream().filter(q -> q.rxPackets() > 0).count();
        assertTrue(busy >= 3, "64 flows over 4 queues: " + qs);
        assertEquals(640, qs.stream().mapToLong(QueueCounters::rxPackets).sum());
        // one flow: all its frames in one queue
        long[] before = qs.stream().mapToLong(QueueCounters::rxPackets).toArray();
        a.tell(new NetDevice.Xmit(burst(50, 1)));
        receive(50);
        List<QueueCounters> after = counters(b).queues();
        int moved = 0;
        for (int i = 0; i < 4; i++) {
            long d = after.get(i).rxPackets() - before[i];
            assertTrue(d == 0 || d == 50, "queue " + i + " got " + d + " of one flow's 50 frames");
            moved += d > 0 ? 1 : 0;
        }
        assertEquals(1, moved);

        b.tell(new NetDevice.SetQueues(1, 1024, 0, 1));
        a.tell(new NetDevice.Xmit(burst(64, 64)));
        receive(64);
        assertEquals(1, counters(b).queues().size(), "back to one channel");
    }

    /** B's next event, or null when none comes within 200 ms. */
    private NsInbound maybe() {
        try {
            return upperB.receiveMessage(Duration.ofMillis(200));
        } catch (AssertionError none) {
            return null;
        }
    }

    @Test
    void coalescingTradesPollsForLatency() {
        // 20 frames 10 µs apart; without coalescing each one interrupts and is polled at once
        for (int i = 0; i < 20; i++) {
            a.tell(new NetDevice.Xmit(List.of(udp(40000))));
            assertEquals(1, receive(1), "rx-usecs 0: up without the clock moving");
            clock.advance(10_000);
        }
        long pollsAtOnce = counters(b).napiPolls();
        assertEquals(20, pollsAtOnce);

        b.tell(new NetDevice.SetQueues(1, 1024, 100, 0)); // rx-usecs 100
        int batches = 0;
        long firstSent = -1;
        long firstUp = -1;
        for (int i = 0; i < 20; i++) {
            a.tell(new NetDevice.Xmit(List.of(udp(40000))));
            counters(a); // A has sent it on: B has the frame before its counters are read
            counters(b);
            if (firstSent < 0) {
                firstSent = clock.nanos();
            }
            clock.advance(10_000);
            if (maybe() instanceof DeviceEvent.RxBatch) {
                batches++;
                if (firstUp < 0) {
                    firstUp = clock.nanos();
                }
            }
        }
        clock.advance(200_000);
        for (NsInbound m; (m = maybe()) != null; ) {
            if (m instanceof DeviceEvent.RxBatch) {
                batches++;
            }
        }
        long polls = counters(b).napiPolls() - pollsAtOnce;
        assertTrue(polls <= 3, "100 µs of coalescing gathers ~10 frames per poll: " + polls + " polls for 20 frames");
        assertEquals(polls, batches);
        assertEquals(100_000, firstUp - firstSent, "the first frame waited rx-usecs on the run's clock");
    }

    @Test
    void aSmallerWeightTakesMorePollsAndTheBudgetSqueezes() {
        b.tell(new NetDevice.SetQueues(1, 4096, 0, 1));
        a.tell(new NetDevice.Xmit(burst(1000, 1)));
        receive(1000);
        DeviceCounters w64 = counters(b);
        assertEquals(16, w64.napiPolls(), "ceil(1000 / 64) polls");
        // netdev_budget 300: rounds of 5 polls (320 frames) end with work left, three times
        assertEquals(3, w64.queues().get(0).timeSqueeze());

        b.tell(new NetDevice.SetWeight(8));
        a.tell(new NetDevice.Xmit(burst(1000, 1)));
        receive(1000);
        DeviceCounters w8 = counters(b);
        assertEquals(125, w8.napiPolls() - w64.napiPolls(), "1000 / 8 polls");
        assertTrue(w8.queues().get(0).timeSqueeze() - 3 >= 3, "no fewer squeezes");

        b.tell(new NetDevice.SetBudget(64, 8000));
        a.tell(new NetDevice.Xmit(burst(1000, 1)));
        receive(1000);
        long squeezed = counters(b).queues().get(0).timeSqueeze() - w8.queues().get(0).timeSqueeze();
        assertEquals(15, squeezed, "netdev_budget 64: every 8 polls of 8 with work left is a squeeze (1000/64)");
    }
}
