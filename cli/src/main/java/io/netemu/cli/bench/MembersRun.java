package io.netemu.cli.bench;

import io.netemu.cluster.link.MemberLinks;
import io.netemu.cluster.member.MemberHost;
import io.netemu.device.DeviceCounters;
import io.netemu.device.DropReason;
import io.netemu.device.NetDevice;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.topologies.lab.Macs;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One {@code netemu bench members} measurement, driven from the lab JVM: builds the chain on the
 * members, runs the traffic, reads the counters of the ends and of both members' links, then
 * pings across the member link and inside one member.
 */
final class MembersRun {
    private final BenchSystem bs;
    private final MemberHost.Description m1;
    private final MemberHost.Description m2;
    private final long pid1;
    private final long pid2;
    private final PrintStream out;

    MembersRun(BenchSystem bs, MemberHost.Description m1, MemberHost.Description m2, long pid1, long pid2, PrintStream out) {
        this.bs = bs;
        this.m1 = m1;
        this.m2 = m2;
        this.pid1 = pid1;
        this.pid2 = pid2;
        this.out = out;
    }

    private record Reading(long nanos, TrafficEnds.Counts sink, TrafficEnds.Counts gen, MemberLinks.Stats l1,
                           MemberLinks.Stats l2, long cpu1, long cpu2, long cpuLab) {}

    int measure(MembersBench opt) throws InterruptedException {
        long t0 = System.nanoTime();
        MembersBench.Router r1 = router("r1", m1);
        MembersBench.Router r2 = router("r2", m2);
        MembersBench.Router r3 = router("r3", m1);
        MembersBench.Router r4 = router("r4", m1);
        link(r1, r2);
        link(r3, r4, "eth0", "eth0");
        ActorRef<Object> gen = bs.ask(MembersBench.agent(bs.system, m1),
                (ActorRef<BenchAgent.Spawned> r) -> new BenchAgent.SpawnGenerator("bench-gen", opt.genConfig(), r)).end();
        ActorRef<Object> sink = bs.ask(MembersBench.agent(bs.system, m2),
                (ActorRef<BenchAgent.Spawned> r) -> new BenchAgent.SpawnSink("bench-sink", HopsBench.SINK_MAC, HopsBench.SINK_IP,
                        opt.batch, opt.credit, gen, r)).end();
        bs.connect(r1.ns(), "eth0", gen.narrow(), 1, "gen");
        gen.tell(new NetDevice.SetPeer(r1.eth0().device()));
        bs.connect(r2.ns(), "eth1", sink.narrow(), 1, "sink");
        sink.tell(new NetDevice.SetPeer(r2.eth1().device()));
        configure(r1, r2, r3, r4);
        if (opt.ring > 0) {
            // the generator's window and the link's batches arrive as bursts: rings that hold them
            exec(r1, "ethtool -G eth0 rx " + opt.ring);
            exec(r2, "ethtool -G eth0 rx " + opt.ring);
        }
        for (MembersBench.Router r : List.of(r1, r2, r3, r4)) {
            awaitCarrier(r);
        }
        out.printf(Locale.ROOT, "setup: 4 namespaces on %s, configured in %d ms%n",
                m1 == m2 ? m1.member() : m1.member() + " (r1, r3, r4, generator) and " + m2.member() + " (r2, sink)",
                (System.nanoTime() - t0) / 1_000_000);

        gen.tell(new TrafficEnds.Start());
        Thread.sleep((long) (opt.warmup * 1000));
        TrafficEnds.Counts w = counts(sink);
        if (w.receivedFrames() == 0) {
            System.err.println("netemu bench members: no frame reached the sink after the warm-up; generator: " + counts(gen));
            gen.tell(new TrafficEnds.Stop());
            return 1;
        }
        out.printf(Locale.ROOT, "warm-up: %.1f s, %d frames delivered, TTL at the sink %d (sent 64)%n",
                opt.warmup, w.receivedFrames(), w.firstTtl());
        out.println();
        out.println("(link: member-1's MemberLinks towards member-2, counters of the window; CPU%: per JVM, 100% = one core;"
                + " CPU us/frame: all three JVMs)");
        out.println(" run  seconds    frames/s   Mbit/s  batches/s  entries/batch  frames/batch  bytes/batch"
                + "  CPU% m1  CPU% m2  CPU% lab  CPU us/frame  stalls");
        double[] fps = new double[opt.runs];
        for (int i = 0; i < opt.runs; i++) {
            Reading a = read(gen, sink);
            Thread.sleep((long) (opt.seconds * 1000));
            Reading b = read(gen, sink);
            double secs = (b.nanos() - a.nanos()) / 1e9;
            long frames = b.sink().receivedFrames() - a.sink().receivedFrames();
            fps[i] = frames / secs;
            long batches = b.l1().batchesOut() - a.l1().batchesOut();
            long entries = b.l1().entriesOut() - a.l1().entriesOut();
            long linkFrames = b.l1().framesOut() - a.l1().framesOut();
            long bytes = b.l1().bytesOut() - a.l1().bytesOut();
            long cpu1 = b.cpu1() - a.cpu1();
            long cpu2 = b.cpu2() - a.cpu2();
            long cpuLab = b.cpuLab() - a.cpuLab();
            double wall = b.nanos() - a.nanos();
            out.printf(Locale.ROOT, "%4d  %7.2f  %10s  %7.0f  %9.0f  %13s  %12s  %11s  %7.0f  %7.0f  %8.0f  %12.2f  %6d%n",
                    i + 1, secs, JvmStats.si(fps[i]), fps[i] * opt.size * 8 / 1e6, batches / secs,
                    ratio(entries, batches), ratio(linkFrames, batches), ratio(bytes, batches),
                    100.0 * cpu1 / wall, m1 == m2 ? 0.0 : 100.0 * cpu2 / wall, 100.0 * cpuLab / wall,
                    frames == 0 ? 0.0 : (cpu1 + (m1 == m2 ? 0 : cpu2) + cpuLab) / 1000.0 / frames,
                    b.gen().stalls() - a.gen().stalls());
        }
        gen.tell(new TrafficEnds.Stop());
        drain(sink);
        java.util.Arrays.sort(fps);
        out.printf(Locale.ROOT, "%nframes/s median %s (min %s, max %s)%n", JvmStats.si(fps[fps.length / 2]),
                JvmStats.si(fps[0]), JvmStats.si(fps[fps.length - 1]));
        totals(gen, sink, List.of(r1, r2));
        if (opt.pings > 0) {
            latency(opt, r1, r3);
        }
        return 0;
    }

