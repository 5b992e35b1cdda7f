package io.netemu.test.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netemu.device.DeviceCounters;
import io.netemu.device.DeviceEvent;
import io.netemu.device.DropReason;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.packet.SkBuff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN principle 5 on a veth pair with loss, delay and a rate: every frame offered is
 * received, dropped by a named reason, or still in flight; once quiet, nothing is in flight.
 */
class FrameAccountingTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static SkBuff frame(int i, int len) {
        byte[] b = new byte[len];
        b[0] = 0x02; // unicast destination
        b[14] = (byte) i;
        return SkBuff.wrap(b);
    }

    @Test
    void sentEqualsReceivedPlusDroppedByReason() {
        TestProbe<NsInbound> upperA = KIT.createTestProbe();
        TestProbe<NsInbound> upperB = KIT.createTestProbe();
        NetemConfig lossy = new NetemConfig(1_000_000, 500_000, 20.0, 0, 0, 0, 1000);
        ActorRef<NetDevice.Command> a = KIT.spawn(NetDevice.create(
                new NetDevice.Config(2, "eth0", 1500, 64, 16, lossy, 42), upperA.getRef()));
        // a small ring on the receiver so that bursts also overflow it
        ActorRef<NetDevice.Command> b = KIT.spawn(NetDevice.create(
                new NetDevice.Config(2, "eth0", 1500, 32, 16, NetemConfig.NONE, 43), upperB.getRef()));
        a.tell(new NetDevice.SetPeer(b));
        b.tell(new NetDevice.SetPeer(a));
        a.tell(new NetDevice.SetAdminUp(true));
        b.tell(new NetDevice.SetAdminUp(true));
        upperA.expectMessageClass(DeviceEvent.CarrierChanged.class);
        upperB.expectMessageClass(DeviceEvent.CarrierChanged.class);

        int sent = 0;
        for (int burst = 0; burst < 20; burst++) {
            List<SkBuff> frames = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                frames.add(frame(sent++, 60 + (i % 5) * 300));
            }
            a.tell(new NetDevice.Xmit(frames));
        }
        // one frame bigger than the receiver's MTU: a counted drop, not a crash
        a.tell(new NetDevice.Xmit(List.of(frame(9999, 1600))));
        sent++;

        TestProbe<NsInbound> stats = KIT.createTestProbe();
        long received = 0;
        DeviceCounters ca;
        DeviceCounters cb;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            NsInbound m = upperB.expectMessageClass(NsInbound.class, Duration.ofSeconds(5));
            if (m instanceof DeviceEvent.RxBatch batch) {
                received += batch.frames().size();
            }
            ca = counters(a, stats);
            cb = counters(b, stats);
            boolean quiet = ca.qdisc().backlogPackets() == 0 && cb.rxPackets() == received
                    && ca.txPackets() == cb.rxPackets() + cb.allDrops();
            if (quiet || System.nanoTime() > deadline) {
                break;
            }
        }
        long qdiscDrops = ca.drops(DropReason.QDISC_LOSS) + ca.drops(DropReason.QDISC_LIMIT);
        assertEquals(sent, ca.txPackets() + qdiscDrops + ca.drops(DropReason.NO_CARRIER), "sender side");
        assertEquals(ca.txPackets(), received + cb.drops(DropReason.RING_FULL) + cb.drops(DropReason.PKT_TOO_BIG),
                "receiver side");
        assertEquals(sent, received + ca.allDrops() + cb.allDrops(), "sent = received + dropped (by reason)");
        long lost = ca.drops(DropReason.QDISC_LOSS);
        assertTrue(lost > 300 && lost < 520, "20% loss of 2001 frames, got " + lost);
        assertTrue(cb.drops(DropReason.RING_FULL) > 0, "bursts of 100 into a ring of 32 overflow it");
    }

    private static DeviceCounters counters(ActorRef<NetDevice.Command> dev, TestProbe<NsInbound> upper) {
        dev.tell(new NetDevice.GetCounters(upper.getRef()));
        return upper.expectMessageClass(DeviceEvent.Counters.class, Duration.ofSeconds(5)).counters();
    }
}
