package io.netemu.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netemu.ebpf.elf.BpfObject;
import io.netemu.ebpf.elf.BpfObjectLoader;
import io.netemu.ebpf.elf.MapDef;
import io.netemu.ebpf.map.MapSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real clang output must verify: every XDP program the project ships (topologies/xdp) and a few
 * more shapes (src/test/c/verifier) are compiled, loaded by the ELF loader and verified; unsafe
 * ones (src/test/c/verifier/unsafe) must be refused. Prints how long each verification took.
 */
class ClangCorpusTest {
    private static final Path SOURCES = Path.of("src/test/c/verifier");
    private static final Path SHIPPED = Path.of("../topologies/xdp");

    private static Path out;

    @BeforeAll
    static void needClang() throws Exception {
        boolean have = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "clang"))) have = true;
        }
        if ("1".equals(System.getenv("NETEMU_REQUIRE_CLANG"))) assertTrue(have, "NETEMU_REQUIRE_CLANG=1 but clang is not on PATH");
        assumeTrue(have, "clang is not on PATH: skipping the clang-built verifier corpus");
        out = Files.createTempDirectory("verifier-corpus");
    }

    /** Unsafe C programs: clang builds them, the verifier must not take them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pkt_nocheck | invalid access to packet, off=12 size=1",
            "null_deref  | invalid mem access 'map_value_or_null'",
            "spin_loop   | infinite loop detected at insn",
            "bad_verdict | should have been in [0, 4]"})
    void rejects(String name, String phrase) throws Exception {
        BpfObject obj = compile(SOURCES.resolve("unsafe/" + name + ".c"));
        VerifierException e = assertThrows(VerifierException.class,
                () -> Verifier.verify(obj.programs().get(0).insns(), specs(obj), ProgramType.XDP));
        assertTrue(e.log().contains(phrase), () -> "expected \"" + phrase + "\" in:\n" + e.log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"drop_icmp", "count_src", "redirect_port", "swap_mac", "lpm_block", "xdp_router"})
    void verifiesEveryShippedProgram(String name) throws Exception {
        verifies(SHIPPED.resolve(name + ".c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bounded_loop", "printk"})
    void verifiesBoundedLoopsAndPrintk(String name) throws Exception {
        verifies(SOURCES.resolve(name + ".c"));
    }

    private static void verifies(Path source) throws Exception {
        BpfObject obj = compile(source);
        long[] insns = obj.programs().get(0).insns();
        long t0 = System.nanoTime();
        VerifierResult r;
        try {
            r = Verifier.verify(insns, specs(obj), ProgramType.XDP);
        } catch (VerifierException e) {
            fail(source + " rejected:\n" + e.log());
            return;
        }
        long us = (System.nanoTime() - t0) / 1000;
        System.out.printf("verifier corpus: %-16s %3d insns, %5d processed, %6d us%n",
                source.getFileName(), insns.length, r.insnsProcessed(), us);
    }

    private static List<MapSpec> specs(BpfObject obj) {
        return obj.maps().stream().map(MapDef::spec).toList();
    }

    private static BpfObject compile(Path source) throws Exception {
        Path obj = out.resolve(source.getFileName().toString().replace(".c", ".o"));
        Process p = new ProcessBuilder("clang", "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu",
                "-c", source.toString(), "-o", obj.toString()).redirectErrorStream(true).start();
        String cc = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), cc);
        return BpfObjectLoader.load(obj);
    }
}
