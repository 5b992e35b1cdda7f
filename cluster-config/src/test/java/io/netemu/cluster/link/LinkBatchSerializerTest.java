package io.netemu.cluster.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.netemu.cluster.serialization.Frames;
import io.netemu.device.NetDevice;
import io.netemu.packet.PacketType;
import io.netemu.packet.SkBuff;
import io.netemu.packet.SkbMeta;
import io.netemu.proto.LinkBatch;
import io.netemu.proto.LinkEntry;
import java.io.NotSerializableException;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The member link's wire format: what one member writes, the other reads back as the same messages. */
class LinkBatchSerializerTest {
    private static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.parseString("pekko.loglevel = WARNING")
            .withFallback(ConfigFactory.load()));
    private static final LinkBatchSerializer SER = new LinkBatchSerializer((ExtendedActorSystem) Adapter.toClassic(KIT.system()));

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    /** A frame of {@code len} bytes counting up from {@code first}, behind {@code headroom} bytes of headroom. */
    private static SkBuff frame(int headroom, int len, int first) {
        byte[] b = new byte[headroom + len + 7]; // tailroom too: it does not travel
        for (int i = 0; i < len; i++) {
            b[headroom + i] = (byte) (first + i);
        }
        return SkBuff.wrap(b, headroom, len);
    }

    private static MemberLinks.Batch roundTrip(MemberLinks.Batch b) throws NotSerializableException {
        assertEquals("B", SER.manifest(b));
        return (MemberLinks.Batch) SER.fromBinary(SER.toBinary(b), "B");
    }

    private static void assertSameFrames(List<SkBuff> sent, List<SkBuff> got) {
        assertEquals(sent.size(), got.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i).toByteArray(), got.get(i).toByteArray(), "frame " + i);
            assertEquals(sent.get(i).meta(), got.get(i).meta(), "meta of frame " + i);
            assertEquals(Math.min(sent.get(i).headroom(), LinkWire.MAX_HEADROOM), got.get(i).headroom(), "headroom of frame " + i);
        }
    }

    @Test
    void framesKeepTheirBytesMetadataAndHeadroom() throws Exception {
        SkBuff plain = frame(32, 64, 1);
        SkBuff withMeta = frame(0, 1514, 200).withMeta(new SkbMeta(0x0800, PacketType.OTHERHOST, -3, 7, 6, 123_456_789_012L));
        SkBuff jumbo = frame(600, 9000, 9); // more headroom than a receiver keeps
        List<SkBuff> frames = List.of(plain, withMeta, jumbo);
        MemberLinks.Batch got = roundTrip(new MemberLinks.Batch(0x1234_5678_9abc_def0L, 42, null,
                List.of(new MemberLinks.Entry(7, null, new NetDevice.Receive(frames)))));
        assertEquals(0x1234_5678_9abc_def0L, got.origin());
        assertEquals(42, got.seq());
        assertNull(got.replyTo());
        assertEquals(1, got.entries().size());
        assertEquals(7, got.entries().get(0).link());
        assertSameFrames(frames, assertInstanceOf(NetDevice.Receive.class, got.entries().get(0).cmd()).frames());
    }

    @Test
    void aGsoSuperSegmentKeepsItsSegmentSizeAndCount() throws Exception {
        // a TSO skb of 45 segments: without gso_size the receiving end would take 65 KB for one frame and drop it
        SkBuff gso = frame(64, 65_214, 5).withMeta(new SkbMeta(0x0800, PacketType.HOST, 2, 0, 0, 0L, null, 1448, 45));
        List<SkBuff> frames = List.of(gso, frame(0, 1514, 6));
        MemberLinks.Batch got = roundTrip(new MemberLinks.Batch(5, 1, null,
                List.of(new MemberLinks.Entry(1, null, new NetDevice.Receive(frames)))));
        List<SkBuff> back = assertInstanceOf(NetDevice.Receive.class, got.entries().get(0).cmd()).frames();
        assertSameFrames(frames, back);
        assertEquals(1448, back.get(0).meta().gsoSize());
        assertEquals(45, back.get(0).meta().gsoSegs());
    }

    @Test
    void xdpFramesStayXdpFrames() throws Exception {
        List<SkBuff> frames = List.of(frame(256, 60, 3), frame(16, 42, 4));
        MemberLinks.Batch got = roundTrip(new MemberLinks.Batch(1, 1, null,
                List.of(new MemberLinks.Entry(3, null, new NetDevice.XdpReceive(frames)))));
        assertSameFrames(frames, assertInstanceOf(NetDevice.XdpReceive.class, got.entries().get(0).cmd()).frames());
    }

    @Test
    void controlMessagesTargetsAndEmptyBodiesKeepTheirOrder() throws Exception {
        TestProbe<NetDevice.Command> dev = KIT.createTestProbe();
        TestProbe<MemberLinks.Command> links = KIT.createTestProbe();
        List<MemberLinks.Entry> entries = List.of(
                new MemberLinks.Entry(1, dev.ref(), new NetDevice.PeerState(true)),
                new MemberLinks.Entry(1, null, NetDevice.PeerGone.INSTANCE),
                new MemberLinks.Entry(2, dev.ref(), null),                           // a link's first entry, its frames dropped
                new MemberLinks.Entry(2, null, new NetDevice.Receive(List.of())),    // an empty frame batch
                new MemberLinks.Entry(3, null, new NetDevice.PeerNapi(true, false)),
                new MemberLinks.Entry(0, null, new NetDevice.PeerState(false)));     // link 0: every field at its default
        MemberLinks.Batch got = roundTrip(new MemberLinks.Batch(-1, 9, links.ref(), entries));
        assertEquals(-1, got.origin());
        assertEquals(links.ref(), got.replyTo());
        assertEquals(entries.size(), got.entries().size());
        for (int i = 0; i < entries.size(); i++) {
            MemberLinks.Entry want = entries.get(i);
            MemberLinks.Entry e = got.entries().get(i);
            assertEquals(want.link(), e.link(), "link of entry " + i);
            assertEquals(want.target(), e.target(), "target of entry " + i);
            if (want.cmd() instanceof NetDevice.Receive r) {
                assertEquals(r.frames().size(), assertInstanceOf(NetDevice.Receive.class, e.cmd()).frames().size());
            } else {
                assertEquals(want.cmd(), e.cmd(), "body of entry " + i);
            }
        }
    }

    @Test
    void theGeneratedProtobufCodeReadsWhatWeWriteAndTheOtherWayRound() throws Exception {
        List<SkBuff> frames = List.of(frame(32, 64, 1), frame(0, 100, 50).withMeta(new SkbMeta(0x0806, PacketType.BROADCAST, 2, 0, 0, 5)));
        byte[] ours = SER.toBinary(new MemberLinks.Batch(77, 3, null, List.of(new MemberLinks.Entry(5, null, new NetDevice.Receive(frames)))));
        LinkBatch parsed = LinkBatch.parseFrom(ours);
        assertEquals(77, parsed.getOrigin());
        assertEquals(3, parsed.getSeq());
        assertEquals(5, parsed.getEntries(0).getLink());
        assertSameFrames(frames, Frames.fromBatch(parsed.getEntries(0).getReceive()));

        byte[] theirs = LinkBatch.newBuilder().setOrigin(8)
                .addEntries(LinkEntry.newBuilder().setLink(4).setXdpReceive(Frames.toBatch(frames))).build().toByteArray();
        MemberLinks.Batch got = (MemberLinks.Batch) SER.fromBinary(theirs, "B");
        assertEquals(8, got.origin());
        assertEquals(0, got.seq(), "a batch without a number is not acknowledged");
        assertSameFrames(frames, assertInstanceOf(NetDevice.XdpReceive.class, got.entries().get(0).cmd()).frames());
    }

    @Test
    void bytesThatAreNotALinkBatchAreRefused() throws Exception {
        byte[] good = SER.toBinary(new MemberLinks.Batch(1, 1, null,
                List.of(new MemberLinks.Entry(1, null, new NetDevice.Receive(List.of(frame(0, 64, 0)))))));
        byte[] truncated = Arrays.copyOf(good, good.length - 10);
        assertThrows(NotSerializableException.class, () -> SER.fromBinary(truncated, "B"));
        byte[] garbage = {(byte) 0x12, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x0f, 1, 2};
        assertThrows(NotSerializableException.class, () -> SER.fromBinary(garbage, "B"));
        byte[] badTag = {0x00, 0x01};
        assertThrows(NotSerializableException.class, () -> SER.fromBinary(badTag, "B"));
        NotSerializableException manifest = assertThrows(NotSerializableException.class, () -> SER.fromBinary(good, "X"));
        assertTrue(manifest.getMessage().contains("X"), manifest.getMessage());
    }

    @Test
    void pekkoPicksThisSerializerForBatches() {
        MemberLinks.Batch b = new MemberLinks.Batch(1, 1, null, List.of());
        assertEquals(LinkBatchSerializer.IDENTIFIER,
                SerializationExtension.get(Adapter.toClassic(KIT.system())).findSerializerFor(b).identifier());
    }
}
