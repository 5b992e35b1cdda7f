package io.netemu.stack.bench;

import io.netemu.packet.SkBuff;
import io.netemu.packet.wire.EtherType;
import io.netemu.packet.wire.EthernetFrame;
import io.netemu.packet.wire.EthernetRepr;
import io.netemu.packet.wire.IpProtocol;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.packet.wire.Ipv4Packet;
import io.netemu.packet.wire.Ipv4Repr;
import io.netemu.packet.wire.MacAddress;
import io.netemu.packet.wire.UdpPacket;
import io.netemu.packet.wire.UdpRepr;
import io.netemu.stack.harness.Wire;
import io.netemu.stack.neigh.NudState;
import io.netemu.stack.route.Nexthop;
import io.netemu.stack.route.Route;
import io.netemu.stack.route.RouteProtocol;
import io.netemu.stack.route.RouteTable;
import io.netemu.stack.route.RouteType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stack's own cost of forwarding, without actors: UDP frames through a chain of routers in
 * the in-memory {@link Wire} harness (manual clock, so neighbours stay REACHABLE).
 *
 * <pre>
 *  inject ─▶ r1 ─▶ r2 ─▶ ... ─▶ rN ─▶ sink (drops the frame: its MAC is another host's)
 * </pre>
 *
 * Frames are injected into r1 with {@code NetStack.receiveBatch}; {@code Wire.run()} carries them
 * one by one through the rest. The score is ns per frame, end to end; the cost of one forward is
 * the slope between {@code routers=1} and {@code routers=8}, (score(8) - score(1)) / 7.
 *
 * <p>Run (see docs/PERFORMANCE.md):
 * <pre>
 * ./mvnw -q -o -pl stack-actor -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.cp
 * java -cp stack-actor/target/test-classes:stack-actor/target/classes:$(cat stack-actor/target/jmh.cp) org.openjdk.jmh.Main ForwardBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
public class ForwardBench {
    private static final int SRC = Ipv4Address.parse("10.0.0.2");
    /** In the sink's subnet but not the sink: rN has a permanent neighbour for it with a foreign MAC. */
    private static final int DST = Ipv4Address.parse("10.200.0.3");
    private static final long FOREIGN_MAC = 0x02_00_00_00_00_99L;
    private static final int HEADROOM = 32;
    private static final int BATCH = 64;

    @Param({"1", "8"})
    public int routers;

    @Param({"64"})
    public int size;

    private Wire wire;
    private Wire.Node first;
    private int firstIfindex;
    private byte[] template;
    private final List<byte[]> buffers = new ArrayList<>();
    private final List<SkBuff> batch = new ArrayList<>(BATCH);

    @Setup(Level.Trial)
    public void chain() throws Exception {
        wire = new Wire();
        wire.link("gen", "eth0", "r1", "eth0", 1500);
        for (int i = 1; i < routers; i++) {
            wire.link("r" + i, "eth1", "r" + (i + 1), "eth0", 1500);
        }
        wire.link("r" + routers, "eth1", "sink", "eth0", 1500);
        wire.node("gen").addr("eth0", "10.0.0.2/24");
        wire.node("sink").addr("eth0", "10.200.0.2/24");
        for (int i = 1; i <= routers; i++) {
            Wire.Node r = wire.node("r" + i).forwarding();
            r.addr("eth0", i == 1 ? "10.0.0.1/24" : "10.1." + (i - 1) + ".2/24");
            r.addr("eth1", i == routers ? "10.200.0.1/24" : "10.1." + i + ".1/24");
            if (i < routers) {
                r.ns.fib().add(new Route(RouteTable.MAIN, RouteType.UNICAST, Ipv4Address.parse("10.200.0.0"), 24, 0,
                        RouteProtocol.BOOT, 0, 0, 0, List.of(Nexthop.via(Ipv4Address.parse("10.1." + i + ".2"),
                        r.dev("eth1").ifindex()))));
            } else {
                r.ns.neigh().add(r.dev("eth1").ifindex(), DST, FOREIGN_MAC, NudState.PERMANENT, wire.now());
            }
        }
        first = wire.node("r1");
        firstIfindex = first.dev("eth0").ifindex();
        template = udpFrame(wire.node("gen").dev("eth0").mac(), first.dev("eth0").mac(), size);
        for (int i = 0; i < BATCH; i++) {
            buffers.add(template.clone());
        }
        // resolve every next hop by ARP once; the manual clock never moves, so they stay REACHABLE
        for (int i = 0; i < 3; i++) {
            inject(1);
        }
        long forwarded = wire.node("r" + routers).stack.counters().ipForwDatagrams;
        if (forwarded == 0) {
            throw new IllegalStateException("the chain forwards nothing");
        }
    }

    /** One frame in, carried through every router. */
    @Benchmark
    public long frame() {
        return inject(1);
    }

    /** A NAPI-sized batch into r1 (one receiveBatch), then through the rest; the score is per frame. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batch64() {
        return inject(BATCH);
    }

    private long inject(int n) {
        batch.clear();
        for (int i = 0; i < n; i++) {
            byte[] b = buffers.get(i);
            System.arraycopy(template, 0, b, 0, template.length); // routers rewrote TTL and MACs in place
            batch.add(SkBuff.wrap(b, HEADROOM, b.length - HEADROOM));
        }
        first.stack.receiveBatch(firstIfindex, batch);
        wire.run();
        return wire.delivered;
    }

    private static byte[] udpFrame(long srcMac, long dstMac, int frameLen) {
        byte[] b = new byte[HEADROOM + frameLen];
        new EthernetRepr(new MacAddress(dstMac), new MacAddress(srcMac), EtherType.IPV4.value())
                .emit(EthernetFrame.of(b, HEADROOM, frameLen));
        int ipLen = frameLen - EthernetFrame.HEADER_LEN;
        int udpLen = ipLen - Ipv4Packet.MIN_HEADER_LEN;
        Ipv4Repr.of(SRC, DST, IpProtocol.UDP.value(), udpLen, 64, 1).emit(Ipv4Packet.of(b, HEADROOM + EthernetFrame.HEADER_LEN, ipLen));
        int udpOff = HEADROOM + EthernetFrame.HEADER_LEN + Ipv4Packet.MIN_HEADER_LEN;
        new UdpRepr(1024, 9, udpLen - UdpPacket.HEADER_LEN).emit(UdpPacket.of(b, udpOff, udpLen), SRC, DST);
        return b;
    }
}
