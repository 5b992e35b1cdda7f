package io.netemu.cli.bench;

import io.netemu.device.DeviceCounters;
import io.netemu.device.DropReason;
import io.netemu.device.NetDevice;
import io.netemu.device.NsInbound;
import io.netemu.node.ns.NamespaceActor;
import io.netemu.packet.wire.Ipv4Address;
import io.netemu.topologies.lab.Macs;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netemu bench hops}: packet-hops per second through a chain of router namespaces, all
 * real actors with the production settings (serialize-messages off).
 *
 * <pre>
 *  gen ─▶ r1:eth0 [r1] r1:eth1 ─▶ r2:eth0 [r2] ... rN:eth1 ─▶ sink
 * 10.0.0.2   10.0.0.1                                 10.200.0.1   10.200.0.2
 * </pre>
 *
 * A frame that reaches the sink crossed {@code N + 1} links (gen→r1, N-1 between routers,
 * rN→sink) and was forwarded {@code N} times.
 */
@Command(name = "hops", mixinStandardHelpOptions = true,
        description = "Packet-hops per second through a chain of routers (namespace actors joined by veth pairs), "
                + "from an in-process UDP generator to a sink, with credit-based flow control.")
public final class HopsBench implements Callable<Integer> {
    static final long GEN_MAC = 0x02_00_00_00_00_01L;
    static final long SINK_MAC = 0x02_00_00_00_00_02L;
    static final int GEN_IP = Ipv4Address.parse("10.0.0.2");
    static final int SINK_IP = Ipv4Address.parse("10.200.0.2");

    @Option(names = "--routers", defaultValue = "8", description = "routers in the chain (1..250; default ${DEFAULT-VALUE})")
    int routers;

