package io.netemu.cli.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the JVM says about itself, read the same way by every benchmark. */
final class JvmStats {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private JvmStats() {}

    /** A point-in-time reading: wall clock, process CPU, GCs, bytes allocated by all threads, heap used. */
    record Snapshot(long nanos, long cpuNanos, long gcCount, long gcMillis, long allocatedBytes, long heapUsed) {
        static Snapshot now() {
            long count = 0;
            long ms = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                ms += Math.max(0, gc.getCollectionTime());
            }
            return new Snapshot(System.nanoTime(), JvmStats.cpuNanos(), count, ms, JvmStats.allocatedBytes(), MEMORY.getHeapMemoryUsage().getUsed());
        }
    }

    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t.getTotalThreadAllocatedBytes();
        }
        return -1;
    }

    /**
     * The live heap: the total of the class histogram of live objects (it runs a full GC first),
     * or, without the DiagnosticCommand MBean, heap used after full GCs. The histogram is the
     * better measure: ParallelGC's full GC leaves dead objects in its dense prefix, which heap used counts.
     */
    static long liveHeap() {
        usedAfterGc();
        long total = histogramTotal(classHistogram());
        return total > 0 ? total : usedAfterGc();
    }

    /** The "Total" line of a class histogram, in bytes; -1 if none. */
    static long histogramTotal(String histogram) {
        java.util.regex.Matcher x = java.util.regex.Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)").matcher(histogram);
        return x.find() ? Long.parseLong(x.group(2)) : -1;
    }

    /** Heap used after full collections, once it stops shrinking (at most 5 rounds). */
    static long usedAfterGc() {
        long prev = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = MEMORY.getHeapMemoryUsage().getUsed();
            if (i >= 2 && used >= prev - 1024) {
                break;
            }
            prev = used;
        }
        return used;
    }

    static String gcNames() {
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.add(gc.getName());
        }
        return String.join(", ", names);
    }

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s %s (%s), %d CPUs, max heap %s, GC %s",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vendor"), rt.availableProcessors(), mib(rt.maxMemory()), gcNames());
    }

    /** The class histogram of live objects ({@code jcmd PID GC.class_histogram}), via the DiagnosticCommand MBean. */
    static String classHistogram() {
        try {
            var server = ManagementFactory.getPlatformMBeanServer();
            var name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
            return (String) server.invoke(name, "gcClassHistogram", new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
        } catch (Exception e) {
            return "";
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static String si(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** min, median, max of the values. */
    static double[] minMedMax(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double med = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return new double[] {s[0], med, s[s.length - 1]};
    }
}
