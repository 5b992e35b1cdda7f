package io.netemu.cli;

import io.netemu.cli.console.ConsoleLoop;
import io.netemu.cli.console.ConsoleShell;
import io.netemu.cli.console.LabSession;
import io.netemu.topologies.lab.Lab;
import io.netemu.topologies.lab.LabLoadResult;
import io.netemu.topologies.lab.StepSpec;
import io.netemu.topologies.run.RunListener;
import io.netemu.topologies.run.StepResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netemu console LAB}: boot the lab, then a shell on it, as Mininet's CLI. The lab's
 * scenario runs only with {@code --scenario} (its steps print as they end, between commands).
 * Exit status: the last command's, or 2 when the lab could not boot.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Boot a lab and open a shell on it: NODE COMMAND, nodes, links, dump, link NODE:IFACE up|down,",
                "crash NODE, restart NODE, help, exit. Reads commands from stdin when it is not a terminal.",
                "Exit status: the last command's; 2 when the lab could not boot."})
final class ConsoleCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAB", description = "the lab file (YAML)")
    Path labFile;

    @Option(names = "--seed", paramLabel = "N", description = "seed for random choices (loss, jitter); overrides the lab's seed:")
    Long seed;

    @Option(names = "--scenario", description = "also run the lab's scenario, in the background")
    boolean scenario;

    @Option(names = {"-q", "--quiet"}, description = "do not print the boot progress")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        LabLoadResult loaded = LabFiles.load(labFile, System.err);
        if (loaded == null) {
            return 2;
        }
        Lab lab = seed == null ? loaded.lab() : loaded.lab().withSeed(seed);
        ConsoleListener printer = new ConsoleListener(quiet ? nullStream() : System.out, true);
        AtomicReference<ConsoleShell> shell = new AtomicReference<>();
        RunListener listener = new RunListener() {
            @Override public void bootStarted(String name, int nodes, int links) { printer.bootStarted(name, nodes, links); }
            @Override public void bootEnded(long bootMs) { printer.bootEnded(bootMs); }
            @Override public void stepEnded(StepResult r) {
                new ConsoleListener(System.out, false).stepEnded(r);
                ConsoleShell s = shell.get();
                if (s != null && r.exit() == 0) { // the console's idea of links and nodes follows the scenario
                    switch (r.step()) {
                        case StepSpec.LinkStep l -> s.linkChanged(l.link(), l.up());
                        case StepSpec.ActionStep a -> s.nodeChanged(a.node(), a.action().equals(StepSpec.ActionStep.RESTART));
                        default -> { }
                    }
                }
            }
        };
        LabSession session = LabSession.boot(lab, listener, scenario, r -> System.err.println("netemu: " + r.error()));
        if (session == null) {
            return 2;
        }
        try (session) {
            shell.set(new ConsoleShell(session, lab, System.out, System.err));
            return ConsoleLoop.run(shell.get(), System.in);
        }
    }

    private static java.io.PrintStream nullStream() {
        return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    }
}
