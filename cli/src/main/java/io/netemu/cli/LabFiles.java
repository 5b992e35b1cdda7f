package io.netemu.cli;

import io.netemu.topologies.lab.LabDiagnostic;
import io.netemu.topologies.lab.LabException;
import io.netemu.topologies.lab.LabLoadResult;
import io.netemu.topologies.lab.LabLoader;
import java.io.PrintStream;
import java.nio.file.Path;

/** Loads a lab file for a command, printing warnings and, on errors, every diagnostic. */
final class LabFiles {
    private LabFiles() {}

    /** The loaded lab, or null after printing its errors to {@code err}. */
    static LabLoadResult load(Path file, PrintStream err) {
        try {
            LabLoadResult r = LabLoader.load(file);
            for (LabDiagnostic w : r.warnings()) {
                err.println(w + " (warning)");
            }
            return r;
        } catch (LabException e) {
            for (LabDiagnostic w : e.warnings()) {
                err.println(w + " (warning)");
            }
            for (LabDiagnostic d : e.errors()) {
                err.println(d);
            }
            return null;
        }
    }

    static String errors(LabException e) {
        StringBuilder sb = new StringBuilder();
        for (LabDiagnostic d : e.errors()) {
            sb.append(d).append('\n');
        }
        return sb.toString().strip();
    }
}
