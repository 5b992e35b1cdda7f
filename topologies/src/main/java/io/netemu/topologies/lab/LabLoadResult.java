package io.netemu.topologies.lab;

import java.util.List;
import java.util.Objects;

/** A lab that passed validation, and the warnings (unknown or ignored keys) met on the way. */
public record LabLoadResult(Lab lab, List<LabDiagnostic> warnings) {
    public LabLoadResult {
        Objects.requireNonNull(lab, "lab");
        warnings = List.copyOf(warnings);
    }
}
