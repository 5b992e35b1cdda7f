package io.netemu.test.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netemu.device.DeviceCounters;
import io.netemu.device.DeviceEvent;
import io.netemu.device.DropReason;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.device.qdisc.NetemConfig;
import io.netemu.device.qdisc.QdiscStats;
import io.netemu.node.cmd.CommandResult;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.node.ping.PingProcess;
import io.netemu.packet.PacketType;
import io.netemu.packet.SkBuff;
import io.netemu.packet.SkbMeta;
import io.netemu.stack.sock.SocketEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every kind of message that may cross JVMs survives a round trip through the serializer bound to it. */
class MessageSerializationTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Serialization SER = SerializationExtension.get(Adapter.toClassic(KIT.system()));

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    private static Object roundTrip(Object o) {
        Serializer s = SER.findSerializerFor(o);
        assertNotEquals("org.apache.pekko.serialization.JavaSerializer", s.getClass().getName(), "no Java serialization");
        byte[] bytes = SER.serialize(o).get();
        return SER.deserialize(bytes, s.identifier(), org.apache.pekko.serialization.Serializers.manifestFor(s, o)).get();
    }

    private static SkBuff frame() {
        byte[] b = new byte[64 + 42];
        for (int i = 0; i < 42; i++) {
            b[64 + i] = (byte) (i * 7);
        }
        return SkBuff.wrap(b, 64, 42).withMeta(new SkbMeta(0x0806, PacketType.BROADCAST, 3, 7, 2, 123456789L));
    }

    private static void assertSameFrame(SkBuff a, SkBuff b) {
        assertArrayEquals(a.toByteArray(), b.toByteArray());
        assertEquals(a.meta(), b.meta());
        assertEquals(a.headroom(), b.headroom(), "headroom survives, so receivers push without copying");
    }

    @Test
    void framesTravelAsProtobufBatches() {
        NetDevice.Receive r = new NetDevice.Receive(List.of(frame(), frame().pull(14)));
        assertEquals("io.netemu.cluster.serialization.FrameBatchSerializer", SER.findSerializerFor(r).getClass().getName());
        NetDevice.Receive back = (NetDevice.Receive) roundTrip(r);
        assertSameFrame(r.frames().get(0), back.frames().get(0));
        assertSameFrame(r.frames().get(1), back.frames().get(1));
    }

    @Test
    void controlMessagesTravelAsKryo() {
        TestProbe<NsInbound> ns = KIT.createTestProbe();
        TestProbe<CommandResult> reply = KIT.createTestProbe();
        EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        drops.put(DropReason.QDISC_LOSS, 5L);
        List<Object> messages = List.of(
                new NamespaceActor.Exec("ip -br addr", reply.getRef()),
                new NamespaceActor.AddVeth("eth0", 0x02aabbccddeeL, 1500,
                        new NetemConfig(2_000_000, 1_000_000, 0.5, 100_000_000, 0.1, 0.1, 1000), 42L,
                        KIT.<NamespaceActor.VethAdded>createTestProbe().getRef()),
                new CommandResult(1, "out\n", "err\n"),
                new DeviceEvent.RxBatch(2, List.of(frame())),
                new DeviceEvent.CarrierChanged(2, true),
                new DeviceEvent.Counters(2, new DeviceCounters(1, 2, 3, 4, 5, 6, 7, Map.copyOf(drops),
                        new QdiscStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1,
                                new QdiscStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x10, null)), 12, 1000, true,
                        List.of(new io.netemu.device.QueueCounters(1, 2, 3, 4, 5, 6, 7, 8,
                                new io.netemu.device.xdp.XdpCounters(1, 2, 3, 4, 5, 6, 7, 8))))),
                new NetDevice.SetQueues(4, 64, 100, 16),
                new NamespaceActor.AdoptDevice(new NamespaceActor.DeviceSpec("veth1", "VETH", 0x02aabbccddeeL, 1500, 1000,
                        null, 3, 2, "host", true, false, false,
                        io.netemu.stack.dev.NicConfig.DEFAULT.withChannels(2).withFeatures(
                                io.netemu.stack.dev.NicConfig.Features.DEFAULT.with("rx-gro", true))),
                        null, KIT.<NamespaceActor.Adopted>createTestProbe().getRef()),
                new NetDevice.GetCounters(ns.getRef()),
                new NetDevice.SetQdisc(null),
                new NetDevice.SetQdisc(new io.netemu.device.qdisc.QdiscSpec(1,
                        new NetemConfig(10_000_000, 1_000_000, 25, io.netemu.device.qdisc.NetemDist.PARETONORMAL, 1, 5, 2, 0,
                                25, 50, 5, 0.1, 0, 1_000_000, -4, 48, 5, 100, true, 7),
                        new io.netemu.device.qdisc.QdiscSpec(0x10,
                                new io.netemu.device.qdisc.TbfConfig(12_500_000, 0, 4096, 0, 5_000_000, 0, 0), null))),
                new NetDevice.SetXdp(3, io.netemu.device.xdp.XdpMode.GENERIC),
                new NetDevice.XdpXmit(List.of(frame()), new io.netemu.device.xdp.XdpSource(ns.getRef(), 2, 0, true)),
                new DeviceEvent.XdpRedirect(2, 3, "ns1", List.of(frame()),
                        new io.netemu.device.xdp.XdpSource(ns.getRef(), 2, 0, false)),
                new DeviceEvent.XdpRedirectFailed(2, 0, 3, 1, 95),
                new NetDevice.XdpReceive(List.of(frame())),
                new NetDevice.SetGro(true),
                new NetDevice.PeerNapi(true, false),
                new NetDevice.XdpRedirectFailed(0, 2),
                new NamespaceActor.XdpXmitTo(3, List.of(frame()), new io.netemu.device.xdp.XdpSource(ns.getRef(), 2, 0, true)),
                new DeviceEvent.XdpTrace(2, List.of("hello")),
                new PingProcess.Event(new SocketEvent.IcmpError(0x0a000101, 3, 3, 4, 1000)),
                new PingProcess.Opened(77, 0x0a000102, 0, 1500, 0),
                new NetDevice.AddTap(KIT.<io.netemu.device.capture.Captured>createTestProbe().getRef()),
                new NetDevice.RemoveTap(KIT.<io.netemu.device.capture.Captured>createTestProbe().getRef()),
                new io.netemu.device.capture.CaptureFile.Close(KIT.<io.netemu.device.capture.CaptureFile.Closed>createTestProbe().getRef()),
                new io.netemu.device.capture.CaptureFile.Closed("r1:eth0", "lab-r1-eth0.pcap", 12, null),
                new io.netemu.device.capture.Captured(2, io.netemu.device.capture.Direction.OUT, 123L, List.of(frame())));
        for (Object m : messages) {
            Object back = roundTrip(m);
            if (m instanceof DeviceEvent.RxBatch rb) {
                assertSameFrame(rb.frames().get(0), ((DeviceEvent.RxBatch) back).frames().get(0));
            } else if (m instanceof io.netemu.device.capture.Captured c) {
                var cb = (io.netemu.device.capture.Captured) back;
                assertEquals(List.of(c.ifindex(), c.dir(), c.nanos()), List.of(cb.ifindex(), cb.dir(), cb.nanos()));
                assertSameFrame(c.frames().get(0), cb.frames().get(0));
            } else if (m instanceof NetDevice.XdpXmit x) {
                assertSameFrame(x.frames().get(0), ((NetDevice.XdpXmit) back).frames().get(0));
                assertEquals(x.from(), ((NetDevice.XdpXmit) back).from());
            } else if (m instanceof DeviceEvent.XdpRedirect r) {
                DeviceEvent.XdpRedirect rb = (DeviceEvent.XdpRedirect) back;
                assertEquals(List.of(r.ifindex(), r.targetIfindex(), r.targetNetns()),
                        List.of(rb.ifindex(), rb.targetIfindex(), rb.targetNetns()));
                assertSameFrame(r.frames().get(0), rb.frames().get(0));
                assertEquals(r.from(), rb.from());
            } else if (m instanceof NetDevice.XdpReceive x) {
                assertSameFrame(x.frames().get(0), ((NetDevice.XdpReceive) back).frames().get(0));
            } else if (m instanceof NamespaceActor.XdpXmitTo x) {
                NamespaceActor.XdpXmitTo xb = (NamespaceActor.XdpXmitTo) back;
                assertEquals(List.of(x.ifindex(), x.from()), List.of(xb.ifindex(), xb.from()));
                assertSameFrame(x.frames().get(0), xb.frames().get(0));
            } else {
                assertEquals(m, back, () -> "round trip of " + m);
            }
        }
    }

    @Test
    void anUnregisteredClassIsRefusedNotJavaSerialized() {
        record Stray(int x) implements NsInbound {}
        assertThrows(RuntimeException.class, () -> SER.serialize(new Stray(1)).get());
    }
}
