package io.netemu.ebpf.conformance;

import io.netemu.ebpf.asm.Assembler;
import io.netemu.ebpf.map.BpfMap;
import io.netemu.ebpf.vm.AddressSpace;
import io.netemu.ebpf.vm.HelperTable;
import io.netemu.ebpf.vm.Interpreter;
import io.netemu.ebpf.vm.LoadedProgram;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a directory of bpf_conformance files in-process, as upstream's runner drives a plugin:
 * r1 = a writable copy of the file's memory (0 when it has none), r2 = its length, r10 = the top
 * of a 512-byte stack, and helper 5 returning its r1 (the suite only needs it to return). A file
 * passes when r0 equals its result, or, for a file that expects only an error, when assembling
 * or running it fails (the error text is implementation-specific and not compared).
 */
public final class ConformanceRunner {
    private ConformanceRunner() {}

    /** A file made ready to run: its program and its input memory (null when none). */
    public record Prepared(ConformanceFile file, LoadedProgram program, byte[] mem) {}

    /** The helpers the suite calls: only 5. */
    public static HelperTable helpers() {
        return new HelperTable().set(5, (vm, r1, r2, r3, r4, r5) -> r1);
    }

    /**
     * Runs every {@code *.data} file of {@code dir}, printing one line per failing file and then
     * "N passed, M failed". Exit status: 0 all passed, 1 some failed, 2 no such directory or no
     * {@code .data} file in it. Usable as {@code netemu bpf conformance DIR}.
     */
    public static int run(Path dir, PrintStream out) {
        return run(dir, out, new Interpreter(helpers()).jit());
    }

    /** As {@link #run(Path, PrintStream)}, with the JIT on or off (the suite checks both). */
    public static int run(Path dir, PrintStream out, boolean jit) {
        List<Path> files;
        try {
            files = dataFiles(dir);
        } catch (IOException e) {
            out.println("cannot read conformance directory " + dir + ": " + e.getMessage());
            return 2;
        }
        if (files == null) {
            out.println("no conformance directory " + dir);
            return 2;
        }
        if (files.isEmpty()) {
            out.println("no .data files in " + dir);
            return 2;
        }
        Interpreter vm = new Interpreter(helpers()).jit(jit);
        int passed = 0, failed = 0;
        for (Path f : files) {
            String why = check(f, vm);
            if (why == null) passed++;
            else {
                failed++;
                out.println("FAIL " + f.getFileName() + ": " + why);
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    /** The {@code .data} files of dir in name order, or null when dir is not a directory. */
    public static List<Path> dataFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return null;
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".data")).sorted().toList());
        }
    }

    /** Why a file fails, or null when it passes. */
    public static String check(Path file, Interpreter vm) {
        ConformanceFile f;
        try {
            f = ConformanceFile.read(file);
        } catch (IOException | IllegalArgumentException e) {
            return "unreadable: " + e.getMessage();
        }
        return check(f, vm);
    }

    public static String check(ConformanceFile f, Interpreter vm) {
        boolean expectsError = f.result() == null && f.error() != null;
        Prepared p;
        try {
            p = prepare(f);
        } catch (IllegalArgumentException e) {
            return expectsError ? null : "does not assemble: " + e.getMessage();
        }
        if (f.result() == null && f.error() == null) return "neither a result nor an error to compare with";
        boolean ok = run(vm, p);
        if (expectsError) return ok ? "expected an error (" + f.error() + "), got r0 = 0x" + Long.toHexString(vm.r0()) : null;
        if (!ok) return "trap: " + vm.trapMessage();
        if (vm.r0() != f.result()) {
            return "expected 0x" + Long.toHexString(f.result()) + ", got 0x" + Long.toHexString(vm.r0());
        }
        return null;
    }

    /** Assembles (or takes the raw slots of) a file; {@link IllegalArgumentException} when it cannot. */
    public static Prepared prepare(ConformanceFile f) {
        long[] insns = f.raw() != null ? f.raw() : f.asm() != null ? Assembler.assemble(f.asm()) : null;
        if (insns == null || insns.length == 0) throw new IllegalArgumentException("no program");
        return new Prepared(f, new LoadedProgram(f.name(), insns, new BpfMap[0], 0), f.mem());
    }

    /** One run on a fresh writable copy of the memory; true when it reached its exit. */
    public static boolean run(Interpreter vm, Prepared p) {
        AddressSpace m = vm.memory();
        if (p.mem() == null) {
            m.clearRegion(AddressSpace.MEM);
            return vm.run(p.program(), 0, 0);
        }
        byte[] copy = p.mem().clone();
        m.setRegion(AddressSpace.MEM, copy, 0, 0, copy.length, true);
        return vm.run(p.program(), AddressSpace.address(AddressSpace.MEM, 0), copy.length);
    }
}
