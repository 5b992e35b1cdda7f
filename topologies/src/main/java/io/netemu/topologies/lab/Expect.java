package io.netemu.topologies.lab;

/**
 * What a scenario step must produce: an exit status, a substring of stdout, or both
 * (a null field is not checked).
 */
public record Expect(Integer exit, String stdout) {
    public Expect {
        if (exit == null && stdout == null) {
            throw new IllegalArgumentException("an expectation needs exit, stdout or both");
        }
    }

    /** True when the step's outcome satisfies every field that is set. */
    public boolean test(int exitStatus, String out) {
        return (exit == null || exit == exitStatus) && (stdout == null || (out != null && out.contains(stdout)));
    }
}
