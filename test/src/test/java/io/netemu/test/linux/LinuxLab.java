package io.netemu.test.linux;

import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.ExecLine;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.Macs;
import io.netemu.topologies.lab.NodeSpec;
import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Lab} built in real Linux network namespaces, as topology-format.md "Boot" says: the
 * oracle that differential tests hold netemu against. Needs root, {@code ip}, {@code sysctl}
 * (and whatever the lab runs); {@link LinuxOracle#assumeAvailable()} checks first.
 *
 * <p>Not supported, because this kernel setup cannot express them faithfully: link impairments
 * (no netem here; {@code rate} alone could be tbf but is left out so every lab means the same in
 * both worlds) and scenario link/action steps (a veth end shows NO-CARRIER only when its peer is
 * admin down, so "both ends admin UP and NO-CARRIER", netemu's cable cut, cannot be built; a
 * crash/restart would need the same). Both are refused before anything is created.
 *
 * <p>Namespaces are named {@code nx<pid>-<n>-<node>} so concurrent runs and other users of the
 * machine never collide, and are deleted by {@link #close()}; a JVM shutdown hook deletes any a
 * killed test left behind.
 */
public final class LinuxLab implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration BOOT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern EXEC_FAILED = Pattern.compile("exec of \"(.*)\" failed: No such file or directory\n?");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(LinuxLab::deleteNamespace),
                "linux-lab-cleanup"));
    }

    private final Lab lab;
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private long bootMs;

    private LinuxLab(Lab lab) {
        this.lab = lab;
    }

    /** Boots {@code lab} and runs its scenario, as {@code LabRunner.run} does in netemu; always cleans up. */
    public static RunReport run(Lab lab) {
        requireSupportedSteps(lab);
        long start = System.nanoTime();
        LinuxLab linux;
        try {
            linux = boot(lab);
        } catch (BootException e) {
            return new RunReport(lab.name(), (System.nanoTime() - start) / 1_000_000, List.of(), false, e.getMessage());
        }
        try (linux) {
            return LinuxScenario.run(linux);
        }
    }

    /**
     * Creates the lab's namespaces, links and bridges, then boots every node (sysctl, then exec)
     * concurrently, as netemu does. The caller closes the result.
     *
     * @throws IllegalArgumentException for a link with impairments (before anything is created)
     * @throws BootException            when a sysctl or exec line fails; nothing is left behind
     */
    public static LinuxLab boot(Lab lab) {
        requireNoImpairments(lab);
        LinuxLab l = new LinuxLab(lab);
        long start = System.nanoTime();
        try {
            l.createTopology();
            l.bootNodes();
        } catch (RuntimeException | Error e) {
            l.close();
            throw e;
        }
        l.bootMs = (System.nanoTime() - start) / 1_000_000;
        return l;
    }

    public Lab lab() {
        return lab;
    }

    public long bootMs() {
        return bootMs;
    }

    /** The Linux namespace that stands for {@code node}. */
    public String namespace(String node) {
        String ns = namespaces.get(node);
        if (ns == null) {
            throw new IllegalArgumentException("lab " + lab.name() + " has no node " + node);
        }
        return ns;
    }

    /**
     * Runs one command line in {@code node}'s namespace, split into words as netemu splits it
     * ({@link ExecLine#words()}), without a shell. A missing program answers as a shell's would (exit
     * 127, {@code NAME: command not found}), which is what netemu promises too.
     */
    public Shell.Result exec(String node, String command, Duration timeout) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace(node)));
        // Through ExecLine rather than the splitter itself: the lab model's API stays put when the splitter moves.
        argv.addAll(new ExecLine(command, 1, 1).words());
        Shell.Result r = Shell.run(argv, timeout);
        Matcher m = EXEC_FAILED.matcher(r.stderr());
        if (r.exit() != 0 && m.matches()) {
            return new Shell.Result(127, r.stdout(), m.group(1) + ": command not found\n");
        }
        return r;
    }

    @Override
    public void close() {
        List<String> all = new ArrayList<>(namespaces.values());
        namespaces.clear();
        all.forEach(LinuxLab::deleteNamespace);   // a namespace's veths and bridge vanish with it
    }

    private void createTopology() {
        String prefix = "nx" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet() + "-";
        for (NodeSpec n : lab.nodes().values()) {
            String ns = prefix + n.name();
            LIVE.add(ns);              // before creating it: a half-made lab must be cleaned up too
            namespaces.put(n.name(), ns);
            Shell.check(List.of("ip", "netns", "add", ns));
            Shell.check(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
            Shell.check(inNs(ns, KernelDefaults.sysctlCommand()));
        }
        for (LinkSpec link : lab.links()) {
            String mtu = Integer.toString(link.mtu());
            Endpoint a = link.a();
            Endpoint b = link.b();
            // Both ends are made directly inside their namespaces, so names like eth0 never clash on the host.
            Shell.check(List.of("ip", "link", "add", a.iface(), "netns", namespace(a.node()), "address", mac(a), "mtu", mtu,
                    "type", "veth", "peer", "name", b.iface(), "netns", namespace(b.node()), "address", mac(b), "mtu", mtu));
            for (Endpoint e : List.of(a, b)) {
                Shell.check(List.of("ip", "-n", namespace(e.node()), "link", "set", e.iface(), "up"));
            }
        }
        for (NodeSpec n : lab.nodes().values()) {
            if (n.isBridge()) {
                createBridge(n);
            }
        }
    }

    /** br0 with its own derived MAC (set explicitly, so it keeps it as ports join), STP off, every interface a port. */
    private void createBridge(NodeSpec n) {
        String ns = namespace(n.name());
        Shell.check(List.of("ip", "-n", ns, "link", "add", "br0", "address",
                Macs.format(Macs.derive(lab.name(), n.name(), "br0")), "type", "bridge", "stp_state", "0"));
        for (LinkSpec link : lab.links()) {
            for (Endpoint e : List.of(link.a(), link.b())) {
                if (e.node().equals(n.name())) {
                    Shell.check(List.of("ip", "-n", ns, "link", "set", e.iface(), "master", "br0"));
                }
            }
        }
        Shell.check(List.of("ip", "-n", ns, "link", "set", "br0", "up"));
    }

    /** Boots all nodes at once; reports the first failure in file order, in netemu's words. */
    private void bootNodes() {
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (NodeSpec n : lab.nodes().values()) {
                results.add(pool.submit(() -> bootNode(n)));
            }
        }
        for (Future<String> f : results) {
            String error = f.resultNow();
            if (error != null) {
                throw new BootException(error);
            }
        }
    }

    /** sysctl then exec lines, in order; returns netemu's boot-failure message, or null when the node booted. */
    private String bootNode(NodeSpec n) {
        for (Map.Entry<String, String> kv : n.sysctl().entrySet()) {
            Shell.Result r = exec(n.name(), "sysctl -w " + kv.getKey() + "=" + kv.getValue(), BOOT_COMMAND_TIMEOUT);
            if (!r.ok()) {
                return lab.file() + ":" + n.line() + ": node " + n.name() + ": sysctl " + kv.getKey() + " failed: "
                        + r.stderr().strip();
            }
        }
        for (int k = 0; k < n.exec().size(); k++) {
            ExecLine line = n.exec().get(k);
            Shell.Result r = exec(n.name(), line.command(), BOOT_COMMAND_TIMEOUT);
            if (!r.ok()) {
                return lab.file() + ":" + line.line() + ": node " + n.name() + ": exec line " + (k + 1) + " '"
                        + line.command() + "' failed (exit " + r.exit() + "): " + r.stderr().strip();
            }
        }
        return null;
    }

    private String mac(Endpoint e) {
        return Macs.format(Macs.derive(lab.name(), e.node(), e.iface()));
    }

    private static List<String> inNs(String ns, List<String> words) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        argv.addAll(words);
        return argv;
    }

    private static void deleteNamespace(String ns) {
        Shell.run(List.of("ip", "netns", "delete", ns), Duration.ofSeconds(30));   // fails harmlessly if never made
        LIVE.remove(ns);
    }

    static void requireNoImpairments(Lab lab) {
        for (LinkSpec link : lab.links()) {
            if (!link.impairments().isNone()) {
                throw new IllegalArgumentException(lab.file() + ":" + link.line() + ": link " + link
                        + " has impairments " + link.impairments() + "; the real-Linux oracle builds plain veth pairs "
                        + "only (no netem on this kernel), so a differential lab must not use delay, jitter, loss, "
                        + "rate, corrupt or duplicate");
            }
        }
    }

    static void requireSupportedSteps(Lab lab) {
        for (StepSpec s : lab.steps()) {
            if (!(s instanceof StepSpec.RunStep)) {
                throw new UnsupportedOperationException(lab.file() + ":" + s.line() + ": the real-Linux oracle runs "
                        + "only `run` steps, not " + s + ": netemu's link down keeps both ends admin UP with "
                        + "NO-CARRIER, which a veth pair cannot show (an end loses carrier only when its peer is "
                        + "admin down), and crash/restart would need the same cable semantics");
            }
        }
    }

    /** A sysctl or exec line failed; the message is netemu's {@code FILE:LINE: node NODE: ...}. */
    public static final class BootException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BootException(String message) {
            super(message);
        }
    }
}