    private static String ratio(long a, long b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (double) a / b);
    }

    private Reading read(ActorRef<Object> gen, ActorRef<Object> sink) {
        long n = System.nanoTime();
        long c1 = MemberCpu.nanos(pid1);
        long c2 = MemberCpu.nanos(pid2);
        long cl = JvmStats.cpuNanos();
        return new Reading(n, counts(sink), counts(gen), stats(m1), stats(m2), c1, c2, cl);
    }

    private TrafficEnds.Counts counts(ActorRef<Object> end) {
        return bs.ask(end, (ActorRef<TrafficEnds.Counts> r) -> new TrafficEnds.GetCounts(r));
    }

    private MemberLinks.Stats stats(MemberHost.Description m) {
        return bs.ask(MembersBench.links(bs.system, m), (ActorRef<MemberLinks.Stats> r) -> new MemberLinks.GetStats(r));
    }

    private MembersBench.Router router(String name, MemberHost.Description m) {
        MemberHost.Spawned s = bs.ask(m.host(), (ActorRef<MemberHost.Spawned> r) ->
                new MemberHost.SpawnNamespace(name, "bench-" + name, name.hashCode(), -1, null, r));
        if (s.error() != null) {
            throw new IllegalStateException(s.error());
        }
        NamespaceActor.VethAdded e0 = bs.addVeth(s.ns(), "eth0", MembersBench.mac(name, "eth0"), name.hashCode() * 2L);
        NamespaceActor.VethAdded e1 = bs.addVeth(s.ns(), "eth1", MembersBench.mac(name, "eth1"), name.hashCode() * 2L + 1);
        return new MembersBench.Router(name, m.member(), s.ns(), e0, e1);
    }

    private void link(MembersBench.Router a, MembersBench.Router b) {
        link(a, b, "eth1", "eth0");
    }

    private void link(MembersBench.Router a, MembersBench.Router b, String ifA, String ifB) {
        NamespaceActor.VethAdded va = ifA.equals("eth0") ? a.eth0() : a.eth1();
        NamespaceActor.VethAdded vb = ifB.equals("eth0") ? b.eth0() : b.eth1();
        bs.connect(a.ns(), ifA, vb.device(), vb.ifindex(), b.name());
        bs.connect(b.ns(), ifB, va.device(), va.ifindex(), a.name());
    }

    private void configure(MembersBench.Router r1, MembersBench.Router r2, MembersBench.Router r3, MembersBench.Router r4) {
        exec(r1, "sysctl -w net.ipv4.ip_forward=1", "ip addr add 10.0.0.1/24 dev eth0", "ip addr add 10.1.1.1/24 dev eth1",
                "ip route add 10.200.0.0/24 via 10.1.1.2");
        exec(r2, "sysctl -w net.ipv4.ip_forward=1", "ip addr add 10.1.1.2/24 dev eth0", "ip addr add 10.200.0.1/24 dev eth1",
                "ip route add 10.0.0.0/24 via 10.1.1.1",
                "ip neigh add 10.200.0.2 lladdr " + Macs.format(HopsBench.SINK_MAC) + " dev eth1 nud permanent");
        exec(r3, "ip addr add 10.50.0.1/24 dev eth0");
        exec(r4, "ip addr add 10.50.0.2/24 dev eth0");
    }

    private void exec(MembersBench.Router r, String... lines) {
        for (String l : lines) {
            bs.exec(r.ns(), r.name(), l);
        }
    }

    private void awaitCarrier(MembersBench.Router r) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (NamespaceActor.VethAdded v : List.of(r.eth0(), r.eth1())) {
            if (r.name().compareTo("r3") >= 0 && v == r.eth1()) {
                continue; // r3 and r4 use eth0 only
            }
            while (!bs.counters(v.device()).carrier()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(r.name() + ":" + v.ifname() + " has no carrier");
                }
                Thread.sleep(10);
            }
        }
    }

    private void drain(ActorRef<Object> sink) throws InterruptedException {
        long prev = -1;
        for (int i = 0; i < 50; i++) {
            long now = counts(sink).receivedFrames();
            if (now == prev) {
                return;
            }
            prev = now;
            Thread.sleep(200);
        }
    }

    private void totals(ActorRef<Object> gen, ActorRef<Object> sink, List<MembersBench.Router> chain) {
        TrafficEnds.Counts g = counts(gen);
        TrafficEnds.Counts s = counts(sink);
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        List<String> where = new java.util.ArrayList<>();
        for (MembersBench.Router r : chain) {
            for (NamespaceActor.VethAdded v : List.of(r.eth0(), r.eth1())) {
                DeviceCounters c = bs.counters(v.device());
                c.drops().forEach((k, n) -> drops.merge(k, n, Long::sum));
                if (!c.drops().isEmpty()) {
                    where.add(r.name() + ":" + v.ifname() + " " + c.drops());
                }
            }
        }
        MemberLinks.Stats l1 = stats(m1);
        MemberLinks.Stats l2 = stats(m2);
        out.printf(Locale.ROOT, "totals: sent %d, delivered %d, lost %d (device drops %s%s), stalls %d%n",
                g.sentFrames(), s.receivedFrames(), g.sentFrames() - s.receivedFrames(), drops,
                where.isEmpty() ? "" : ": " + String.join(", ", where), g.stalls());
        for (MemberLinks.Stats l : m1 == m2 ? List.of(l1) : List.of(l1, l2)) {
            out.printf(Locale.ROOT, "links of %s: out %d entries, %d frames, %d bytes in %d batches; in %d entries in %d batches; "
                            + "dropped: partition %d, unknown link %d, overflow %d; ack timeouts %d%n",
                    l.member(), l.entriesOut(), l.framesOut(), l.bytesOut(), l.batchesOut(), l.entriesIn(), l.batchesIn(),
                    l.droppedPartition(), l.droppedUnknown(), l.droppedOverflow(), l.ackTimeouts());
        }
    }

    private void latency(MembersBench opt, MembersBench.Router r1, MembersBench.Router r3) {
        String ping = "ping -c " + opt.pings + " -i " + opt.pingInterval + " -W 1 ";
        // a short ping first: ARP resolved and the path's code compiled before the measured ones
        bs.exec(r1.ns(), r1.name(), "ping -c 20 -i 0.01 10.1.1.2");
        bs.exec(r3.ns(), r3.name(), "ping -c 20 -i 0.01 10.50.0.2");
        PingLatency across = PingLatency.parse(bs.exec(r1.ns(), r1.name(), ping + "10.1.1.2").stdout());
        PingLatency inside = PingLatency.parse(bs.exec(r3.ns(), r3.name(), ping + "10.50.0.2").stdout());
        out.println();
        out.printf(Locale.ROOT, "latency: ping -c %d -i %s, 84-byte echoes, no other traffic%n", opt.pings, opt.pingInterval);
        out.println("link                                        replies   min ms  median ms   p99 ms   max ms");
        row(m1 == m2 ? "r1 -> r2 (inside " + m1.member() + ")" : "r1 -> r2 (between " + m1.member() + " and " + m2.member() + ")",
                across);
        row("r3 -> r4 (inside " + m1.member() + ")", inside);
        if (m1 != m2 && across.received() > 0 && inside.received() > 0) {
            out.printf(Locale.ROOT, "added by the member link: median %+.3f ms, p99 %+.3f ms%n",
                    across.percentile(50) - inside.percentile(50), across.percentile(99) - inside.percentile(99));
        }
    }

    private void row(String name, PingLatency l) {
        out.printf(Locale.ROOT, "%-42s  %4d/%-4d  %7.3f  %9.3f  %7.3f  %7.3f%n", name, l.received(), l.transmitted(),
                l.percentile(0), l.percentile(50), l.percentile(99), l.percentile(100));
    }

}
