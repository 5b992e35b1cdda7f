package io.netemu.cluster.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.netemu.device.NetDevice;
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
 * One JVM's MemberLinks sending to itself (its own address as the destination), every message
 * serialized on every send as between members: order per link, batching, partition and overflow
 * drops, and that every frame is either delivered or counted.
 */
class MemberLinksTest {
    /** Small caps, so that a burst overflows the queue of its destination. */
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString("""
            pekko.actor.serialize-messages = on
            pekko.loglevel = WARNING
            netemu.cluster.links { window = 1, max-batch-bytes = 2 KiB, max-pending-bytes = 4 KiB }
            """).withFallback(ConfigFactory.load()));

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private final ActorRef<MemberLinks.Command> links = MemberLinksExtension.get(KIT.system()).links();
    private final String self = KIT.system().address().toString();

    /** {@code n} frames of 64 bytes numbered from {@code first} (bytes 0-3). */
    private static List<SkBuff> frames(int first, int n) {
        List<SkBuff> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[64];
            int v = first + i;
            b[0] = (byte) (v >>> 24);
            b[1] = (byte) (v >>> 16);
            b[2] = (byte) (v >>> 8);
            b[3] = (byte) v;
            out.add(SkBuff.wrap(b));
        }
        return out;
    }

    private static int number(SkBuff f) {
        return f.getByte(0) << 24 | f.getByte(1) << 16 | f.getByte(2) << 8 | f.getByte(3);
    }

    private MemberLinks.Stats stats() {
        TestProbe<MemberLinks.Stats> p = KIT.createTestProbe();
        links.tell(new MemberLinks.GetStats(p.ref()));
        return p.receiveMessage();
    }

    /** Every frame the probe receives, in order, until nothing came for a while. */
    private static List<Integer> received(TestProbe<NetDevice.Command> dev) {
        List<Integer> got = new ArrayList<>();
        for (Object m : dev.receiveSeveralMessages(1, Duration.ofSeconds(5))) {
            assertInstanceOf(NetDevice.Receive.class, m).frames().forEach(f -> got.add(number(f)));
        }
        while (true) {
            List<NetDevice.Command> more = new ArrayList<>();
            try {
                more.add(dev.receiveMessage(Duration.ofMillis(500)));
            } catch (AssertionError e) {
                return got;
            }
            more.forEach(m -> assertInstanceOf(NetDevice.Receive.class, m).frames().forEach(f -> got.add(number(f))));
        }
    }

    @Test
    void everyFrameIsDeliveredInOrderOrCountedAsOverflow() {
        TestProbe<NetDevice.Command> dev = KIT.createTestProbe();
        MemberLinks.Stats before = stats();
        int entries = 300;
        for (int i = 0; i < entries; i++) {
            links.tell(new MemberLinks.Out(self, 1001, i == 0 ? dev.ref() : null, new NetDevice.Receive(frames(4 * i, 4))));
        }
        List<Integer> got = received(dev);
        MemberLinks.Stats after = stats();
        long out = after.framesOut() - before.framesOut();
        long overflow = after.droppedOverflow() - before.droppedOverflow();
        assertEquals(4L * entries, out + overflow, "sent = delivered + dropped (overflow)");
        assertEquals(out, got.size(), "every frame that left was delivered");
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i) > got.get(i - 1), "order kept: " + got.get(i - 1) + " then " + got.get(i));
        }
        long batches = after.batchesOut() - before.batchesOut();
        assertTrue(batches <= after.entriesOut() - before.entriesOut(), "batches carry one entry or more");
        assertEquals(after.entriesOut() - before.entriesOut(), after.entriesIn() - before.entriesIn());
        assertEquals(after.batchesOut() - before.batchesOut(), after.batchesIn() - before.batchesIn());
        assertEquals(64 * out, after.bytesOut() - before.bytesOut());
    }

    @Test
    void aPartitionDropsFramesCountedButLetsCarrierThrough() {
        TestProbe<NetDevice.Command> dev = KIT.createTestProbe();
        TestProbe<MemberLinks.Stats> ack = KIT.createTestProbe();
        links.tell(new MemberLinks.SetCut(List.of(self), ack.ref()));
        assertEquals(List.of(self), ack.receiveMessage().cut());
        MemberLinks.Stats before = stats();
        links.tell(new MemberLinks.Out(self, 2002, dev.ref(), new NetDevice.Receive(frames(0, 3))));
        links.tell(new MemberLinks.Out(self, 2002, null, new NetDevice.PeerState(false)));
        assertEquals(new NetDevice.PeerState(false), dev.receiveMessage(), "control messages cross a partition");
        assertEquals(3, stats().droppedPartition() - before.droppedPartition());

        links.tell(new MemberLinks.SetCut(List.of(), ack.ref()));
        ack.receiveMessage();
        links.tell(new MemberLinks.Out(self, 2002, null, new NetDevice.Receive(frames(10, 2))));
        // the first entry was dropped at the partition but still named the target: after the heal the link works
        assertEquals(List.of(10, 11), received(dev));
    }
}
