package io.netemu.ebpf.verifier;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netemu.ebpf.isa.Insn;
import io.netemu.ebpf.isa.Opcodes;
import io.netemu.ebpf.map.MapSpec;
import io.netemu.ebpf.map.MapType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real clang output must verify: each C program under src/test/c/verifier is compiled, its
 * "xdp" section taken and its map references patched into the loaded form by hand (what the
 * loader does), then verified. Prints how long each took.
 */
class ClangCorpusTest {
    private static final Path SOURCES = Path.of("src/test/c/verifier");

    /** Map declarations of the C sources, as the loader would read them from BTF. */
    private static final Map<String, MapSpec> MAPS = Map.of(
            "counts", new MapSpec("counts", MapType.HASH, 4, 8, 1024, 0),
            "tx_ports", new MapSpec("tx_ports", MapType.DEVMAP, 4, 4, 8, 0),
            "blocklist", new MapSpec("blocklist", MapType.LPM_TRIE, 8, 4, 256, MapSpec.F_NO_PREALLOC));

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

    /** Unsafe C programs (src/test/c/verifier/unsafe): clang builds them, the verifier must not take them. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pkt_nocheck | invalid access to packet, off=12 size=1",
            "null_deref  | invalid mem access 'map_value_or_null'",
            "spin_loop   | infinite loop detected at insn",
            "bad_verdict | should have been in [0, 4]"})
    void rejects(String name, String phrase) throws Exception {
        List<MapSpec> maps = new ArrayList<>();
        long[] prog = load(new MiniElf(Files.readAllBytes(compile("unsafe/" + name))), maps);
        VerifierException e = assertThrows(VerifierException.class, () -> Verifier.verify(prog, maps, ProgramType.XDP));
        assertTrue(e.log().contains(phrase), () -> "expected \"" + phrase + "\" in:\n" + e.log());
    }

    private static Path compile(String name) throws Exception {
        Path obj = out.resolve(name.replace('/', '_') + ".o");
        Process p = new ProcessBuilder("clang", "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu",
                "-c", SOURCES.resolve(name + ".c").toString(), "-o", obj.toString()).redirectErrorStream(true).start();
        String cc = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), cc);
        return obj;
    }

    @ParameterizedTest
    @ValueSource(strings = {"drop_icmp", "src_counter", "port_redirect", "mac_swap", "lpm_blocklist", "bounded_loop", "printk"})
    void verifies(String name) throws Exception {
        Path obj = compile(name);
        List<MapSpec> maps = new ArrayList<>();
        long[] insns = load(new MiniElf(Files.readAllBytes(obj)), maps);
        long t0 = System.nanoTime();
        VerifierResult r;
        try {
            r = Verifier.verify(insns, maps, ProgramType.XDP);
        } catch (VerifierException e) {
            fail(name + " rejected:\n" + e.log());
            return;
        }
        long us = (System.nanoTime() - t0) / 1000;
        System.out.printf("verifier corpus: %-14s %3d insns, %5d processed, %6d us%n", name, insns.length, r.insnsProcessed(), us);
    }

    /** The "xdp" section with map ld_imm64 patched: src=1/imm=index, or src=2 for global data. */
    static long[] load(MiniElf elf, List<MapSpec> maps) {
        MiniElf.Section prog = elf.section("xdp");
        long[] insns = elf.words(prog);
        for (MiniElf.Reloc rel : elf.relocations(prog)) {
            int at = (int) (rel.offset() / 8);
            assertEquals(Opcodes.LDDW, Insn.opcode(insns[at]), "relocation not on an ld_imm64 at " + at);
            MiniElf.Section where = elf.sections.get(rel.sym().shndx());
            if (where.name().equals(".maps")) {
                MapSpec m = MAPS.get(rel.sym().name());
                assertNotNull(m, "no spec for map " + rel.sym().name());
                insns[at] = Insn.withImm(Insn.withSrc(insns[at], Opcodes.PSEUDO_MAP_FD), indexOf(maps, m));
            } else {
                // global data: one ARRAY map per section, the symbol's offset plus the insn's addend
                boolean ro = where.name().startsWith(".rodata");
                MapSpec m = new MapSpec(where.name(), MapType.ARRAY, 4, (int) where.size(), 1, ro ? MapSpec.F_RDONLY_PROG : 0);
                int off = (int) rel.sym().value() + Insn.imm(insns[at]);
                insns[at] = Insn.withImm(Insn.withSrc(insns[at], Opcodes.PSEUDO_MAP_VALUE), indexOf(maps, m));
                insns[at + 1] = Insn.withImm(insns[at + 1], off);
            }
        }
        return insns;
    }

    private static int indexOf(List<MapSpec> maps, MapSpec m) {
        int i = maps.indexOf(m);
        if (i >= 0) return i;
        maps.add(m);
        return maps.size() - 1;
    }
}
