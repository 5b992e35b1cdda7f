package io.netemu.test.linux;

import io.netemu.topologies.lab.Endpoint;
import io.netemu.topologies.lab.ExecLine;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LinkSpec;
import io.netemu.topologies.lab.Macs;
import io.netemu.topologies.lab.NodeSpec;
import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>Namespaces, the nodes' and those a lab's commands make ({@code ip netns add}), live in the
 * run's own {@code /run/netns}, a {@link NetnsView} under {@code /run/netemu-oracle/nx<pid>-<n>}:
 * a lab's commands use their names as on a host, concurrent runs and other users of the machine
 * never collide, and {@link #close()} deletes them all (a JVM shutdown hook closes any run a
 * test left open, and the next JVM sweeps the runs of one that was killed). A namespace a
 * command makes is reset to the kernel's defaults ({@link KernelDefaults}) as the command ends,
 * as the nodes' own are before boot.
 */
public final class LinuxLab implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Set<NetnsView> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration BOOT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** What nsenter says when the program is missing (exit 127); a shell says {@code NAME: command not found}. */
    private static final Pattern EXEC_FAILED = Pattern.compile("nsenter: failed to execute (.*): No such file or directory\n?");

    static {
        NetnsView.sweepDeadRuns();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(NetnsView::close),
                "linux-lab-cleanup"));
    }

    private final Lab lab;
    private final NetnsView view;
    /** The namespaces already at the kernel's defaults, by inode: the nodes', then each a command made. */
    private final Set<Long> atDefaults = ConcurrentHashMap.newKeySet();
    private long bootMs;

    private LinuxLab(Lab lab, NetnsView view) {
        this.lab = lab;
        this.view = view;
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
        long start = System.nanoTime();
        LinuxLab l = new LinuxLab(lab, open("nx" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet()));
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

    /** The file of the real namespace that stands for {@code node} (for {@code nsenter --net=}). */
    public Path namespace(String node) {
        if (!lab.nodes().containsKey(node)) {
            throw new IllegalArgumentException("lab " + lab.name() + " has no node " + node);
        }
        return view.node(node);
    }

    /** The file of the namespace the run's commands call {@code name} (their {@code /run/netns/NAME}). */
    public Path named(String name) {
        return view.named(name);
    }

    /**
     * Runs one command line in {@code node}'s namespace, split into words as netemu splits it
     * ({@link ExecLine#words()}), without a shell, seeing the run's namespaces as /run/netns. A
     * missing program answers as a shell's would (exit 127, {@code NAME: command not found}),
     * which is what netemu promises too. A namespace the command made is at the kernel's defaults
     * when this returns.
     */
    public Shell.Result exec(String node, String command, Duration timeout) {
        // Through ExecLine rather than the splitter itself: the lab model's API stays put when the splitter moves.
        namespace(node);
        List<String> argv = view.inNode(node, new ExecLine(command, 1, 1).words());
        Shell.Result r = Shell.run(argv, timeout);
        resetNewNamespaces();
        Matcher m = EXEC_FAILED.matcher(r.stderr());
        if (r.exit() == 127 && m.matches()) {
            return new Shell.Result(127, r.stdout(), m.group(1) + ": command not found\n");
        }
        return r;
    }

    /** Every namespace the run made or named, gone: their processes killed, their interfaces with them. */
    @Override
    public void close() {
        view.close();
        LIVE.remove(view);
    }

    private static NetnsView open(String id) {
        NetnsView v = NetnsView.create(id);
        LIVE.add(v);
        return v;
    }

    /**
     * A namespace made by {@code ip netns add} copies the host's {@code conf.all/default} (with
     * {@code devconf_inherit_init_net=0}) and has IPv6: reset as the nodes' are, before the next
     * command can put interfaces in it.
     */
    private void resetNewNamespaces() {
        view.named().forEach((ino, file) -> {
            if (atDefaults.add(ino)) {
                Shell.run(inNs(file, KernelDefaults.sysctlCommand()), BOOT_COMMAND_TIMEOUT);   // gone meanwhile: harmless
            }
        });
    }

    private void createTopology() {
        for (NodeSpec n : lab.nodes().values()) {
            // As a lab's own `ip netns add` would make it: the node's name is a namespace name of the run.
            Shell.check(view.inView(List.of("ip", "netns", "add", n.name())));
            view.hold(n.name());
            Path ns = namespace(n.name());
            NetnsView.inode(ns).ifPresent(atDefaults::add);
            Shell.check(inNs(ns, List.of("ip", "link", "set", "lo", "up")));
            Shell.check(inNs(ns, KernelDefaults.sysctlCommand()));
        }
        for (LinkSpec link : lab.links()) {
            String mtu = Integer.toString(link.mtu());
            Endpoint a = link.a();
            Endpoint b = link.b();
            // Both ends are made directly inside their namespaces, so names like eth0 never clash on the host.
            // (ip opens a netns value holding a '/' as a path.)
            Shell.check(List.of("ip", "link", "add", a.iface(), "netns", namespace(a.node()).toString(), "address", mac(a),
                    "mtu", mtu, "type", "veth", "peer", "name", b.iface(), "netns", namespace(b.node()).toString(),
                    "address", mac(b), "mtu", mtu));
            for (Endpoint e : List.of(a, b)) {
                Shell.check(inNs(namespace(e.node()), List.of("ip", "link", "set", e.iface(), "up")));
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
        Path ns = namespace(n.name());
        Shell.check(inNs(ns, List.of("ip", "link", "add", "br0", "address",
                Macs.format(Macs.derive(lab.name(), n.name(), "br0")), "type", "bridge", "stp_state", "0")));
        for (LinkSpec link : lab.links()) {
            for (Endpoint e : List.of(link.a(), link.b())) {
                if (e.node().equals(n.name())) {
                    Shell.check(inNs(ns, List.of("ip", "link", "set", e.iface(), "master", "br0")));
                }
            }
        }
        Shell.check(inNs(ns, List.of("ip", "link", "set", "br0", "up")));
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

    /** The oracle's own set-up commands, in a namespace by its file: no view of /run/netns needed. */
    private static List<String> inNs(Path ns, List<String> words) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--net=" + ns, "--"));
        argv.addAll(words);
        return argv;
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
