package io.netemu.cli.bench;

import io.netemu.device.time.NetTime;
import io.netemu.node.shell.Shell;
import io.netemu.packet.SkBuff;
import io.netemu.stack.NetNs;
import io.netemu.stack.NetStack;
import io.netemu.stack.StackEnv;
import io.netemu.stack.dev.DevKind;
import io.netemu.stack.dev.NetDev;
import io.netemu.stack.sock.SocketEvent;
import io.netemu.stack.sys.Sysctls;
import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.ExecLine;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.Macs;
import io.netemu.topologies.lab.NodeSpec;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.RunReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netemu bench boot}: how long a generated lab takes to boot through {@link LabRunner}
 * and how much heap each idle namespace keeps (the namespace actor, its two veth device actors
 * and their NAPI pollers, the stack's state), measured as live heap after full GCs at the end
 * of boot, less the live heap before the run and less what an empty actor system holds.
 */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = "Boot time and heap per idle namespace of a generated lab where every node has two interfaces.")
public final class BootBench implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "1000", description = "nodes in the lab (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--shape", defaultValue = "chain",
            description = "chain: routers in a ring (eth1 of each to eth0 of the next), ip_forward on, two addresses and a "
                    + "default route each; pairs: two nodes joined by two links, two addresses each (default ${DEFAULT-VALUE})")
    String shape;

    @Option(names = "--runs", defaultValue = "1", description = "boots, one after the other in this JVM (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--histogram", defaultValue = "20", paramLabel = "N",
            description = "print the N classes whose live heap grew most during boot, per namespace (0: none; default ${DEFAULT-VALUE})")
    int histogram;

    @Option(names = "--breakdown", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also measure, without actors, the same namespaces as plain NetNs + NetStack objects and their "
                    + "sysctls alone, to split the heap per namespace between stack state and actors (default on)")
    boolean breakdown;

    @Option(names = "--lab", paramLabel = "FILE",
            description = "boot this lab file instead of a generated one (e.g. from 'netemu gen fattree'); its scenario "
                    + "runs after the boot and its steps are summarised")
    java.nio.file.Path labFile;

    @Option(names = "--print-lab", description = "print the generated lab file and exit")
    boolean printLab;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (nodes < 2 || (shape.equals("pairs") && nodes % 2 != 0) || !(shape.equals("chain") || shape.equals("pairs"))) {
            System.err.println("netemu bench boot: --shape chain|pairs, --nodes >= 2 (even for pairs)");
            return 2;
        }
        String yaml = labFile != null ? java.nio.file.Files.readString(labFile) : labText(shape, nodes);
        if (printLab) {
            out.print(yaml);
            return 0;
        }
        out.printf(Locale.ROOT, "bench boot: %s%n", labFile != null ? "lab " + labFile : nodes + " nodes, shape " + shape);
        out.println("jvm: " + JvmStats.describe());
        long t0 = System.nanoTime();
        Lab lab = labFile != null ? LabLoader.parse(labFile.getFileName().toString(), yaml).lab()
                : LabLoader.parse("bench-" + shape + "-" + nodes + ".yaml", yaml).lab();
        if (labFile != null) {
            nodes = lab.nodes().size();
            breakdown = false; // the breakdown rebuilds the generated shapes only
        }
        out.printf(Locale.ROOT, "lab: %d nodes, %d links, %d exec lines; generated and validated in %d ms%n",
                lab.nodes().size(), lab.links().size(), lab.nodes().values().stream().mapToInt(n -> n.exec().size()).sum(),
                (System.nanoTime() - t0) / 1_000_000);

        // prime: load and initialise every class a run touches (their static state is not per namespace)
        LabRunner.run(LabLoader.parse("bench-prime.yaml", labText(shape, 2)).lab(), RunListener.NONE);
        long emptySystem = emptySystemHeap();
        out.printf(Locale.ROOT, "empty actor system (with the run's clock and timer thread): %s of live heap%n",
                JvmStats.mib(emptySystem));

        double[] bootMs = new double[runs];
        double[] perNs = new double[runs];
        out.println();
        out.println("(live heap: total of the live-object class histogram; 'MXBean used': MemoryMXBean heap used after System.gc())");
        out.println(" run   boot ms   to boot ms   live before   live booted     growth   per namespace   MXBean used");
        for (int i = 0; i < runs; i++) {
            long before = JvmStats.liveHeap();
            String histBefore = histogram > 0 ? JvmStats.classHistogram() : "";
            HeapAtBoot l = new HeapAtBoot(histogram > 0);
            long start = System.nanoTime();
            RunReport r = LabRunner.run(lab, l);
            if (r.error() != null || l.bootMs < 0) {
                System.err.println("netemu bench boot: the lab did not boot: " + r.error());
                return 1;
            }
            long growth = l.heap - before - emptySystem;
            bootMs[i] = l.bootMs;
            perNs[i] = (double) growth / nodes;
            out.printf(Locale.ROOT, "%4d  %8d  %11d  %12s  %12s  %9s  %12.0f B  %12s%n", i + 1, l.bootMs,
                    (l.atBoot - start) / 1_000_000, JvmStats.mib(before), JvmStats.mib(l.heap),
                    JvmStats.mib(l.heap - before), perNs[i], JvmStats.mib(l.usedAfterGc));
            if (!r.steps().isEmpty()) {
                long ok = r.steps().stream().filter(st -> Boolean.TRUE.equals(st.expectOk())).count();
                long end = r.steps().stream().mapToLong(st -> st.endedMs()).max().orElse(0);
                out.printf(Locale.ROOT, "      scenario: %d steps, %d expectations held, %d ms from the end of boot to its last step's end%n",
                        r.steps().size(), ok, end);
            }
            if (i == runs - 1 && histogram > 0) {
                printHistogramDiff(histBefore, l.histogram);
            }
        }
        if (breakdown) {
            breakdown(lab, perNs[runs - 1]);
        }
        double[] b = JvmStats.minMedMax(bootMs);
        double[] h = JvmStats.minMedMax(perNs);
        out.printf(Locale.ROOT, "boot: %d nodes (%s): boot %.0f ms median (min %.0f, max %.0f), %.0f B per idle namespace "
                        + "median (min %.0f, max %.0f); %d runs%n",
                nodes, shape, b[1], b[0], b[2], h[1], h[0], h[2], runs);
        return 0;
    }

    /** No actor: frames and wake-ups go nowhere. */
    private static final StackEnv NO_ENV = new StackEnv() {
        @Override
        public long now() { return 0; }

        @Override
        public void xmit(int ifindex, SkBuff frame) {}

        @Override
        public void toSocket(int ident, SocketEvent event) {}

        @Override
        public void wakeAt(long deadlineNanos) {}
    };

    /**
     * Builds every node of the lab again as plain objects, configured by the same sysctl and exec
     * lines through the same shell, and measures (1) their {@link Sysctls} alone, (2) the whole
     * NetNs + NetStack + Shell; the rest of a booted namespace is its actors and what they keep.
     */
    private void breakdown(Lab lab, double perNamespace) {
        Map<String, List<String>> ifaces = new HashMap<>();
        for (LinkSpec l : lab.links()) {
            for (Endpoint e : List.of(l.a(), l.b())) {
                ifaces.computeIfAbsent(e.node(), k -> new ArrayList<>()).add(e.iface());
            }
        }
        int n = lab.nodes().size();
        long before = JvmStats.liveHeap();
        List<Sysctls> sysctls = new ArrayList<>(n);
        for (NodeSpec spec : lab.nodes().values()) {
            Sysctls sc = new Sysctls();
            for (String ifn : ifaces.getOrDefault(spec.name(), List.of())) {
                sc.deviceAdded(ifn);
            }
            spec.sysctl().forEach(sc::set);
            sysctls.add(sc);
        }
        long sysctlBytes = JvmStats.liveHeap() - before;
        sysctls.clear();

        before = JvmStats.liveHeap();
        List<Object> kept = new ArrayList<>(n * 2);
        for (NodeSpec spec : lab.nodes().values()) {
            NetNs ns = new NetNs(spec.name());
            NetStack stack = new NetStack(ns, NO_ENV);
            Shell shell = new Shell(ns, () -> 0L);
            for (String ifn : ifaces.getOrDefault(spec.name(), List.of())) {
                NetDev d = ns.addDevice(ifn, DevKind.VETH, Macs.derive(lab.name(), spec.name(), ifn), 1500);
                ns.linkSetUp(d, true);
                ns.carrierChanged(d.ifindex(), true);
            }
            spec.sysctl().forEach((k, v) -> shell.run(List.of("sysctl", "-q", "-w", k + "=" + v)));
            for (ExecLine line : spec.exec()) {
                shell.run(Shell.words(line.command()));
            }
            stack.settle();
            ns.drainEffects();
            kept.add(stack);
            kept.add(shell);
        }
        long stackBytes = JvmStats.liveHeap() - before;
        kept.clear();
        out.println();
        out.printf(Locale.ROOT, "breakdown per namespace (the same %d nodes built again without actors):%n", n);
        out.printf(Locale.ROOT, "  %8.0f B  Sysctls alone (net.* keys: defaults + net.ipv4.conf.{all,default,lo,eth0,eth1}.*)%n",
                (double) sysctlBytes / n);
        out.printf(Locale.ROOT, "  %8.0f B  the rest of NetNs + NetStack + Shell (devices, addresses, FIB, neighbours, stack parts)%n",
                (double) (stackBytes - sysctlBytes) / n);
        out.printf(Locale.ROOT, "  %8.0f B  actors and what they keep (namespace + 2 devices + 2 NAPI pollers, the lab actor's boot state)%n",
                perNamespace - (double) stackBytes / n);
        out.printf(Locale.ROOT, "  %8.0f B  total per booted namespace%n", perNamespace);
    }

    /** Live heap of a running actor system with the run's settings and clock, less the heap before it started. */
    private static long emptySystemHeap() throws Exception {
        long before = JvmStats.liveHeap();
        ActorSystem<Void> sys = ActorSystem.create(Behaviors.empty(), "netemu", LabRunner.config());
        try {
            NetTime.get(sys);
            return JvmStats.liveHeap() - before;
        } finally {
            sys.terminate();
            sys.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Measures at the end of boot, on the lab actor's thread: nothing moves until it returns. */
    private static final class HeapAtBoot implements RunListener {
        final boolean withHistogram;
        long bootMs = -1;
        long atBoot;
        long heap;
        long usedAfterGc;
        String histogram = "";

        HeapAtBoot(boolean withHistogram) { this.withHistogram = withHistogram; }

        @Override
        public void bootEnded(long ms) {
            atBoot = System.nanoTime();
            bootMs = ms;
            heap = JvmStats.liveHeap();
            usedAfterGc = JvmStats.usedAfterGc();
            if (withHistogram) {
                histogram = JvmStats.classHistogram();
            }
        }
    }

    private static final Pattern HIST_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(.+?)\\s*$");

    private record Row(String cls, long instances, long bytes) {}

    private static Map<String, Row> parseHistogram(String text) {
        Map<String, Row> m = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher x = HIST_LINE.matcher(line);
            if (x.matches()) {
                String cls = x.group(3).replaceAll(" \\(.*\\)$", "");
                m.merge(cls, new Row(cls, Long.parseLong(x.group(1)), Long.parseLong(x.group(2))),
                        (a, c) -> new Row(cls, a.instances + c.instances, a.bytes + c.bytes));
            }
        }
        return m;
    }

    private void printHistogramDiff(String before, String after) {
        Map<String, Row> a = parseHistogram(before);
        Map<String, Row> b = parseHistogram(after);
        if (b.isEmpty()) {
            out.println("(no class histogram: the DiagnosticCommand MBean is not available)");
            return;
        }
        List<Row> diff = new ArrayList<>();
        long total = 0;
        for (Row r : b.values()) {
            Row o = a.getOrDefault(r.cls, new Row(r.cls, 0, 0));
            Row d = new Row(r.cls, r.instances - o.instances, r.bytes - o.bytes);
            total += d.bytes;
            diff.add(d);
        }
        diff.sort((x, y) -> Long.compare(y.bytes, x.bytes));
        out.println();
        out.printf(Locale.ROOT, "live heap growth by class at the end of boot (histogram diff, %d nodes): %s, %.0f B per node%n",
                nodes, JvmStats.mib(total), (double) total / nodes);
        out.println("   bytes/node  objects/node  share  class");
        for (int i = 0; i < Math.min(histogram, diff.size()); i++) {
            Row d = diff.get(i);
            out.printf(Locale.ROOT, "  %11.0f  %12.1f  %4.1f%%  %s%n", (double) d.bytes / nodes, (double) d.instances / nodes,
                    100.0 * d.bytes / total, d.cls);
        }
    }

    /** The lab file: {@code chain} is a ring of routers, {@code pairs} two-node islands joined by two links. */
    static String labText(String shape, int n) {
        StringBuilder s = new StringBuilder(n * 200);
        s.append("name: bench-").append(shape).append('\n');
        s.append("topology:\n");
        if (shape.equals("chain")) {
            s.append("  defaults:\n    sysctl:\n      net.ipv4.ip_forward: 1\n");
        }
        s.append("  nodes:\n");
        for (int i = 0; i < n; i++) {
            s.append("    n").append(i).append(":\n      exec:\n");
            if (shape.equals("chain")) {
                // link i joins n{i}:eth1 (.1) and n{i+1}:eth0 (.2), a /30 each
                int prev = (i + n - 1) % n;
                s.append("        - ip addr add ").append(addr(prev, 2)).append("/30 dev eth0\n");
                s.append("        - ip addr add ").append(addr(i, 1)).append("/30 dev eth1\n");
                s.append("        - ip route add default via ").append(addr(i, 2)).append('\n');
            } else {
                int link = i / 2 * 2;
                int host = i % 2 + 1;
                s.append("        - ip addr add ").append(addr(link, host)).append("/30 dev eth0\n");
                s.append("        - ip addr add ").append(addr(link + 1, host)).append("/30 dev eth1\n");
            }
        }
        s.append("  links:\n");
        for (int i = 0; i < n; i++) {
            if (shape.equals("chain")) {
                s.append("    - endpoints: [\"n").append(i).append(":eth1\", \"n").append((i + 1) % n).append(":eth0\"]\n");
            } else if (i % 2 == 0) {
                for (String ifn : List.of("eth0", "eth1")) {
                    s.append("    - endpoints: [\"n").append(i).append(':').append(ifn).append("\", \"n").append(i + 1)
                            .append(':').append(ifn).append("\"]\n");
                }
            }
        }
        return s.toString();
    }

    /** Host {@code host} of /30 number {@code k} in 10.0.0.0/8. */
    private static String addr(int k, int host) {
        int a = 0x0A000000 + 4 * k + host;
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }
}
