package io.netemu.test.xdp;

import io.netemu.test.e2e.Labs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's XDP programs compiled by clang at test time, into a folder of their own with the
 * labs beside them (a lab names its objects relative to its own folder). Without clang the tests
 * that need them are skipped with the reason, unless NETEMU_REQUIRE_CLANG=1 (CI) makes that a
 * failure.
 */
public final class XdpObjects {
    private static Path built;

    private XdpObjects() {}

    public static Path source() { return Labs.repo().resolve("topologies/xdp"); }

    /** A folder with every topologies/xdp/*.c compiled to .o and every lab copied; built once per JVM. */
    public static synchronized Path dir() throws IOException, InterruptedException {
        if (built != null) {
            return built;
        }
        Path out = Files.createTempDirectory("netemu-xdp-");
        try (Stream<Path> s = Files.list(source())) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".yaml")) {
                    Files.copy(p, out.resolve(n));
                } else if (n.endsWith(".c")) {
                    compile(p, out.resolve(n.replace(".c", ".o")));
                }
            }
        }
        built = out;
        return out;
    }

    /** clang -O2 -g -target bpf, as the Makefile does. */
    public static void compile(Path c, Path o) throws IOException, InterruptedException {
        requireClang();
        List<String> cmd = new ArrayList<>(List.of("clang", "-O2", "-g", "-target", "bpf", "-Wall",
                "-I/usr/include/x86_64-linux-gnu", "-c", c.toString(), "-o", o.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        Assertions.assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "clang " + c + ":\n" + log);
    }

    public static void requireClang() {
        boolean have = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "clang")))
                && Files.exists(Path.of("/usr/include/bpf/bpf_helpers.h"));
        if (!have) {
            String why = "XDP programs need clang and libbpf-dev (apt-get install clang libbpf-dev)";
            if ("1".equals(System.getenv("NETEMU_REQUIRE_CLANG"))) {
                Assertions.fail(why + "; NETEMU_REQUIRE_CLANG=1 makes this a failure");
            }
            Assumptions.abort(why);
        }
    }
}
