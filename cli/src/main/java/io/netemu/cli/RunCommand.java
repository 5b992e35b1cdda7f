package io.netemu.cli;

import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabDiagnostic;
import io.netemu.topologies.lab.LabException;
import io.netemu.topologies.lab.LabLoader;
import io.netemu.topologies.lab.LabLoadResult;
import io.netemu.topologies.report.HtmlReport;
import io.netemu.topologies.report.ReportModel;
import io.netemu.topologies.run.LabRunner;
import io.netemu.topologies.run.ReportJson;
import io.netemu.topologies.run.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netemu run LAB}: boot the lab, run its scenario, print and report; exit 0, 1 or 2. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Boot a lab, run its scenario and report. Exit 0: every expectation held; 1: one failed; 2: the lab could not run.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAB", description = "the lab file (YAML)")
    Path labFile;

    @Option(names = "--report", paramLabel = "FILE",
            description = "also write the report as JSON to FILE (steps, counters sampled over time, faults, flows)")
    Path report;

    @Option(names = "--html", paramLabel = "FILE",
            description = "also write the report as one self-contained HTML page to FILE")
    Path html;

    @Option(names = "--sample-interval", paramLabel = "DURATION", defaultValue = "100ms",
            description = "how often --report and --html sample every interface's counters (default: ${DEFAULT-VALUE})")
    String sampleInterval;

    @Option(names = "--seed", paramLabel = "N", description = "seed for random choices (loss, jitter); overrides the lab's seed:")
    Long seed;

    @Option(names = "--routing", paramLabel = "MODE",
            description = "none or shortest-path: overrides the lab's routing: (shortest-path fills in static routes from the nodes' addresses)")
    String routing;

    @Option(names = "--capture", paramLabel = "NODE:IFACE",
            description = "record this interface to a pcap file for the whole run (repeatable; adds to the lab's capture:)")
    List<String> capture = new java.util.ArrayList<>();

    @Option(names = "--capture-dir", paramLabel = "DIR",
            description = "where the capture files LAB-NODE-IFACE.pcap go (default: the current directory)")
    Path captureDir = Path.of("");

    @Option(names = {"-q", "--quiet"}, description = "print only failed steps and the summary")
    boolean quiet;

    @Option(names = "--members", paramLabel = "N",
            description = "spread the lab over N cluster members: start N member JVMs on this machine and stop them"
                    + " afterwards (with --cluster: wait for N members of that cluster)")
    Integer members;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "run the lab on the members of the running cluster whose seed is HOST:PORT (see netemu member)")
    String cluster;

    @Option(names = "--cluster-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "how long to wait for the members to start and join (default: ${DEFAULT-VALUE})")
    String clusterTimeout;

    @Override
    public Integer call() throws IOException {
        LabLoadResult loaded;
        try {
            loaded = LabLoader.load(labFile);
        } catch (LabException e) {
            e.warnings().forEach(w -> System.err.println(w + " (warning)"));
            e.errors().forEach(System.err::println);
            String name = labFile.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            writeReport(new RunReport(name, 0, List.of(), false, LabFiles.errors(e)));
            return 2;
        }
        for (LabDiagnostic w : loaded.warnings()) {
            System.err.println(w + " (warning)");
        }
        Lab lab = loaded.lab();
        if (seed != null) {
            lab = lab.withSeed(seed);
        }
        if (routing != null) {
            if (!Lab.ROUTING_MODES.contains(routing)) {
                System.err.println("netemu run: --routing " + routing + ": expected one of " + String.join(", ", Lab.ROUTING_MODES));
                return 2;
            }
            lab = lab.withRouting(routing);
        }
        if (!capture.isEmpty()) {
            try {
                lab = lab.withCapture(capture.stream().map(io.netemu.topologies.lab.Endpoint::parse).toList());
            } catch (IllegalArgumentException e) {
                System.err.println("netemu run: --capture: " + e.getMessage());
                return 2;
            }
        }
        if (!lab.capture().isEmpty()) {
            Files.createDirectories(captureDir.toAbsolutePath());
        }
        String sampling = "off";
        if (report != null || html != null) {
            try {
                long nanos = com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of("d", sampleInterval))
                        .getDuration("d").toNanos();
                if (nanos < 1_000_000) {
                    throw new IllegalArgumentException("below 1 ms");
                }
            } catch (RuntimeException e) {
                System.err.println("netemu run: --sample-interval " + sampleInterval + ": expected a duration of 1ms or more, such as 100ms or 1s");
                return 2;
            }
            sampling = sampleInterval;
        }
        java.time.Duration timeout;
        if (members != null && (members < 1 || members > 64)) {
            System.err.println("netemu run: --members " + members + ": expected 1 to 64 members");
            return 2;
        }
        try {
            timeout = com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of("d", clusterTimeout)).getDuration("d");
        } catch (RuntimeException e) {
            System.err.println("netemu run: --cluster-timeout " + clusterTimeout + ": expected a duration such as 60s");
            return 2;
        }
        ConsoleListener listener = new ConsoleListener(System.out, quiet, ConsoleListener.isTerminal());
        RunReport r;
        try {
            r = members == null && cluster == null ? LabRunner.run(lab, listener, captureDir, sampling)
                    : ClusterRun.run(lab, listener, captureDir, sampling, members, cluster, timeout);
        } finally {
            listener.close();
        }
        if (r.error() != null) {
            System.err.println("netemu: " + r.error());
        }
        for (RunReport.Capture c : r.captures()) {
            System.out.println(c.error() == null
                    ? "capture " + c.iface() + ": " + c.file() + " (" + c.frames() + (c.frames() == 1 ? " frame)" : " frames)")
                    : "capture " + c.iface() + ": not written: " + c.error());
        }
        ConsoleListener.summary(System.out, r);
        writeReport(r);
        return r.exitStatus();
    }

    private void writeReport(RunReport r) throws IOException {
        if (report != null) {
            Files.writeString(report, ReportJson.write(r));
        }
        if (html != null) {
            Files.writeString(html, HtmlReport.write(ReportModel.of(r)));
        }
    }
}
