package io.netemu.cluster.placement.bench;

import io.netemu.cluster.placement.Labs;
import io.netemu.cluster.placement.Partitioner;
import io.netemu.cluster.placement.Placement;
import io.netemu.cluster.placement.PlacementRequest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Partitioner#place} on a 10,000-node lab for 3 members, in the shapes {@code netemu gen}
 * writes:
 *
 * <pre>
 *  leafspine  48 spines, 200 leaves x 49 hosts   10,048 nodes  19,400 links
 *  fattree    k = 32                               9,472 nodes  24,576 links
 *  random     random pairs (no structure to find) 10,000 nodes  20,000 links
 * </pre>
 *
 * The score is ms per placement; the placement's summary line (cut links, balance) is printed
 * once per trial.
 *
 * <p>Run (see docs/PERFORMANCE.md):
 * <pre>
 * ./mvnw -q -o -pl cluster-config -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.cp
 * java -cp cluster-config/target/test-classes:cluster-config/target/classes:$(cat cluster-config/target/jmh.cp) org.openjdk.jmh.Main PlacementBench
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
public class PlacementBench {
    @Param({"leafspine", "fattree", "random"})
    public String shape;

    @Param({"3"})
    public int members;

    private PlacementRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        request = switch (shape) {
            case "leafspine" -> Labs.leafSpine(48, 200, 49, members);
            case "fattree" -> Labs.fatTree(32, members);
            case "random" -> Labs.random(new Random(1), 10_000, 20_000, members);
            default -> throw new IllegalArgumentException("shape " + shape + ": use leafspine, fattree or random");
        };
        long start = System.nanoTime();
        Placement first = Partitioner.place(request);
        System.out.printf("%n%s: %s (first call, cold: %.0f ms)%n", shape, first.summary(request.links().size()),
                (System.nanoTime() - start) / 1e6);
    }

    @Benchmark
    public Placement place() {
        return Partitioner.place(request);
    }
}
