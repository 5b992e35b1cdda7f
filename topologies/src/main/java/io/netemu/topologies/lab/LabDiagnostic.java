package io.netemu.topologies.lab;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding about a lab file, at a 1-based line and column of the YAML node it concerns.
 *
 * <p>{@link #toString()} is exactly {@code FILE:LINE:COL: message}, the form compilers use, so
 * editors and terminals can jump to the spot; the severity is not part of it.
 */
public record LabDiagnostic(String file, int line, int column, Severity severity, String message) {

    /** Errors stop the lab before anything boots; warnings are reported and the lab still runs. */
    public enum Severity { ERROR, WARNING }

    /** File order: by line, then column. */
    public static final Comparator<LabDiagnostic> BY_POSITION =
            Comparator.comparingInt(LabDiagnostic::line).thenComparingInt(LabDiagnostic::column);

    public LabDiagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
