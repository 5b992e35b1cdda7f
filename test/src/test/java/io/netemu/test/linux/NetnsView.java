package io.netemu.test.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One lab run's own {@code /run/netns}: the directory of named network namespaces that every
 * command of the run sees, so {@code ip netns add|del|list|exec|identify|pids}, {@code ip -n NAME},
 * {@code ip -all netns ...} and {@code netns NAME} in {@code ip link} work on the lab's names
 * exactly as on a host, without touching the machine's {@code /run/netns} or another run's.
 *
 * <pre>
 *   /run/netemu-oracle/nx&lt;pid&gt;-&lt;n&gt;/      tmpfs, shared propagation (peer group P)
 *       netns/NAME                           what the run's commands see as /run/netns/NAME
 *       nodes/NODE                           the run's own hold on each node's namespace
 * </pre>
 *
 * Each command runs as {@code unshare -m --propagation unchanged}: a new mount namespace whose
 * mounts are still peers of the host's. In it, the mount that holds {@code /run/netns} is made
 * a slave (so nothing mounted on it reaches the host), and {@code netns/} is bind-mounted
 * (recursively) on {@code /run/netns}; that bind is a peer of {@code netns/} in P, so the
 * namespace file {@code ip netns add} bind-mounts there appears in the host's {@code netns/},
 * and {@code ip netns del}'s unmount leaves it too. Then {@code nsenter --net} enters the
 * node's namespace, keeping that mount namespace: a root shell on a host, as the lab's commands
 * expect. ({@code ip netns exec} would not do: it runs its command in a slave mount namespace,
 * so an {@code ip netns add} inside it makes a namespace that vanishes when the command ends.)
 *
 * <p>Names need no mapping: {@code ip netns list} lists the run's names, newest first as on a
 * tmpfs {@code /run} (this machine's {@code /run/netns} is on ext4, whose hash order no emulator
 * reproduces), {@code link-netns NAME} and {@code "/run/netns/NAME"} in error messages read as
 * on a host, and {@code ip -all netns del} cannot reach anyone else's namespaces.
 *
 * <p>Pitfall: {@code /sys} is the host's (nsenter does not remount it as {@code ip netns exec}
 * does); no tool the labs run reads it.
 */
final class NetnsView implements AutoCloseable {
    /** Where every run's root lives; a directory per run, named {@code nx<pid>-<n>}. */
    static final Path BASE = Path.of("/run/netemu-oracle");
    private static final Pattern RUN_DIR = Pattern.compile("nx(\\d+)-\\d+");
    private static final Pattern NET_LINK = Pattern.compile("net:\\[(\\d+)]");
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Run in the new mount namespace by sh, with {@code $0} the run's {@code netns/}: the mount
     * holding /run/netns becomes a slave, then netns/ is bound over /run/netns.
     */
    private static final String ENTER = "mount --make-slave \"$(findmnt -n -o TARGET -T /run/netns)\" "
            + "&& mount --rbind \"$0\" /run/netns "
            + "|| { echo \"netemu-oracle: cannot bind $0 on /run/netns\" >&2; exit 125; }; exec \"$@\"";

    private final Path root;
    private final Path netns;
    private final Path nodes;

    private NetnsView(Path root) {
        this.root = root;
        this.netns = root.resolve("netns");
        this.nodes = root.resolve("nodes");
    }

    /** Mounts the run's root at {@code BASE/id}. On failure, whatever was made is undone. */
    static NetnsView create(String id) {
        NetnsView v = new NetnsView(BASE.resolve(id));
        try {
            Files.createDirectories(Path.of("/run/netns"));   // as ip netns add would: the bind needs a mount point
            Files.createDirectories(v.root);
            Shell.check(List.of("mount", "-t", "tmpfs", "-o", "mode=0755,size=1m", "netemu-oracle", v.root.toString()));
            Shell.check(List.of("mount", "--make-shared", v.root.toString()));
            Files.createDirectory(v.netns);
            Files.createDirectory(v.nodes);
        } catch (IOException | RuntimeException e) {
            v.close();
            throw e instanceof IOException io ? new IllegalStateException("cannot create " + v.root + ": " + io, io)
                    : (RuntimeException) e;
        }
        return v;
    }