    @Option(names = "--seconds", defaultValue = "10", description = "length of each measured run in seconds (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "seconds of traffic before measuring (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--runs", defaultValue = "3", description = "measured runs, back to back after one warm-up (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--batch", defaultValue = "64", description = "frames per generator batch (one Receive message; default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--window", defaultValue = "16", description = "batches in flight at most (credit window; default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--size", defaultValue = "64", description = "frame size in bytes, Ethernet header to end of payload, no FCS (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "override a setting of the run (HOCON), e.g. pekko.actor.default-dispatcher.throughput=20; repeatable")
    List<String> conf = new ArrayList<>();

    @Option(names = "--router-commands", paramLabel = "FILE",
            description = "command lines (one a line, # comments) run on every router after its addresses and routes: "
                    + "e.g. iptables rules or nft commands, to measure forwarding through them")
    java.nio.file.Path routerCommands;

    @Option(names = "--show-links", description = "print 'ip -s link' and 'ip neigh show' of every router at the end")
    boolean showLinks;

    private final PrintStream out = System.out;

    private record Router(String name, ActorRef<NsInbound> ns, NamespaceActor.VethAdded eth0, NamespaceActor.VethAdded eth1) {}

    @Override
    public Integer call() throws Exception {
        if (routers < 1 || routers > 250 || batch < 1 || window < 1 || runs < 1 || seconds <= 0 || warmup < 0) {
            System.err.println("netemu bench hops: need 1 <= --routers <= 250, --batch, --window, --runs >= 1, --seconds > 0");
            return 2;
        }
        int ttl = Math.max(64, routers + 2);
        out.printf(Locale.ROOT, "bench hops: %d routers, %d-byte frames, batch %d, window %d (%d frames in flight at most)%n",
                routers, size, batch, window, batch * window);
        out.println("jvm: " + JvmStats.describe());
        try (BenchSystem bs = new BenchSystem(conf)) {
            var cfg = bs.system.settings().config();
            out.printf(Locale.ROOT, "dispatcher: %s, parallelism %d..%d x %.1f, throughput %d; serialize-messages %s%n",
                    cfg.getString("pekko.actor.default-dispatcher.executor"),
                    cfg.getInt("pekko.actor.default-dispatcher.fork-join-executor.parallelism-min"),
                    cfg.getInt("pekko.actor.default-dispatcher.fork-join-executor.parallelism-max"),
                    cfg.getDouble("pekko.actor.default-dispatcher.fork-join-executor.parallelism-factor"),
                    cfg.getInt("pekko.actor.default-dispatcher.throughput"),
                    cfg.getString("pekko.actor.serialize-messages"));

            long t0 = System.nanoTime();
            List<Router> chain = build(bs);
            TrafficEnds.Shared shared = new TrafficEnds.Shared();
            Router first = chain.get(0);
            Router last = chain.get(routers - 1);
            ActorRef<Object> gen = bs.spawn(TrafficEnds.generator(new TrafficEnds.GenConfig(GEN_MAC, GEN_IP,
                    mac(first.name(), "eth0"), SINK_IP, ttl, size, batch, window), shared), "bench-gen");
            ActorRef<Object> sink = bs.spawn(TrafficEnds.sink(SINK_MAC, SINK_IP, batch, gen, shared), "bench-sink");
            bs.connect(first.ns(), "eth0", gen.narrow(), 1, "gen");
            gen.tell(new NetDevice.SetPeer(first.eth0().device()));
            bs.connect(last.ns(), "eth1", sink.narrow(), 1, "sink");
            sink.tell(new NetDevice.SetPeer(last.eth1().device()));
            configure(bs, chain);
            awaitCarrier(bs, chain);
            out.printf(Locale.ROOT, "setup: %d namespaces, %d device actors, configured in %d ms%n",
                    routers, 2 * routers, (System.nanoTime() - t0) / 1_000_000);

            gen.tell(new TrafficEnds.Start());
            sleep(warmup);
            if (shared.receivedFrames.get() == 0) {
                sleep(2);
            }
            if (shared.receivedFrames.get() == 0) {
                System.err.println("netemu bench hops: no frame reached the sink after the warm-up; sent "
                        + shared.sentFrames.get() + ", stalls " + shared.stalls.get());
                return 1;
            }
            out.printf(Locale.ROOT, "warm-up: %.1f s, %d frames delivered, TTL at the sink %d (sent %d: %d forwards)%n",
                    warmup, shared.receivedFrames.get(), shared.firstTtl, ttl, ttl - shared.firstTtl);

            double[] hops = new double[runs];
            out.println();
            out.println("(CPU%: process CPU time / wall time, 200% = both cores; CPU ns/hop: process CPU per packet-hop; "
                    + "neigh: samples, one per router per second, that found a router's next-hop entry not REACHABLE/PERMANENT)");
            out.println(" run   seconds    frames/s   forwards/s  pkt-hops/s   CPU%  CPU ns/hop   GCs  GC ms  alloc B/frame  heap used"
                    + "  stalls  neigh");
            for (int i = 0; i < runs; i++) {
                JvmStats.Snapshot a = JvmStats.Snapshot.now();
                long recv0 = shared.receivedFrames.get();
                long stalls0 = shared.stalls.get();
                int[] neigh = sampleNeighbours(bs, chain, a.nanos() + (long) (seconds * 1e9));
                long recv1 = shared.receivedFrames.get();
                JvmStats.Snapshot b = JvmStats.Snapshot.now();
                double secs = (b.nanos() - a.nanos()) / 1e9;
                double fps = (recv1 - recv0) / secs;
                hops[i] = fps * (routers + 1);
                double cpu = 100.0 * (b.cpuNanos() - a.cpuNanos()) / (b.nanos() - a.nanos());
                double alloc = recv1 > recv0 ? (double) (b.allocatedBytes() - a.allocatedBytes()) / (recv1 - recv0) : 0;
                double nsPerHop = hops[i] > 0 ? (b.cpuNanos() - a.cpuNanos()) / (hops[i] * secs) : 0;
                out.printf(Locale.ROOT, "%4d  %8.2f  %10s  %11s  %10s  %5.0f  %10.0f  %4d  %5d  %13.0f  %9s  %6d  %d/%d%n",
                        i + 1, secs, JvmStats.si(fps), JvmStats.si(fps * routers), JvmStats.si(hops[i]), cpu, nsPerHop,
                        b.gcCount() - a.gcCount(), b.gcMillis() - a.gcMillis(), alloc, JvmStats.mib(b.heapUsed()),
                        shared.stalls.get() - stalls0, neigh[0], neigh[1]);
            }

            gen.tell(new TrafficEnds.Stop());
            drain(shared);
            long lost = shared.sentFrames.get() - shared.receivedFrames.get();
            Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
            long polls = 0;
            long polled = 0;
            for (Router r : chain) {
                for (NamespaceActor.VethAdded v : List.of(r.eth0(), r.eth1())) {
                    DeviceCounters c = bs.counters(v.device());
                    c.drops().forEach((k, n) -> drops.merge(k, n, Long::sum));
                    polls += c.napiPolls();
                    polled += c.rxPackets();
                }
            }
            long devDrops = drops.values().stream().mapToLong(Long::longValue).sum();
            out.println();
            out.printf(Locale.ROOT, "totals: sent %d, delivered %d, lost %d (device drops %d%s; the rest dropped in the stacks), "
                            + "stalls %d, ARP replies %d, other frames %d%n",
                    shared.sentFrames.get(), shared.receivedFrames.get(), lost, devDrops, drops.isEmpty() ? "" : " " + drops,
                    shared.stalls.get(), shared.arpReplies.get(), shared.otherFrames.get());
            out.printf(Locale.ROOT, "NAPI: %d polls for %d frames received by the routers (%.2f frames per poll)%n",
                    polls, polled, polls == 0 ? 0.0 : (double) polled / polls);
            if (showLinks) {
                for (Router r : chain) {
                    out.println("--- " + r.name() + ": ip -s link");
                    out.print(bs.exec(r.ns(), r.name(), "ip -s link").stdout());
                    out.println("--- " + r.name() + ": ip neigh show");
                    out.print(bs.exec(r.ns(), r.name(), "ip neigh show").stdout());
                }
            }
            long live = JvmStats.liveHeap();
            out.printf(Locale.ROOT, "live heap after the run (full GC): %s%n", JvmStats.mib(live));
            double[] m = JvmStats.minMedMax(hops);
            out.printf(Locale.ROOT, "hops: %d routers, batch %d, window %d, %d B: %s packet-hops/s median (min %s, max %s) = "
                            + "%s frames/s x %d links, %s forwards/s; lost %d; %d runs of %.0f s%n",
                    routers, batch, window, size, JvmStats.si(m[1]), JvmStats.si(m[0]), JvmStats.si(m[2]),
                    JvmStats.si(m[1] / (routers + 1)), routers + 1, JvmStats.si(m[1] / (routers + 1) * routers), lost, runs, seconds);
            return 0;
        }
    }

    private List<Router> build(BenchSystem bs) {
        List<Router> chain = new ArrayList<>();
        for (int i = 1; i <= routers; i++) {
            String name = "r" + i;
            ActorRef<NsInbound> ns = bs.spawn(NamespaceActor.create(name, i, -1), "ns-" + name);
            NamespaceActor.VethAdded e0 = bs.addVeth(ns, "eth0", mac(name, "eth0"), 2L * i);
            NamespaceActor.VethAdded e1 = bs.addVeth(ns, "eth1", mac(name, "eth1"), 2L * i + 1);
            chain.add(new Router(name, ns, e0, e1));
        }
        for (int i = 0; i + 1 < routers; i++) {
            Router a = chain.get(i);
            Router b = chain.get(i + 1);
            bs.connect(a.ns(), "eth1", b.eth0().device(), b.eth0().ifindex(), b.name());
            bs.connect(b.ns(), "eth0", a.eth1().device(), a.eth1().ifindex(), a.name());
        }
        return chain;
    }

    /** Link {@code i} (1-based) joins r{i}:eth1 (.1) and r{i+1}:eth0 (.2) on 10.(1+i/256).(i%256).0/24. */
    private static String linkNet(int i) {
        return "10." + (1 + i / 256) + "." + (i % 256) + ".";
    }

    private void configure(BenchSystem bs, List<Router> chain) {
        for (int i = 1; i <= routers; i++) {
            Router r = chain.get(i - 1);
            List<String> lines = new ArrayList<>();
            lines.add("sysctl -w net.ipv4.ip_forward=1");
            lines.add("ip addr add " + (i == 1 ? "10.0.0.1" : linkNet(i - 1) + "2") + "/24 dev eth0");
            lines.add("ip addr add " + (i == routers ? "10.200.0.1" : linkNet(i) + "1") + "/24 dev eth1");
            if (i < routers) {
                lines.add("ip route add 10.200.0.0/24 via " + linkNet(i) + "2");
            } else {
                lines.add("ip neigh add 10.200.0.2 lladdr " + Macs.format(SINK_MAC) + " dev eth1 nud permanent");
            }
            if (i > 1) {
                lines.add("ip route add 10.0.0.0/24 via " + linkNet(i - 1) + "1");
            }
            if (routerCommands != null) {
                lines.addAll(extraLines());
            }
            for (String line : lines) {
                var res = bs.exec(r.ns(), r.name(), line);
                if (res.exit() != 0) {
                    throw new IllegalStateException(r.name() + ": '" + line + "' failed: " + res.stderr());
                }
            }
        }
    }

    private List<String> extra;

    private List<String> extraLines() {
        if (extra == null) {
            try {
                extra = java.nio.file.Files.readAllLines(routerCommands).stream()
                        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("--router-commands: cannot read " + routerCommands + ": " + e.getMessage());
            }
        }
        return extra;
    }

    private void awaitCarrier(BenchSystem bs, List<Router> chain) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Router r : chain) {
            for (NamespaceActor.VethAdded v : List.of(r.eth0(), r.eth1())) {
                while (!bs.counters(v.device()).carrier()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(r.name() + ":" + v.ifname() + " has no carrier");
                    }
                    Thread.sleep(10);
                }
            }
        }
    }

    /**
     * Until {@code endNanos}, once a second, reads {@code ip neigh show} on every router; returns
     * {samples where the router's next-hop entry (on eth1) was not REACHABLE or PERMANENT, samples}. A forwarded
     * flow never confirms its next hop, so Linux (and netemu) move the entry REACHABLE, STALE, DELAY
     * (5 s: delay_first_probe_time), PROBE and back to REACHABLE once per base_reachable_time (30 s).
     */
    private static int[] sampleNeighbours(BenchSystem bs, List<Router> chain, long endNanos) throws InterruptedException {
        int busy = 0;
        int samples = 0;
        while (true) {
            long left = endNanos - System.nanoTime();
            if (left <= 0) {
                return new int[] {busy, samples};
            }
            Thread.sleep(Math.max(1, Math.min(1000, left / 1_000_000)));
            if (endNanos - System.nanoTime() <= 0) {
                return new int[] {busy, samples};
            }
            for (Router r : chain) {
                String table = bs.exec(r.ns(), r.name(), "ip neigh show").stdout();
                samples++;
                for (String line : table.split("\n")) {
                    String l = line.strip();
                    if (l.contains(" dev eth1 ") && !l.endsWith("REACHABLE") && !l.endsWith("PERMANENT")) {
                        busy++;
                        break;
                    }
                }
            }
        }
    }

    /** Waits until the sink's count stops moving (the frames in flight arrived or were dropped). */
    private static void drain(TrafficEnds.Shared shared) throws InterruptedException {
        long prev = -1;
        for (int i = 0; i < 50 && shared.receivedFrames.get() != prev; i++) {
            prev = shared.receivedFrames.get();
            Thread.sleep(200);
        }
    }

    static long mac(String node, String iface) {
        return Macs.derive("bench", node, iface);
    }

    private static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }
}
