package io.netemu.topologies.lab;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A lab file that cannot run: every error found in it, in file order, so a user fixes them in one
 * pass instead of one per run. Unchecked, because the only sensible handling is to print it.
 *
 * <p>{@link #getMessage()} is the errors, one {@code FILE:LINE:COL: message} per line. The
 * warnings found on the way are kept too: an unknown key ("endpoint") often explains an error
 * (missing "endpoints"), so callers should print them as well.
 */
public final class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<LabDiagnostic> errors;
    private final List<LabDiagnostic> warnings;

    public LabException(List<LabDiagnostic> errors, List<LabDiagnostic> warnings) {
        super(errors.stream().map(LabDiagnostic::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a LabException needs at least one error");
        }
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    public LabException(List<LabDiagnostic> errors) {
        this(errors, List.of());
    }

    public List<LabDiagnostic> errors() {
        return errors;
    }

    public List<LabDiagnostic> warnings() {
        return warnings;
    }
}
