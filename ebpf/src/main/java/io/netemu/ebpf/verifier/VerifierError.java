package io.netemu.ebpf.verifier;

/**
 * Thrown inside the walk when a path breaks a rule; {@link Verifier} turns it into a
 * {@link VerifierException} with the path's log. Unchecked so the rule code stays plain.
 */
final class VerifierError extends RuntimeException {
    VerifierError(String reason) {
        super(reason, null, false, false);
    }
}
