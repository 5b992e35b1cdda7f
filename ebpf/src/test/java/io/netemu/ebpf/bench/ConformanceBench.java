package io.netemu.ebpf.bench;

import io.netemu.ebpf.conformance.ConformanceFile;
import io.netemu.ebpf.conformance.ConformanceRunner;
import io.netemu.ebpf.vm.Interpreter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Every program of the conformance suite, one run each per benchmark call (with the fresh copy
 * of its memory the contract asks for); the score divided by the file count is ns per run.
 * The suite's directory comes from -Dnetemu.conformance (the parent of bpf/), default
 * ../shared/conformance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConformanceBench {
    private final List<ConformanceRunner.Prepared> programs = new ArrayList<>();
    private Interpreter vm;

    @Setup
    public void setup() throws Exception {
        Path dir = Path.of(System.getProperty("netemu.conformance", "../shared/conformance"), "bpf");
        for (Path f : ConformanceRunner.dataFiles(dir)) programs.add(ConformanceRunner.prepare(ConformanceFile.read(f)));
        if (programs.isEmpty()) throw new IllegalStateException("no conformance files in " + dir);
        vm = new Interpreter(ConformanceRunner.helpers());
        System.out.println("\n" + programs.size() + " programs per call");
    }

    @Benchmark
    public long allPrograms() {
        long acc = 0;
        for (ConformanceRunner.Prepared p : programs) {
            ConformanceRunner.run(vm, p);
            acc += vm.r0();
        }
        return acc;
    }
}