    Path root() {
        return root;
    }

    /** The file {@code netns NAME} opens for the run's commands. */
    Path named(String name) {
        return netns.resolve(name);
    }

    /** The run's hold on node {@code node}'s namespace, which outlives an {@code ip netns del NODE}. */
    Path node(String node) {
        return nodes.resolve(node);
    }

    /** {@code words} run in the run's view of /run/netns, in the host's network namespace. */
    List<String> inView(List<String> words) {
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "unchanged", "sh", "-c",
                ENTER, netns.toString()));
        argv.addAll(words);
        return argv;
    }

    /** {@code words} run in the run's view of /run/netns, in node {@code node}'s network namespace. */
    List<String> inNode(String node, List<String> words) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "--net=" + node(node), "--"));
        argv.addAll(words);
        return inView(argv);
    }

    /** Names {@code ip netns add NODE} made in the view also held under nodes/, so the node lives on without its name. */
    void hold(String node) {
        try {
            Files.createFile(node(node));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + node(node) + ": " + e, e);
        }
        Shell.check(List.of("mount", "--bind", named(node).toString(), node(node).toString()));
    }

    /** Every name in the view now, by namespace inode (a name whose file is not a namespace is left out). */
    Map<Long, Path> named() {
        Map<Long, Path> out = new HashMap<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(netns)) {
            for (Path p : names) {
                inode(p).ifPresent(ino -> out.putIfAbsent(ino, p));
            }
        } catch (IOException e) {
            // the view is gone (closed): nothing is named
        }
        return out;
    }

    /** The nsfs inode of a namespace file: what {@code /proc/PID/ns/net} names as {@code net:[INODE]}. */
    static Optional<Long> inode(Path nsFile) {
        try {
            if (!"nsfs".equals(Files.getFileStore(nsFile).type())) {
                return Optional.empty();   // a bare file: ip netns add failed half-way, or a name not yet bound
            }
            return Optional.of(((Number) Files.getAttribute(nsFile, "unix:ino")).longValue());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Kills every process left in one of the run's namespaces (a daemon a lab started, a command
     * past its timeout), then unmounts the whole root: every namespace the run made or named is
     * gone with its interfaces once its last process is. Safe to call twice.
     */
    @Override
    public void close() {
        if (!Files.isDirectory(root)) {
            return;
        }
        Set<Long> ours = new HashSet<>(named().keySet());
        try (Stream<Path> held = Files.list(nodes)) {
            held.forEach(p -> inode(p).ifPresent(ours::add));
        } catch (IOException e) {
            // no nodes/ yet: nothing held
        }
        killProcessesIn(ours);
        if (isMountPoint(root)) {
            // Lazy: a process still on its way out must not keep the namespaces named.
            Shell.run(List.of("umount", "--lazy", root.toString()), SETUP_TIMEOUT);
        }
        try {
            Files.deleteIfExists(root);
        } catch (IOException e) {
            // left for the next run's sweep of dead runs
        }
    }

    private static void killProcessesIn(Set<Long> namespaces) {
        if (namespaces.isEmpty()) {
            return;
        }
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().filter(p -> p.pid() != self).forEach(p -> {
            try {
                String link = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "ns", "net")).toString();
                Matcher m = NET_LINK.matcher(link);
                if (m.matches() && namespaces.contains(Long.parseLong(m.group(1)))) {
                    p.destroyForcibly();
                }
            } catch (IOException | RuntimeException e) {
                // gone already, or not ours to read
            }
        });
    }

    private static boolean isMountPoint(Path p) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.map(l -> l.split(" ")[4]).anyMatch(mp -> mp.equals(p.toString()));
        } catch (IOException e) {
            return true;   // unknown: try the unmount, which fails harmlessly
        }
    }

    /** Closes the roots a killed JVM left behind (its pid no longer alive); run once, before the first lab. */
    static void sweepDeadRuns() {
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(BASE)) {
            for (Path run : runs) {
                Matcher m = RUN_DIR.matcher(run.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    new NetnsView(run).close();
                }
            }
        } catch (IOException e) {
            // no BASE yet: nothing to sweep
        }
    }
}
