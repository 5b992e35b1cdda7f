package io.netemu.cli;

import io.netemu.topologies.lab.LabLoadResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code netemu validate LAB}: checks a lab file without booting it; exit 0 if valid, 2 if not. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a lab file and report every mistake with its position.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAB", description = "the lab file (YAML)")
    Path lab;

    @Override
    public Integer call() {
        LabLoadResult r = LabFiles.load(lab, System.err);
        if (r == null) {
            return 2;
        }
        System.out.println(lab + ": lab " + r.lab().name() + " is valid: " + r.lab().nodes().size() + " nodes, "
                + r.lab().links().size() + " links, " + r.lab().steps().size() + " scenario steps");
        return 0;
    }
}
