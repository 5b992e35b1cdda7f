package io.netemu.test.linux;

import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * JUnit helpers for tests that hold netemu against real Linux: whether this machine can build
 * labs at all, and the labs kept for that in {@code src/test/resources/linux-labs/}.
 *
 * <p>A developer's machine without root or iputils skips these tests with the reason; CI sets
 * {@code NETEMU_REQUIRE_LINUX=1} so that a missing package fails the build instead of silently
 * turning the differential tests into no-ops.
 */
public final class LinuxOracle {
    /** Set to 1 where the real-Linux tests must run (CI). */
    public static final String REQUIRE_ENV = "NETEMU_REQUIRE_LINUX";
    /** iproute2, iputils, procps, and util-linux/mount for each run's own /run/netns ({@link NetnsView}). */
    private static final List<String> TOOLS = List.of("ip", "ping", "sysctl", "unshare", "nsenter", "findmnt", "mount",
            "umount");

    /** Computed once: the answer does not change during a test run, and probing costs two processes. */
    private static volatile String missing;

    private LinuxOracle() {
    }

    /**
     * Skips the calling test (or fails it when {@value #REQUIRE_ENV}=1) unless this machine can
     * build labs: uid 0, {@code ip}, {@code ping} and {@code sysctl} on PATH, and a network
     * namespace can be created.
     */
    public static void assumeAvailable() {
        String why = missing();
        if (why.isEmpty()) {
            return;
        }
        String message = "real-Linux oracle unavailable: " + why
                + " (needs root and apt packages iproute2, iputils-ping, procps, util-linux, mount)";
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            Assertions.fail(message + "; failing because " + REQUIRE_ENV + "=1");
        }
        Assumptions.abort(message);
    }

    /** What is missing, or "" when nothing is. */
    static String missing() {
        String m = missing;
        if (m == null) {
            m = probe();
            missing = m;
        }
        return m;
    }

    private static String probe() {
        List<String> problems = new ArrayList<>();
        long uid = uid();
        if (uid != 0) {
            problems.add("not root (uid " + uid + ")");
        }
        List<String> absent = TOOLS.stream().filter(t -> !onPath(t)).toList();
        if (!absent.isEmpty()) {
            problems.add("not on PATH: " + String.join(", ", absent));
        }
        if (problems.isEmpty()) {
            problems.addAll(probeNamespaces());
        }
        return String.join("; ", problems);
    }

    /** A run's own /run/netns made, a namespace added in it through it, and all of it gone again. */
    private static List<String> probeNamespaces() {
        NetnsView.sweepDeadRuns();
        NetnsView v;
        try {
            v = NetnsView.create("nx" + ProcessHandle.current().pid() + "-probe");
        } catch (RuntimeException e) {
            return List.of("cannot mount a run's /run/netns: " + e.getMessage());
        }
        try (v) {
            Shell.Result r = Shell.run(v.inView(List.of("ip", "netns", "add", "probe")), Duration.ofSeconds(30));
            if (!r.ok()) {
                return List.of("'ip netns add' fails: " + r.stderr().strip());
            }
            if (NetnsView.inode(v.named("probe")).isEmpty()) {
                return List.of("a namespace 'ip netns add' bound in a run's /run/netns does not reach "
                        + v.named("probe") + " (mount propagation)");
            }
        }
        return List.of();
    }

    /** Run directories of this JVM still there (none once every lab is closed). */
    static List<String> leftBehind() {
        String prefix = "nx" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> runs = Files.list(NetnsView.BASE)) {
            return runs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The real uid, from /proc (no process, and no dependency on the jdk.security.auth module). */
    private static long uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted: treat as "not root", which names the problem well enough
        }
        return -1;
    }

    /** As {@link #assumeAvailable()}, for one more tool a test needs: skipped without it, failed under NETEMU_REQUIRE_LINUX=1. */
    public static void assumeTool(String tool, String aptPackage) {
        if (onPath(tool)) {
            return;
        }
        String msg = "real-Linux oracle unavailable: " + tool + " not on PATH (apt package " + aptPackage + ")";
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            org.junit.jupiter.api.Assertions.fail(msg + "; failing because " + REQUIRE_ENV + "=1");
        }
        org.junit.jupiter.api.Assumptions.abort(msg);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }

    /** The lab file {@code linux-labs/NAME.yaml} from the test resources, loaded and validated. */
    public static Lab lab(String name) {
        return LabLoader.load(labFile(name)).lab();
    }

    /** Every lab in {@code linux-labs/}, by name (file name without .yaml), sorted. */
    public static List<String> labNames() {
        try (Stream<Path> files = Files.list(resource("/linux-labs"))) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - ".yaml".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path labFile(String name) {
        return resource("/linux-labs/" + name + ".yaml");
    }

    /** A test resource as a file: the labs are read from target/test-classes, never from a jar. */
    private static Path resource(String name) {
        URL url = LinuxOracle.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no " + name + " in the test resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(url.toString(), e);
        }
    }
}
